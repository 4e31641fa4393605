/**
 * The README's property-test example runs as written: as a vitest test file of its own (in a child
 * vitest, as a user runs it), importing `execdrill/testing` through the package's exports, against the
 * README's policy example saved beside it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GENERATED = 'test/.generated';

function example(name: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const marker = `<!-- readme-example: ${name} -->`;
  const start = readme.indexOf(marker);
  expect(start, `README has no ${marker}`).toBeGreaterThanOrEqual(0);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  expect(block).not.toBeNull();
  return (block as RegExpExecArray)[1];
}

describe('README property-test example', () => {
  it('passes as a vitest test of the README policy, through execdrill/testing', () => {
    mkdirSync(join(ROOT, GENERATED), { recursive: true });
    const policyFile = `${GENERATED}/property-example-policy.ts`;
    writeFileSync(join(ROOT, policyFile), example('policy').replaceAll("from './policies/index.ts'", "from '../../policies/index.ts'"));
    const source = example('property-test');
    expect(source).toContain("from 'execdrill/testing'");
    // Not named *.test.ts, so that the project's own test run does not collect it; a config of its own runs it.
    const testFile = `${GENERATED}/property-example.check.ts`;
    writeFileSync(join(ROOT, testFile), source.replaceAll("'./my-policy.ts'", `'${policyFile}'`));
    const config = `${GENERATED}/property-example.vitest.config.ts`;
    writeFileSync(join(ROOT, config), `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { root: ${JSON.stringify(ROOT)}, include: ['${testFile}'] } });\n`);
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+1 passed/);
  });
});
