// The verdict block a drill prints first: at most 25 lines for a drill the size of the bundled one, the cheapest
// policy per scenario against the baseline, policies that behaved as the baseline did named once, colour only when asked.
import { describe, expect, it } from 'vitest';
import { seedsForInterval } from '../../../harness/compare/statistics.ts';
import { compareRecords } from '../../../harness/compare/comparison.ts';
import { groupRecords } from '../../../harness/compare/columns.ts';
import { bottomLines } from '../../../harness/drill/bottom-line.ts';
import { buildGate } from '../../../harness/drill/gate-grammar.ts';
import type { Gate } from '../../../harness/drill/gate.ts';
import { EveryEpisodeRanGate } from '../../../harness/drill/record-gates.ts';
import { drillVerdict } from '../../../harness/drill/verdict.ts';
import { verdictBlock } from '../../../harness/drill/verdict-block.ts';
import { EPISODE_RECORD_SCHEMA, type EpisodeRecord } from '../../../harness/episode/record.ts';
import { colourEnabled, painter } from '../../../harness/io/terminal.ts';

const POLICIES = ['naive', 'cancel-all-on-reconnect', 'failover-fsm', 'gap-recovery', 'warmup-aware'];
const SCENARIOS = ['000-order-entry-divergence', '000-gateway-failover', '001-sequencer-failover-replay', '002-fix-gap-resend', '002-fix-resend-storm', '002-fix-persist-off', '003-autoscaling-cold-start', '004-order-server-crash'];
const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

/** A record whose incident costs `base + extra` bps over a control run costing `base`, per seed. */
function record(scenario: string, policy: string, seed: number, extraBps: number): EpisodeRecord {
  const control = 2 + ((seed * 7919) % 13) / 4;
  return {
    schema: EPISODE_RECORD_SCHEMA,
    scenario,
    scenarioFile: `scenarios/${scenario}.yaml`,
    scenarioHash: `h-${scenario}`,
    policy: { name: policy, version: '1.0.0', sourceHash: `src-${policy}`, params: {} },
    seed,
    commit: 'test',
    status: 'ok',
    replay: `npx execdrill run --scenario scenarios/${scenario}.yaml --policy ${policy} --seed ${seed}`,
    traceHash: '',
    metrics: { IS_BPS: control + extraBps, IS_CONTROL_BPS: control, IS_FO_BPS: extraBps, COMPLETION: 1 },
    invariants: [],
    timeline: { regimes: [], runbook: {} },
    eventsSimulated: 0,
  };
}

/** naive pays 2 + seed-noise; gap-recovery pays 1 bps less on every seed; warmup-aware is naive on every seed; the rest add noise. */
function bundledShape(): EpisodeRecord[] {
  return SCENARIOS.flatMap((scenario) =>
    POLICIES.flatMap((policy) =>
      SEEDS.map((seed) => {
        const naive = 2 + (seed % 5);
        const extra = { naive, 'warmup-aware': naive, 'gap-recovery': naive - 1, 'failover-fsm': naive + ((seed % 3) - 1) * 0.5, 'cancel-all-on-reconnect': naive + 0.5 }[policy] as number;
        return record(scenario, policy, seed, extra);
      }),
    ),
  );
}

const options = { baseline: 'naive', objective: 'p95' as const, level: 0.95, resamples: 500, seed: 1 };

function block(records: EpisodeRecord[], gateTexts: unknown[], colour = false) {
  const issues: never[] = [];
  const gates = gateTexts.map((text, i) => buildGate(text, `gates[${i}]`, { file: 'drill.yaml', level: 0.95, policies: POLICIES }, issues)) as Gate[];
  const sources = [{ path: 'records', records, expected: null }];
  const comparison = compareRecords(sources, options);
  const groups = groupRecords(sources);
  const context = { groups, bootstrap: options, look: null };
  const outcomes = [
    ...gates.flatMap((gate) => gate.evaluate(context).map((o) => ({ ...o, implicit: false }))),
    ...new EveryEpisodeRanGate().evaluate(context).map((o) => ({ ...o, implicit: true })),
  ];
  const { verdict, exitCode } = drillVerdict(outcomes);
  const lines = bottomLines(comparison, groups, gates);
  return {
    lines,
    text: verdictBlock({ drill: 'bundled', verdict, exitCode, episodes: records.length, outcomes, bottomLines: lines, level: 0.95, detailHint: ['Tables: --detail.', 'Report: report.html.'] }, painter(colour)),
  };
}

