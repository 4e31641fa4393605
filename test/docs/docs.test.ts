// The docs live in the project and say what the code does: the generated pages are what the catalogues give,
// every test the validation table names exists and names its row, no doc, help text or list points outside the
// project, and "seed" never names a design document.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsFiles } from '../../harness/docs/docs-files.ts';
import { ROOT } from './doc-examples.ts';

/** Every Markdown file of the project a user reads, and the scenario files (their sources and assumptions are docs too). */
function userFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = join(dir, name);
      if (['node_modules', 'dist', 'results', '.git', 'test'].includes(name)) return [];
      return statSync(join(ROOT, path)).isDirectory() ? walk(path) : /\.(md|yaml)$/.test(name) ? [path] : [];
    });
  return walk('.').map((path) => path.replace(/^\.\//, ''));
}

const COMMANDS = ['run', 'validate', 'list', 'fix-acceptor', 'schema', 'sweep', 'merge', 'compare', 'report', 'charts', 'drill', 'facts', 'explain'];
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/execdrill.js'), ...args], { cwd: ROOT, encoding: 'utf8' }).stdout;

describe('docs/', () => {
  it('holds the generated pages exactly as `npm run docs` writes them', () => {
    for (const [path, text] of Object.entries(docsFiles())) expect(readFileSync(join(ROOT, path), 'utf8'), `${path}: run npm run docs`).toBe(text);
  });

  it('names, for each row of the validation table, tests that exist and name the row', () => {
    const table = readFileSync(join(ROOT, 'docs/VALIDATION.md'), 'utf8');
    const rows = table.split('\n').filter((line) => /^\| [A-Z]\d+b? \|/.test(line));
    expect(rows.length).toBe(20);
    for (const row of rows) {
      const id = row.split('|')[1].trim();
      const tests = [...row.matchAll(/`(test\/[^`]+\.ts)`/g)].map((m) => m[1]);
      expect(tests.length, id).toBeGreaterThan(0);
      for (const test of tests) expect(existsSync(join(ROOT, test)), `${id}: ${test}`).toBe(true);
      expect(tests.some((test) => new RegExp(`\\b${id}\\b`).test(readFileSync(join(ROOT, test), 'utf8'))), `${id} named in ${tests.join(', ')}`).toBe(true);
    }
    for (const test of [...table.matchAll(/`(test\/[^`]+\.ts)`/g)].map((m) => m[1])) expect(existsSync(join(ROOT, test)), test).toBe(true);
  });

  it('links only to files inside the project, and every link resolves', () => {
    for (const file of userFiles().filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^https?:/.test(target)) continue;
        const path = resolve(ROOT, dirname(file), target);
        expect(relative(ROOT, path).startsWith('..'), `${file} links outside the project: ${target}`).toBe(false);
        expect(existsSync(path), `${file}: ${target}`).toBe(true);
      }
    }
  });

  it('sends no reader outside the project, and never calls a design document a seed: docs, scenario files, help and lists', () => {
    const texts: Array<[string, string]> = userFiles().map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]);
    texts.push(['execdrill --help', cli('--help')], ...COMMANDS.map((command): [string, string] => [`execdrill ${command} --help`, cli(command, '--help')]));
    for (const what of ['scenarios', 'policies', 'metrics']) texts.push([`execdrill list ${what}`, cli('list', what)]);
    for (const [where, text] of texts) {
      expect(text, where).not.toMatch(/\.\.\/shared|shared\/(seeds|fix-acceptance)|\/work\/|seeds\/00\d|\b(DESIGN|STYLE|FACTS|MARKET)\.md\b/);
      expect(text, where).not.toMatch(/\bseed (document|00[0-4])|\bSeed 00[0-4]\b|\bseed-00[0-4]\b/);
    }
  });
});
