/**
 * Every documented example runs: each command in the README, the docs, the READMEs beside the code and every
 * command's --help examples is gathered, and then run as written (the short ones: run, explain, list, validate,
 * the CI smoke drill, --version) or, where it is long (a 200-seed sweep, the bundled drill), validated: the
 * command exists, every option it gives is one its --help lists, every file it reads is in the project or is
 * written by another documented example, and an npm script it names exists. Files the docs tell a reader to save
 * (my-policy.ts, confidence-ramp.ts) are written from their examples first. The README's own-repository commands
 * run in an installed package instead (test/pack-install.e2e.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docExample, ROOT } from './doc-examples.ts';

interface Example {
  where: string;
  command: string;
}

const DOCS = ['README.md', 'docs/README.md', 'docs/POLICIES.md', 'harness/drill/README.md', 'harness/sweep/README.md', 'scenarios/exercises/README.md', 'venues/gateway/README.md'];
const COMMANDS = ['run', 'validate', 'list', 'fix-acceptor', 'schema', 'sweep', 'merge', 'compare', 'report', 'charts', 'drill', 'explain', 'import', 'facts', 'chaos-proxy'];
const GENERATED = join(ROOT, 'test/.generated/doc-examples');
/** Files the docs tell the reader to save, and the example each comes from. */
const SAVED: Record<string, [string, string]> = { './my-policy.ts': ['README.md', 'policy'], './confidence-ramp.ts': ['docs/POLICIES.md', 'policy-guide'] };
/** Commands run as written (what they print is checked by their own tests); everything else is validated. */
const RUNS = /^execdrill (run|explain|list|validate|import|--version|--help)\b|^execdrill drill scenarios\/drills\/ci-smoke\.yaml/;

const cli = (args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/execdrill.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });

/**
 * Shell lines of a document: fenced sh/bash/yaml blocks (backslash continuations joined, and in YAML the option
 * lines a folded command continues on) and inline `npx execdrill ...` code. Shell and CI variables become `*`.
 */
