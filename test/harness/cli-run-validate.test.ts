import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/execdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';

describe('execdrill run and validate (end to end)', () => {
  it('run prints a summary with the replay command, and --json a record with the same trace hash each time', () => {
    const text = cli('run', '--scenario', TINY, '--policy', 'failover-fsm', '--seed', '4');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^tiny-gap \/ failover-fsm 1\.0\.0 \/ seed 4/);
    expect(text.stdout).toContain(`replay: npx execdrill run --scenario ${TINY} --policy failover-fsm --seed 4`);
    const first = JSON.parse(cli('run', '--scenario', TINY, '--policy', 'failover-fsm', '--seed', '4', '--json').stdout);
    const second = JSON.parse(cli('run', '--scenario', TINY, '--policy', 'failover-fsm', '--seed', '4', '--json').stdout);
    expect(first.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.traceHash).toBe(first.traceHash);
    expect(text.stdout).toContain(first.traceHash.slice(0, 12));
  });

  it('validate lists every error of a bad file with its line and path, schema and cross-references at once, exits 64, and prints no stack trace', () => {
    const result = cli('validate', 'test/fixtures/scenarios/bad-scenario.yaml');
    expect(result.status).toBe(64);
    const file = 'test/fixtures/scenarios/bad-scenario.yaml';
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:1:7: name: expected a lower-case id (letters, digits, . _ -)`,
      `${file}:6:23: market.flow.intensty: unknown key (did you mean "intensity"?)`,
      `${file}:8:24: sessions[0].gateway: no gateway "gw9" in gateways.nodes`,
      `${file}:9:33: parent.qtyShares: expected a whole number >= 1`,
      `${file}:9:46: parent.horizon: expected a duration with a unit, such as 250ms, 40us, 2s, 1.5m or 1h`,
      `${file}:11:51: faults[0].session: no session "s2" in sessions`,
      '1 of 1 file(s) have errors',
    ]);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('validate accepts every bundled scenario', () => {
    const result = cli('validate', ...['000-order-entry-divergence', '001-sequencer-failover-replay', '002-fix-gap-resend'].map((n) => `scenarios/${n}.yaml`));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('run refuses a missing scenario file and an unknown policy with exit 64 and a clear message', () => {
    const missing = cli('run', '--scenario', 'no/such.yaml', '--policy', 'naive');
    expect(missing.status).toBe(64);
    expect(missing.stderr).toBe('execdrill: no/such.yaml: no such file: expected a scenario file\n');
    const unknown = cli('run', '--scenario', TINY, '--policy', 'no-such-policy');
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toContain('unknown policy "no-such-policy"');
  });

  it('run refuses an option or a parameter given twice, and a parameter named __proto__ (once set on nothing, silently)', () => {
    const refusal = (...args: string[]) => {
      const result = cli('run', '--scenario', TINY, ...args);
      expect(result.status).toBe(64);
      return result.stderr;
    };
    expect(refusal('--scenario', TINY, '--policy', 'naive')).toBe('execdrill: --scenario is given more than once\n');
    expect(refusal('--policy', 'naive', '--policy', 'gap-recovery')).toBe('execdrill: --policy is given more than once\n');
    expect(refusal('--policy', 'naive', '--shadow', 'naive', '--shadow', 'gap-recovery')).toBe('execdrill: --shadow is given more than once\n');
    expect(refusal('--policy', 'gap-recovery', '--param', 'confidenceThreshold=0.8', '--param', 'confidenceThreshold=0.9')).toBe('execdrill: --param: confidenceThreshold is given twice\n');
    expect(refusal('--policy', 'gap-recovery', '--param', '__proto__=1')).toMatch(/^execdrill: policy gap-recovery has no parameter "__proto__" \(parameters: /);
  });

  it('list names every bundled policy and metric, as a table and as JSON', () => {
    const policies = JSON.parse(cli('list', 'policies', '--json').stdout) as { name: string }[];
    expect(policies.map((p) => p.name)).toEqual(
      expect.arrayContaining(['naive', 'cancel-all-on-reconnect', 'freeze-until-clean', 'panic-catchup', 'failover-fsm', 'replay-regime', 'gap-recovery', 'warmup-aware', 'oracle']),
    );
    expect(cli('list', 'metrics').stdout).toMatch(/IS_FO_BPS\s+bps/);
    expect(cli('list', 'limits').stdout).toMatch(/^limits\.eventsPerRun\s+20000000 events\s+kernel events one run/m);
  });
});
