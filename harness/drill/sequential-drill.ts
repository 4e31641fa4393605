/**
 * A drill that adds seeds until its gates are decided. The drill file's `seeds` are the first look
 * (n seeds); a gate judged on an interval that straddles its bound gets more seeds, for just the
 * scenarios and policies it reads, in looks of 2n, 4n ... seeds (the drill's seeds, then the seeds
 * after its largest) with the seed counts its gates' intervals first need added to the grid (LookGrid),
 * until every gate is decided, the next look would pass `maxSeeds`, or the time budget would run out
 * before it ends. A look at which no undecided gate has enough seeds to be judged is skipped.
 *
 * Inference that stays valid under this optional stopping: a gate's k-th look (counted from its first
 * with enough seeds) judges it at level 1 - alpha * 6/(pi^2 k^2) (gate.ts: gateLook), so that the union bound over every look there could
 * ever be is the gate's stated alpha (the stitched confidence sequences of Howard, Ramdas, McAuliffe &
 * Sekhon 2021, on the geometric grid of group-sequential designs; Pocock 1977). An outcome is decided
 * at its first decided look and kept as it was then: later seeds, run for other gates, never revisit it.
 *
 * A look's seeds are a sweep of their own under <out>/more-seeds/, named by what it runs, so a drill run
 * again resumes every look (seeds already run are never recomputed) and the looks judge as before.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { LookGrid, lookAlpha } from '../../sim/index.ts';
import { groupRecords, type ScenarioGroup } from '../compare/columns.ts';
import type { BootstrapSettings } from '../compare/column-stats.ts';
import { projectSettleSeeds, type LaterLook } from '../facts/sequential.ts';
import { buildSpecs, type SweepRequest } from '../sweep/plan.ts';
import type { RecordSource } from '../sweep/records.ts';
import type { Gate, GateContext, GateOutcome } from './gate.ts';

export interface SeedPlan {
  /** No look beyond this many seeds; null: the drill's seeds are its only look. */
  maxSeeds: number | null;
  /** Stop adding seeds once this much wall time has passed since the drill started; null: no limit. */
  timeBudgetMs: number | null;
}

export interface DrillLook {
  look: number;
  seeds: number;
  /** The sweep that ran this look's new seeds (the drill's own `out` for the first). */
  out: string;
  episodes: number;
  ran: number;
}

export type SeedStop = 'one look' | 'decided' | 'max-seeds' | 'budget';

export interface SettledGates {
  /** The outcomes of the gates that more seeds can settle, each at the look that decided it (or the last). */
  outcomes: Map<Gate, GateOutcome[]>;
  sources: RecordSource[];
  looks: DrillLook[];
  stoppedBy: SeedStop;
}

/** Runs the sweep of one look's new seeds into `out`, stopping at the deadline; `complete` is false when it stopped short. */
export type LookRunner = (request: SweepRequest, out: string, deadlineMs: number | null) => Promise<{ episodes: number; ran: number; complete: boolean }>;

const outcomeKey = (gate: Gate, outcome: GateOutcome) => `${gate.where}\u0000${outcome.scenario}\u0000${outcome.subject}`;

/** The first `count` seeds of the drill: its own, then those after its largest. */
export function seedsOfLook(drillSeeds: readonly number[], count: number): number[] {
  const seeds = drillSeeds.slice(0, count);
  let next = Math.max(...drillSeeds) + 1;
  while (seeds.length < count) seeds.push(next++);
  return seeds;
}

/** The drill policies a gate's policy (a name or a column label) reads: all of them when none matches. */
function drillPoliciesFor(label: string, policies: readonly string[]): string[] {
  const base = label.replace(/\[.*\]$/, '').split('@')[0];
  const matching = policies.filter((policy) => policy === label || policy === base);
  return matching.length > 0 ? matching : [...policies];
}

/**
 * The sweep that runs `seeds` for the undecided outcomes only: their scenarios, and on each scenario
 * the policies its own undecided gates read (a gate in 003 adds no episodes to 002).
 */