const BUNDLED_GATES = [
  'no invariant violations',
  { metric: 'COMPLETION', stat: 'mean', policy: 'gap-recovery', min: 0.9, confidence: false },
  'failover-fsm beats naive at p95 with 95% confidence in 002-fix-gap-resend',
  'gap-recovery beats naive at p95 with 95% confidence in 002-fix-gap-resend',
];

describe('the verdict block', () => {
  it('fits a drill of the bundled size (8 scenarios, 5 policies, 12 seeds, 4 gates) in at most 25 lines, verdict first', () => {
    const { text } = block(bundledShape(), BUNDLED_GATES);
    expect(text.length).toBeLessThanOrEqual(25);
    expect(text[0]).toBe('drill bundled: INCONCLUSIVE (exit 2): no gate failed, but one could not be settled at these seeds; 480 episodes');
    expect(text.filter((line) => /^ {2}(passed|FAILED|UNDECIDED|INVARIANT) /.test(line))).toHaveLength(5);
    expect(text.join('\n')).toMatch(/UNDECIDED {2}failover-fsm beats naive at p95\(IS_FO_BPS\) with 95% confidence in 002-fix-gap-resend \[12 seeds\]\n {13}cannot tell yet:/);
  });

  it('names the cheapest policy with its paired difference, and the policies that cost what the baseline did on every seed', () => {
    const { lines, text } = block(bundledShape(), BUNDLED_GATES);
    const scenario = lines.scenarios.find((s) => s.scenario === '002-fix-gap-resend')!;
    expect(lines).toMatchObject({ metric: 'IS_FO_BPS', stat: 'p95' });
    expect(scenario.cheapest).toMatchObject({ policy: 'gap-recovery', difference: { estimate: -1, verdict: 'better' } });
    expect(scenario.sameAsBaseline).toEqual(['warmup-aware']);
    expect(text).toContain('  002-fix-gap-resend             gap-recovery             -1.00 [-1.00, -1.00] cheaper; same as naive: warmup-aware');
  });

  it("states a gate's difference in its metric's unit: bps for IS, none for a fraction", () => {
    const seeds = Array.from({ length: seedsForInterval('mean') }, (_, i) => i + 1);
    const records = ['naive', 'gap-recovery'].flatMap((policy) => seeds.map((seed) => record('quiet', policy, seed, (policy === 'naive' ? 1 : 0) + (seed % 3))));
    const { text } = block(records, ['gap-recovery beats naive at mean with 95% confidence', 'gap-recovery beats naive at mean(COMPLETION) with 95% confidence']);
    const reasons = text.filter((line) => / minus naive at mean of /.test(line));
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/at mean of IS_FO_BPS is -1\.00 bps,/);
    expect(reasons[1]).toMatch(/at mean of COMPLETION is \+0\.00,/);
  });

  it('says when no policy differs from the baseline at all', () => {
    const records = POLICIES.flatMap((policy) => SEEDS.map((seed) => record('quiet', policy, seed, seed % 4)));
    const { text } = block(records, ['no invariant violations']);
    expect(text).toContain('  quiet     no policy differs from naive: every one cost the same on every seed');
  });

  it('paints status words only when colour is on', () => {
    expect(block(bundledShape(), BUNDLED_GATES).text.join('\n')).not.toContain('\x1b[');
    expect(block(bundledShape(), BUNDLED_GATES, true).text.join('\n')).toContain('\x1b[33;1mUNDECIDED');
  });
});

describe('colourEnabled', () => {
  it('is on for a terminal only, and off under NO_COLOR or CI', () => {
    const saved = { NO_COLOR: process.env.NO_COLOR, CI: process.env.CI };
    try {
      delete process.env.NO_COLOR;
      delete process.env.CI;
      expect(colourEnabled({ isTTY: true })).toBe(true);
      expect(colourEnabled({ isTTY: false })).toBe(false);
      process.env.NO_COLOR = '1';
      expect(colourEnabled({ isTTY: true })).toBe(false);
      delete process.env.NO_COLOR;
      process.env.CI = 'true';
      expect(colourEnabled({ isTTY: true })).toBe(false);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