function commandsIn(file: string): Example[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: Example[] = [];
  const ownRepository = text.indexOf('<!-- example: own-repository-commands -->');
  for (const block of text.matchAll(/```(?:sh|bash|yaml)\n([\s\S]*?)\n```/g)) {
    if (ownRepository >= 0 && block.index === text.indexOf('```', ownRepository)) continue;
    const lines = block[1].replace(/\\\n\s*/g, ' ').split('\n');
    lines.forEach((line, i) => {
      let command = line.replace(/^\s*-\s*run:\s*/, '').replace(/\s+#.*$/, '').trim();
      if (!/^(npx execdrill|npm |node (--\S+ )*bin\/execdrill\.js)/.test(command)) return;
      for (let next = i + 1; next < lines.length && /^\s+--/.test(lines[next]); next++) command += ` ${lines[next].trim()}`;
      found.push({ where: file, command: command.replace(/\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$[A-Z_]+/g, '*').replace(/["']/g, '') });
    });
  }
  for (const [, inline] of text.matchAll(/`(npx execdrill [^`]+)`/g)) found.push({ where: file, command: inline.replace(/\s+/g, ' ').trim() });
  return found;
}

/** The examples of every command's --help: lines that start with `execdrill`. */
function helpExamples(): Example[] {
  return COMMANDS.flatMap((command) =>
    cli([command, '--help'])
      .stdout.split('\n')
      .filter((line) => /^ {2}execdrill /.test(line))
      .map((line) => ({ where: `execdrill ${command} --help`, command: line.trim() })),
  );
}

/** One shell line as execdrill invocations (split on &&), with `npx`/`node bin/...` taken off. */
function invocations(command: string): string[] {
  return command
    .split('&&')
    .map((part) => part.trim().replace(/^npx /, '').replace(/^node (--\S+ )*bin\/execdrill\.js/, 'execdrill'))
    .filter((part) => part.startsWith('execdrill'));
}

const isTemplate = (command: string) => /<[a-z-]+>|\.\.\./.test(command);
/** Options whose value is not a file. */
const NOT_PATHS = new Set(['--shard', '--seeds', '--param', '--baseline', '--objective', '--level', '--resamples', '--bootstrap-seed', '--workers', '--port', '--host', '--begin-string', '--seed', '--policy', '--shadow']);
/** Directories the docs say come from outside the examples: CI artifacts a merge job downloads. */
const ELSEWHERE = ['shards/'];
const words = (command: string) => command.split(/\s+/).filter((w) => w !== '');

let examples: Example[];
let outputs: string[];
const help = new Map<string, string>();

beforeAll(() => {
  examples = [...DOCS.flatMap(commandsIn), ...helpExamples()];
  // Where a documented example writes: what another one may read.
  outputs = examples.flatMap((e) => invocations(e.command)).flatMap((inv) => {
    const w = words(inv);
    const outs = w.flatMap((word, i) => (word === '--out' && w[i + 1] !== undefined ? [w[i + 1]] : []));
    // A drill without --out writes where its file says (its `out:`, relative to the file).
    if (w[1] === 'drill' && outs.length === 0 && existsSync(join(ROOT, w[2]))) {
      const out = /^out:\s*(\S+)/m.exec(readFileSync(join(ROOT, w[2]), 'utf8'))?.[1];
      if (out !== undefined) outs.push(relative(ROOT, resolve(ROOT, dirname(w[2]), out)));
    }
    return outs;
  });
  for (const command of COMMANDS) help.set(command, cli([command, '--help']).stdout);
  mkdirSync(GENERATED, { recursive: true });
  for (const [saved, [file, name]] of Object.entries(SAVED)) writeFileSync(join(GENERATED, saved), docExample(file, name));
}, 120_000);

/** A path a documented example reads exists, is saved from the docs, or is written by some documented example. */
function readable(path: string): boolean {
  if (path in SAVED || existsSync(join(ROOT, path)) || ELSEWHERE.some((dir) => path.startsWith(dir))) return true;
  if (path.includes('*') && existsSync(join(ROOT, dirname(path)))) return expand(path).length > 0 || outputs.some((out) => out.startsWith(path.slice(0, path.indexOf('*'))));
  // One shard of a sharded sweep (results/fix-shard-0) is written by the documented shard command for another index.
  const shard = /^(.*-)\d+$/.exec(path);
  if (shard !== null && outputs.some((out) => new RegExp(`^${shard[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+|\\*)$`).test(out))) return true;
  const glob = path.includes('*') ? path.slice(0, path.indexOf('*')) : null;
  return outputs.some((out) => out === path || (glob !== null && out.startsWith(glob)));
}

function problemsOf(inv: string): string[] {
  const w = words(inv);
  const command = w[1];
  if (command === '--version' || command === '--help') return [];
  if (!COMMANDS.includes(command)) return [`no command ${command}`];
  const problems: string[] = [];
  for (const option of w.filter((word) => word.startsWith('--'))) {
    const name = option.split('=')[0];
    if (name !== '--help' && !help.get(command)!.includes(`${name} `)) problems.push(`${command} has no option ${name}`);
  }
  if (isTemplate(inv)) return problems;
  w.forEach((word, i) => {
    const option = w[i - 1];
    if (option === '--out' || NOT_PATHS.has(option) || i < 2 || word.startsWith('--')) return;
    const path = /\.(ya?ml|ts|js|jsonl)$/.test(word) || word.startsWith('results/') || word.includes('/');
    if (path && !readable(word.replace(/^\.\/(?=scenarios|results)/, ''))) problems.push(`${word}: no such file, and no documented example writes it`);
  });
  return problems;
}

/** A shell glob of one directory (`scenarios/*.yaml`), as the shell would expand it: the matching files, sorted. */
function expand(pattern: string): string[] {
  const dir = dirname(pattern);
  const base = pattern.slice(dir.length + 1);
  if (!existsSync(join(ROOT, dir))) return [];
  const match = new RegExp(`^${base.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return readdirSync(join(ROOT, dir)).filter((name) => match.test(name)).sort().map((name) => join(dir, name));
}

describe('every documented example', () => {
  it('finds the examples: the README, the docs and every --help have some', () => {
    const where = new Set(examples.map((e) => e.where));
    for (const file of ['README.md', 'docs/POLICIES.md', 'harness/drill/README.md', 'harness/sweep/README.md']) expect(where, file).toContain(file);
    for (const command of COMMANDS) expect(where, command).toContain(`execdrill ${command} --help`);
    expect(examples.length).toBeGreaterThan(50);
  });

  it('names a command, options and files that exist (or that another example writes), and npm scripts that exist', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const problems: string[] = [];
    for (const { where, command } of examples) {
      for (const script of command.matchAll(/npm (?:run )?(\S+)/g)) {
        const name = script[1];
        if (!['ci', 'install', 'pack', 'test', 'run'].includes(name) && !scripts.includes(name)) problems.push(`${where}: ${command}: no npm script ${name}`);
      }
      for (const inv of invocations(command)) problems.push(...problemsOf(inv).map((problem) => `${where}: ${inv}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });

  it('runs the short ones as written: each exits 0 (or with its drill verdict) and prints no error', () => {
    const out = mkdtempSync(join(tmpdir(), 'execdrill-doc-examples-'));
    const ran: string[] = [];
    for (const { where, command } of examples) {
      for (const inv of invocations(command)) {
        if (!RUNS.test(inv) || isTemplate(inv)) continue;
        const args = words(inv)
          .slice(1)
          .flatMap((word) => (word in SAVED ? [join(GENERATED, word)] : word.includes('*') ? expand(word) : [word]));
        // A drill writes under results/ by default: send it to a scratch directory instead.
        if (args[0] === 'drill') args.push('--out', join(out, 'drill'));
        if (ran.includes(args.join(' '))) continue;
        ran.push(args.join(' '));
        const result = cli(args);
        const allowed = args[0] === 'drill' ? [0, 1, 2] : [0];
        expect(allowed, `${where}: ${inv}\n${result.stderr}`).toContain(result.status);
        expect(result.stderr, `${where}: ${inv}`).not.toMatch(/\n\s+at |Error:/);
        expect(result.stdout.length, `${where}: ${inv}`).toBeGreaterThan(0);
      }
    }
    expect(ran.length).toBeGreaterThanOrEqual(12);
  }, 600_000);

  it('writes the files the docs tell a reader to save, from their examples', () => {
    for (const saved of Object.keys(SAVED)) expect(statSync(join(GENERATED, saved)).size).toBeGreaterThan(200);
    expect(readdirSync(GENERATED)).toEqual(expect.arrayContaining(Object.keys(SAVED).map((s) => s.slice(2))));
  });
});