function lookRequest(drill: SweepRequest, pending: ReadonlyArray<{ gate: Gate; outcome: GateOutcome }>, groups: readonly ScenarioGroup[], seeds: number[]): SweepRequest {
  const policiesByScenario: Record<string, string[]> = {};
  for (const { gate, outcome } of pending) {
    const file = groups.find((group) => group.scenario === outcome.scenario)?.scenarioFile;
    if (file === undefined) continue;
    const reads = new Set([...(policiesByScenario[file] ?? []), ...(gate.settle?.policies ?? []).flatMap((policy) => drillPoliciesFor(policy, drill.policies))]);
    policiesByScenario[file] = drill.policies.filter((policy) => reads.has(policy));
  }
  const scenarios = drill.scenarios.filter((file) => (policiesByScenario[file] ?? []).length > 0);
  if (scenarios.length === 0) return { ...drill, seeds };
  const policies = drill.policies.filter((policy) => scenarios.some((file) => policiesByScenario[file].includes(policy)));
  return {
    scenarios,
    policies,
    params: drill.params.filter((axis) => axis.policy === null || policies.includes(axis.policy)),
    seeds,
    shadowPolicy: drill.shadowPolicy,
    policiesByScenario: Object.fromEntries(scenarios.map((file) => [file, policiesByScenario[file]])),
  };
}

function lookDirectory(out: string, request: SweepRequest): string {
  const what = createHash('sha256').update(JSON.stringify([request.scenarios, request.policies, request.params, request.shadowPolicy, request.policiesByScenario ?? null])).digest('hex').slice(0, 8);
  return join(out, 'more-seeds', `seeds-${request.seeds[0]}-${request.seeds[request.seeds.length - 1]}-${what}`);
}

/**
 * The looks after look `k` of the drill's grid, each with the error the gate may spend at it (its own
 * look `spendingLook` + j), or plain reruns at the stated level (a drill of one look).
 */
function laterLooks(grid: LookGrid, k: number, spendingLook: number | null, alpha: number): LaterLook[] {
  const looks: LaterLook[] = [];
  for (let j = 1; j <= 12; j++) looks.push({ seeds: grid.seedsAt(k + j), alpha: spendingLook === null ? alpha : lookAlpha(alpha, spendingLook + j) });
  return looks;
}

/**
 * The look after look `k` worth running: the next one, unless no undecided outcome could be judged there
 * (each still has fewer seeds than its interval needs), and then the first at which one could. A look
 * skipped so judges nothing and spends no error (gate.ts: gateLook), so skipping it changes no interval:
 * it saves a sweep's start and end.
 */
function nextLook(grid: LookGrid, k: number, pending: ReadonlyArray<{ gate: Gate; outcome: GateOutcome }>): number {
  const judgeableAt = Math.min(
    ...pending.map(({ gate, outcome }) => {
      const minSeeds = gate.settle?.minSeeds ?? 0;
      return outcome.seeds !== undefined && outcome.seeds < minSeeds ? minSeeds : 0;
    }),
  );
  let next = k + 1;
  while (grid.seedsAt(next) < judgeableAt) next++;
  return next;
}

/** An undecided outcome, with the seeds that would settle it by projection. */
function withProjection(gate: Gate, outcome: GateOutcome, grid: LookGrid, k: number): GateOutcome {
  const settle = gate.settle;
  if (settle == null || outcome.status !== 'inconclusive') return outcome;
  if (outcome.estimate === undefined || outcome.low === undefined || outcome.high === undefined || outcome.seeds === undefined) return { ...outcome, settleSeeds: null };
  const alpha = 1 - settle.confidence;
  const spendingLook = outcome.spendingLook ?? null;
  const now = { seeds: outcome.seeds, alpha: 1 - (outcome.level ?? settle.confidence) };
  const settleSeeds = projectSettleSeeds({ estimate: outcome.estimate, low: outcome.low, high: outcome.high }, now, laterLooks(grid, k, spendingLook, alpha), settle.decides);
  const reason = settleSeeds === null ? `${outcome.reason}; no number of seeds in sight settles it` : `${outcome.reason}; about ${settleSeeds} seeds would settle it`;
  return { ...outcome, settleSeeds, reason };
}

