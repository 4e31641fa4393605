/**
 * Control runs, kept and reused where reuse is proved (issue: "do not re-simulate what cannot differ").
 * A control run has no faults: two policies that take the same actions on the same observations make
 * the same run, bit for bit, since the world is deterministic in what the router is told to do. So a
 * worker keeps the control runs it made, by (scenario content, seed), with every observation and
 * decision of the run; another policy on the same seed first decides on those observations, in order,
 * from a fresh instance. If every decision equals the kept one in everything but its regime label, the
 * kept run is its control too, with its own regime labels as the timeline; otherwise it gets a run of
 * its own (kept as well). A policy that keeps state across episodes, or reads anything but its
 * observation, is beyond this proof: the policy contract (policies/contract.ts) forbids both.
 * Memory: about 6 MB a kept run (002-fix-gap-resend); at most KEPT_CONTROLS are kept, least recently
 * used out.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Decision, PolicyDefinition, PolicyParams } from '../../policies/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { checkInvariants } from './invariants.ts';
import type { InvariantResult } from './record.ts';
import { runWorld, type DecisionTraceEntry, type WorldRun } from './world.ts';

const KEPT_CONTROLS = 24;

export interface RegimeChange {
  atNs: number;
  regime: string;
}

export interface ControlRun {
  run: WorldRun;
  /** The regime timeline of the policy asked for (its labels, at the kept run's decision times). */
  regimes: RegimeChange[];
  invariants: InvariantResult[];
  /** True when a run made for another policy served. */
  reused: boolean;
}

interface KeptControl {
  run: WorldRun;
  trace: DecisionTraceEntry[];
  invariants: InvariantResult[];
}

const kept = new Map<string, KeptControl[]>();
let keptCount = 0;

/** Control runs made and reused in this worker (for benches and tests). */
export const controlRunStats = { made: 0, reused: 0 };

/** Drops every kept control run (tests compare a reused run with one made afresh). */
export function forgetControlRuns(): void {
  kept.clear();
  keptCount = 0;
}

/** The policy's regime timeline on the kept run, or undefined if it would act differently anywhere. */
function sameActions(policy: PolicyDefinition, params: PolicyParams, trace: readonly DecisionTraceEntry[]): RegimeChange[] | undefined {
  const instance = policy.create(params);
  const regimes: RegimeChange[] = [];
  for (const { observation, decision } of trace) {
    const mine: Decision = instance.decide(observation);
    if (!isDeepStrictEqual({ ...mine, regime: '' }, { ...decision, regime: '' })) return undefined;
    if (regimes.length === 0 || regimes[regimes.length - 1].regime !== mine.regime) regimes.push({ atNs: observation.timeNs, regime: mine.regime });
  }
  return regimes;
}

function regimesOf(run: WorldRun): RegimeChange[] {
  return run.router.regimeTimeline.map((r) => ({ atNs: r.atNs, regime: r.regime }));
}

export function controlRun(
  scenario: Scenario,
  scenarioFile: string,
  scenarioHash: string,
  policy: PolicyDefinition,
  params: PolicyParams,
  seed: number,
  persists: ReadonlyMap<string, boolean>,
): ControlRun {
  const key = `${scenarioHash}|${scenarioFile}|${seed}`;
  const entries = kept.get(key) ?? [];
  for (const entry of entries) {
    let regimes: RegimeChange[] | undefined;
    try {
      regimes = sameActions(policy, params, entry.trace);
    } catch {
      // A policy that fails on another's observations proves nothing: it runs its own control (and fails there, if it must).
      regimes = undefined;
    }
    if (regimes !== undefined) {
      kept.delete(key);
      kept.set(key, entries);
      controlRunStats.reused++;
      return { run: entry.run, regimes, invariants: entry.invariants, reused: true };
    }
  }
  const trace: DecisionTraceEntry[] = [];
  const run = runWorld(scenario, scenarioFile, policy, params, seed, 'control', undefined, trace);
  const invariants = checkInvariants(run, persists);
  controlRunStats.made++;
  kept.delete(key);
  kept.set(key, [...entries, { run, trace, invariants }]);
  keptCount++;
  while (keptCount > KEPT_CONTROLS) {
    const [oldestKey, oldest] = kept.entries().next().value as [string, KeptControl[]];
    oldest.shift();
    keptCount--;
    if (oldest.length === 0) kept.delete(oldestKey);
  }
  return { run, regimes: regimesOf(run), invariants, reused: false };
}
