import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { docExample } from './docs/doc-examples.ts';

/** The README's examples are run as written, so they cannot rot. */
describe('README examples', () => {
  it('the policy example runs as a user policy module through execdrill run', async () => {
    const { spawnSync } = await import('node:child_process');
    mkdirSync('test/.generated', { recursive: true });
    // As written: it imports `execdrill/policies`, which from source resolves to policies/index.ts.
    writeFileSync('test/.generated/my-policy.ts', docExample('README.md', 'policy'));
    const result = spawnSync(
      process.execPath,
      ['bin/execdrill.js', 'run', '--scenario', 'test/fixtures/scenarios/tiny-gap.yaml', '--policy', 'test/.generated/my-policy.ts', '--seed', '3', '--json'],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    const record = JSON.parse(result.stdout);
    expect(record.policy).toMatchObject({ name: 'patient', version: '0.1.0' });
    expect(record.policy.sourceHash).toMatch(/^[0-9a-f]{12}$/);
    expect(record.timeline.regimes.map((r: { regime: string }) => r.regime)).toEqual(['GO', 'WAIT', 'GO']);
  });

  it('the kernel example runs and serves about 3 customers a second for an hour', async () => {
    mkdirSync('test/.generated', { recursive: true });
    const file = 'test/.generated/readme-kernel.ts';
    writeFileSync(file, docExample('README.md', 'kernel').replaceAll("from './sim/index.ts'", "from '../../sim/index.ts'"));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // A computed specifier: the file exists only once this test has written it, so the typecheck must not resolve it.
    const generated = './.generated/readme-kernel.ts';
    await import(/* @vite-ignore */ generated);
    const line = String(log.mock.calls[0][0]);
    log.mockRestore();
    const served = Number(/^(\d+) customers served/.exec(line)?.[1]);
    expect(Math.abs(served - 3 * 3_600) / (3 * 3_600)).toBeLessThan(0.05);
    expect(line).toMatch(/clock at 3600000000000 ns$/);
  });
});