/**
 * Judges the gates that more seeds can settle, adding looks as the plan allows. `first` is the
 * drill's own sweep; `runLook` runs each later look's sweep.
 */
export async function settleGates(
  gates: readonly Gate[],
  drill: SweepRequest,
  out: string,
  bootstrap: GateContext['bootstrap'] & BootstrapSettings,
  first: { source: RecordSource; episodes: number; ran: number },
  plan: SeedPlan,
  runLook: LookRunner,
  readLook: (out: string) => RecordSource,
  startedAtMs: number,
): Promise<SettledGates> {
  const settleable = gates.filter((gate) => gate.settle != null);
  const initial = drill.seeds.length;
  const grid = new LookGrid(initial, settleable.map((gate) => gate.settle?.minSeeds ?? initial));
  const sources = [first.source];
  const looks: DrillLook[] = [{ look: 1, seeds: initial, out, episodes: first.episodes, ran: first.ran }];
  const evaluateAll = (look: GateContext['look']) => {
    const groups = groupRecords(sources);
    return { groups, judged: settleable.map((gate) => ({ gate, outcomes: gate.evaluate({ groups, bootstrap, look }) })) };
  };
  if (plan.maxSeeds === null) {
    const { judged } = evaluateAll(null);
    const outcomes = new Map(judged.map(({ gate, outcomes: list }) => [gate, list.map((outcome) => withProjection(gate, outcome, grid, 1))]));
    return { outcomes, sources, looks, stoppedBy: 'one look' };
  }
  const decided = new Map<string, GateOutcome>();
  const deadline = plan.timeBudgetMs === null ? null : startedAtMs + plan.timeBudgetMs;
  let wallMsPerEpisode = first.ran > 0 ? (performance.now() - startedAtMs) / first.ran : 0;
  for (let k = 1; ; ) {
    const seeds = grid.seedsAt(k);
    const { groups, judged } = evaluateAll({ look: k, seeds, grid });
    const pending: Array<{ gate: Gate; outcome: GateOutcome }> = [];
    const latest = new Map<Gate, GateOutcome[]>();
    for (const { gate, outcomes } of judged) {
      latest.set(
        gate,
        outcomes.map((outcome) => {
          const key = outcomeKey(gate, outcome);
          const kept = decided.get(key);
          if (kept !== undefined) return kept;
          const atLook = { ...outcome, look: k };
          if (outcome.status === 'inconclusive') pending.push({ gate, outcome: atLook });
          else decided.set(key, atLook);
          return atLook;
        }),
      );
    }
    const finish = (stoppedBy: SeedStop): SettledGates => {
      const outcomes = new Map([...latest].map(([gate, list]) => [gate, list.map((outcome) => withProjection(gate, outcome, grid, k))]));
      return { outcomes, sources, looks, stoppedBy };
    };
    if (pending.length === 0) return finish('decided');
    const nextK = nextLook(grid, k, pending);
    const next = grid.seedsAt(nextK);
    if (next > plan.maxSeeds) return finish('max-seeds');
    const request = lookRequest(drill, pending, groups, seedsOfLook(drill.seeds, next).slice(seeds));
    const episodes = buildSpecs(request).length;
    if (deadline !== null && performance.now() + episodes * wallMsPerEpisode > deadline) return finish('budget');
    const lookOut = lookDirectory(out, request);
    const lookStart = performance.now();
    const ran = await runLook(request, lookOut, deadline);
    if (!ran.complete) return finish('budget');
    if (ran.ran > 0) wallMsPerEpisode = (performance.now() - lookStart) / ran.ran;
    sources.push(readLook(lookOut));
    looks.push({ look: nextK, seeds: next, out: lookOut, episodes: ran.episodes, ran: ran.ran });
    k = nextK;
  }
}
