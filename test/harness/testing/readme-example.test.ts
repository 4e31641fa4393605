/**
 * The README's property-test example runs as written: as a vitest test file of its own (in a child
 * vitest, as a user runs it), importing `execdrill/testing` through the package's exports (their `source`
 * condition, so the source as it is rather than a build), against the README's policy example saved beside it.
 * test/pack-install.e2e.test.ts runs the same files in an installed package.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docExample, ROOT } from '../../docs/doc-examples.ts';

const GENERATED = 'test/.generated';

describe('README property-test example', () => {
  it('passes as a vitest test of the README policy, through execdrill/testing', () => {
    mkdirSync(join(ROOT, GENERATED), { recursive: true });
    const policyFile = `${GENERATED}/property-example-policy.ts`;
    writeFileSync(join(ROOT, policyFile), docExample('README.md', 'policy'));
    const source = docExample('README.md', 'property-test');
    expect(source).toContain("from 'execdrill/testing'");
    // Not named *.test.ts, so that the project's own test run does not collect it; a config of its own runs it.
    const testFile = `${GENERATED}/property-example.check.ts`;
    writeFileSync(join(ROOT, testFile), source.replaceAll("'./my-policy.ts'", `'${policyFile}'`));
    const config = `${GENERATED}/property-example.vitest.config.ts`;
    const conditions = "{ conditions: ['source', 'module', 'node', 'development|production'] }";
    writeFileSync(
      join(ROOT, config),
      `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ resolve: ${conditions}, ssr: { resolve: { externalConditions: ['source'], ${conditions.slice(2, -2)} } }, test: { root: ${JSON.stringify(ROOT)}, include: ['${testFile}'] } });\n`,
    );
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+1 passed/);
  });
});
