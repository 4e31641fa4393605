import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/execdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';

describe('execdrill explain (end to end)', () => {
  it('narrates an episode in the runbook order and ends with the replay command', () => {
    const result = cli('explain', '--scenario', TINY, '--policy', 'cancel-all-on-reconnect', '--seed', '2');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const titles = ['What failed and when', 'What the router believed against the truth', 'What the policy did and why', "Playbook 002's runbook", 'What it cost', 'Next'];
    const positions = titles.map((t) => result.stdout.indexOf(t));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(result.stdout).toContain(`npx execdrill run --scenario ${TINY} --policy cancel-all-on-reconnect --seed 2`);
  });

  it('--json gives the explanation as structured steps, with --param applied', () => {
    const result = cli('explain', '--scenario', TINY, '--policy', 'gap-recovery', '--seed', '3', '--param', 'confidenceThreshold=0.8', '--json');
    expect(result.status).toBe(0);
    const narrative = JSON.parse(result.stdout);
    expect(narrative.schema).toBe('execdrill.explain/1');
    expect(narrative.steps.map((s: { section: string }) => s.section)).toEqual(['failure', 'belief', 'policy', 'runbook', 'cost', 'next']);
    expect(narrative.steps[5].facts.replay).toBe(`npx execdrill run --scenario ${TINY} --policy gap-recovery --seed 3 --param confidenceThreshold=0.8`);
  });

  it('refuses a missing scenario and an unknown policy with exit 64 and a clear message', () => {
    const missing = cli('explain', '--scenario', 'no/such.yaml', '--policy', 'naive');
    expect(missing.status).toBe(64);
    expect(missing.stderr).toBe('execdrill: no/such.yaml: no such file\n');
    const unknown = cli('explain', '--scenario', TINY, '--policy', 'no-such-policy');
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toContain('unknown policy "no-such-policy"');
    expect(unknown.stdout).toBe('');
  });
});
