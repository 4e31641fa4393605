/**
 * A drill that adds seeds to its undecided gates (sequential-drill.ts), on hand-built records: which
 * seeds, scenarios and policies each look runs, when it stops, and (VALIDATION.md T5 under optional
 * stopping) that the interval it reports covers the truth in [0.93, 0.97] of 1000 drills when the
 * truth sits on the gate's bound, the hardest case for a drill that stops as soon as it is decided.
 */
import { describe, expect, it } from 'vitest';
import { seedsForInterval } from '../../../harness/compare/statistics.ts';
import { RandomStreams, type UniformSource } from '../../../sim/index.ts';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import type { Gate } from '../../../harness/drill/gate.ts';
import { buildGate } from '../../../harness/drill/gate-grammar.ts';
import { seedsOfLook, settleGates, type LookRunner, type SeedPlan } from '../../../harness/drill/sequential-drill.ts';
import { buildSpecs, type SweepRequest } from '../../../harness/sweep/plan.ts';
import type { RecordSource } from '../../../harness/sweep/records.ts';
import { SCENARIO, syntheticRecord } from '../facts/synthetic.ts';

const OTHER_SCENARIO = 'scenarios/other.yaml';

function gate(text: string): Gate {
  const issues: unknown[] = [];
  const built = buildGate(text, 'gates[0]', { file: 'drill.yaml', level: 0.95, policies: ['a', 'b', 'c'] }, issues as never[]);
  expect(issues).toEqual([]);
  return built as Gate;
}

/** A drill over synthetic records: `metric(policy, scenario, seed)` is what each episode records as X. */
function syntheticDrill(metric: (policy: string, scenarioFile: string, seed: number) => number, request: SweepRequest) {
  const record = (policy: string, scenarioFile: string, seed: number): EpisodeRecord => ({
    ...syntheticRecord(policy, seed, { X: metric(policy, scenarioFile, seed) }),
    scenarioFile,
    scenario: scenarioFile === SCENARIO ? 'synthetic' : 'other',
  });
  const sweep = (r: SweepRequest): EpisodeRecord[] => buildSpecs(r).map((spec) => record(spec.policy, spec.scenarioFile, spec.seed));
  const written = new Map<string, EpisodeRecord[]>();
  const ran: SweepRequest[] = [];
  const runLook: LookRunner = async (lookRequest, out) => {
    ran.push(lookRequest);
    written.set(out, sweep(lookRequest));
    return { episodes: written.get(out)?.length ?? 0, ran: written.get(out)?.length ?? 0, complete: true };
  };
  const readLook = (out: string): RecordSource => ({ path: out, records: written.get(out) ?? [], expected: null });
  const first = { source: { path: 'out', records: sweep(request), expected: null }, episodes: 0, ran: 0 };
  return { runLook, readLook, first, ran };
}

const request = (seeds: number[], scenarios = [SCENARIO]): SweepRequest => ({ scenarios, policies: ['a', 'b', 'c'], params: [], seeds, shadowPolicy: null });
const bootstrap = (seed: number, resamples = 1000) => ({ baseline: 'a', objective: 'p95' as const, level: 0.95, resamples, seed });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a drill that adds seeds to its undecided gates', () => {
  it('takes the seeds after the drill largest for a look past its own', () => {
    expect(seedsOfLook([3, 5, 9], 2)).toEqual([3, 5]);
    expect(seedsOfLook([3, 5, 9], 6)).toEqual([3, 5, 9, 10, 11, 12]);
  });

  it('runs more seeds only where a gate is undecided, for the policies it reads, and keeps what a look decided', async () => {
    // The first look has the seeds a mean's interval needs, so that it can decide the clear gate.
    const first = seedsForInterval('mean');
    const noise = new RandomStreams('sequential-drill/scope').get('x');
    // b is clearly dearer than a in both scenarios; c differs from a by a little noise only in `other`.
    const drill = syntheticDrill((policy, file) => (policy === 'b' ? 5 : 0) + (policy === 'c' && file === OTHER_SCENARIO ? 0.05 * (noise.next() - 0.5) : 0), request(range(1, first), [SCENARIO, OTHER_SCENARIO]));
    const dearer = gate('b beats a at mean(X) with 95% confidence');
    const close = gate('c beats a at mean(X) with 95% confidence with margin 0.001 in other');
    const plan: SeedPlan = { maxSeeds: 8 * first, timeBudgetMs: null };
    const settled = await settleGates([dearer, close], request(range(1, first), [SCENARIO, OTHER_SCENARIO]), 'out', bootstrap(1), drill.first, plan, drill.runLook, drill.readLook, performance.now());
    expect(settled.outcomes.get(dearer)?.map((o) => [o.status, o.look, o.seeds])).toEqual([
      ['fail', 1, first],
      ['fail', 1, first],
    ]);
    // Only `other`, only a and c, only the seeds after the first look's.
    expect(drill.ran.length).toBeGreaterThan(0);
    for (const look of drill.ran) {
      expect(look.scenarios).toEqual([OTHER_SCENARIO]);
      expect(look.policies).toEqual(['a', 'c']);
    }
    expect(drill.ran[0].seeds).toEqual(range(first + 1, 2 * first));
    expect(settled.looks.map((look) => look.seeds)).toEqual([first, ...drill.ran.map((_, i) => first * 2 ** (i + 1))]);
    const [outcome] = settled.outcomes.get(close) ?? [];
    expect(outcome.look).toBe(settled.looks.length);
    if (outcome.status === 'inconclusive') {
      expect(settled.stoppedBy).toBe('max-seeds');
      expect(outcome.settleSeeds === null || (outcome.settleSeeds as number) > 8 * first).toBe(true);
    } else expect(settled.stoppedBy).toBe('decided');
  });

  it('runs on each scenario only the policies its own undecided gates read', async () => {
    const first = seedsForInterval('mean');
    const noise = new RandomStreams('sequential-drill/per-scenario').get('x');
    // b and c differ from a by a little noise only: neither gate is decided at the first look.
    const drill = syntheticDrill((policy) => (policy === 'a' ? 0 : 0.05 * (noise.next() - 0.5)), request(range(1, first), [SCENARIO, OTHER_SCENARIO]));
    const inSynthetic = gate('b beats a at mean(X) with 95% confidence with margin 0.001 in synthetic');
    const inOther = gate('c beats a at mean(X) with 95% confidence with margin 0.001 in other');
    await settleGates([inSynthetic, inOther], request(range(1, first), [SCENARIO, OTHER_SCENARIO]), 'out', bootstrap(4), drill.first, { maxSeeds: 2 * first, timeBudgetMs: null }, drill.runLook, drill.readLook, performance.now());
    expect(drill.ran).toHaveLength(1);
    expect(drill.ran[0].policiesByScenario).toEqual({ [SCENARIO]: ['a', 'b'], [OTHER_SCENARIO]: ['a', 'c'] });
    expect(buildSpecs(drill.ran[0])).toHaveLength(2 * 2 * first);
  });

  it('stops at maxSeeds with an undecided gate, saying about how many seeds would settle it', async () => {
    // b - a is -0.05 +/- 1 by the seed's parity: a mean far inside its interval at 96 seeds, by construction.
    const drill = syntheticDrill((policy, _file, seed) => (policy === 'b' ? (seed % 2 === 0 ? 1 : -1) - 0.05 : 0), request(range(1, 24)));
    const subtle = gate('b beats a at mean(X) with 95% confidence');
    const settled = await settleGates([subtle], request(range(1, 24)), 'out', bootstrap(2), drill.first, { maxSeeds: 96, timeBudgetMs: null }, drill.runLook, drill.readLook, performance.now());
    expect(settled.stoppedBy).toBe('max-seeds');
    // No look at 48: an interval of a mean is judged from 96 seeds, so a look at 48 could decide nothing.
    expect(settled.looks.map((look) => look.seeds)).toEqual([24, 96]);
    const [outcome] = settled.outcomes.get(subtle) ?? [];
    expect(outcome.status).toBe('inconclusive');
    expect(outcome.settleSeeds).toBeGreaterThan(96);
    expect(outcome.reason).toContain(`about ${outcome.settleSeeds} seeds would settle it`);
  });

  it('looks first where an undecided gate can be judged: a p95 gate of a 12-seed drill at 160 seeds, its floor, not 192', async () => {
    // b - a is 1 on every seed, far beyond any interval: decided at the first look that may judge it.
    const drill = syntheticDrill((policy, _file, seed) => (policy === 'b' ? 1 + seed / 1000 : seed / 1000), request(range(1, 12)));
    const clear = gate('a beats b at p95(X) with 95% confidence');
    const settled = await settleGates([clear], request(range(1, 12)), 'out', bootstrap(4), drill.first, { maxSeeds: 400, timeBudgetMs: null }, drill.runLook, drill.readLook, performance.now());
    expect(seedsForInterval('p95')).toBe(160);
    expect(settled.stoppedBy).toBe('decided');
    expect(settled.looks.map((look) => [look.look, look.seeds])).toEqual([
      [1, 12],
      [5, 160],
    ]);
    const [outcome] = settled.outcomes.get(clear) ?? [];
    expect(outcome).toMatchObject({ status: 'pass', seeds: 160, look: 5, spendingLook: 1 });
    expect(drill.ran.map((look) => [look.seeds[0], look.seeds.at(-1)])).toEqual([[13, 160]]);
  });

  it('adds no look when the time budget would run out before it ends', async () => {
    const draws = new RandomStreams('sequential-drill/budget').get('x');
    const drill = syntheticDrill(() => draws.next(), request(range(1, 24)));
    const settled = await settleGates([gate('b beats a at mean(X) with 95% confidence')], request(range(1, 24)), 'out', bootstrap(3), drill.first, { maxSeeds: 96, timeBudgetMs: 1 }, drill.runLook, drill.readLook, performance.now() - 10);
    expect(settled.stoppedBy).toBe('budget');
    expect(drill.ran).toEqual([]);
  });

  it('T5 under optional stopping: the reported interval of p95(B) - p95(A) covers the truth in [0.93, 0.97] of 1000 drills', async () => {
    // A ~ Exp(1) and B = 1.1·A - 0.1·ln 20: p95(B) - p95(A) = 0, the gate's own bound. Looks at 160 and 320 seeds.
    const repetitions = 1000;
    const shift = 0.1 * Math.log(20);
    let covered = 0;
    let stoppedEarly = 0;
    for (let rep = 0; rep < repetitions; rep++) {
      const draws: UniformSource = new RandomStreams(`sequential-drill/t5/${rep}`).get('a');
      const a = new Map<number, number>();
      const valueOf = (seed: number) => {
        while (a.size < seed) a.set(a.size + 1, -Math.log(1 - draws.next()));
        return a.get(seed) as number;
      };
      const drill = syntheticDrill((policy, _file, seed) => (policy === 'b' ? 1.1 * valueOf(seed) - shift : valueOf(seed)), { ...request(range(1, 160)), policies: ['a', 'b'] });
      const beats = gate('b beats a at p95(X) with 95% confidence with margin 0.05');
      const settled = await settleGates([beats], { ...request(range(1, 160)), policies: ['a', 'b'] }, 'out', bootstrap(rep, 500), drill.first, { maxSeeds: 320, timeBudgetMs: null }, drill.runLook, drill.readLook, performance.now());
      const [outcome] = settled.outcomes.get(beats) ?? [];
      if ((outcome.low as number) <= 0 && 0 <= (outcome.high as number)) covered++;
      if (settled.looks.length === 1) stoppedEarly++;
    }
    const coverage = covered / repetitions;
    console.log(`drill beats gate, p95 difference on its bound, looks 160 and 320: coverage ${coverage.toFixed(3)} (${stoppedEarly} decided at the first look)`);
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  }, 300_000);
});
