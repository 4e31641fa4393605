/**
 * Runs kept and reused where reuse is proved (issue 16: "do not re-simulate what cannot differ; prove
 * it by trace, not by assumption"). The world is deterministic in what the router is told to do: two
 * policies that make the router do the same thing at every decision of a run make the same run, bit
 * for bit, whatever they call their regimes. That holds for each of an episode's runs, incident,
 * control and oracle alike (world.ts). So a worker keeps the runs it made, by (scenario content, file,
 * seed, mode), with every observation and decision of each; another policy on the same key first
 * decides on those observations, in order, from a fresh instance. If every decision makes the router
 * do what the kept one did (actionOf), the kept run is its run too, relabelled with its own regimes:
 * the regime labels (WorldRun.regimes, .decisions, and the trace hash through them) are the only part
 * of a run that a policy names; the record reads its regimes, FDS, SDL, TEX95 and runbook from them.
 * Otherwise the policy gets a run of its own, kept as well.
 *
 * Where the proof stops:
 * - A policy that keeps state across episodes, or reads anything but its observation, is beyond it:
 *   the policy contract (policies/contract.ts) forbids both.
 * - A policy that throws, returns a malformed decision or runs over its decision budget on the kept
 *   observations proves nothing: it makes its own run, and fails there if it must, at the same
 *   decision (up to it, it acted as the kept one did, so it saw the same observations). The replay's
 *   decisions count against the policy's episode budget (decision-clock.ts) as its own run's would; a
 *   replay that ends at a difference counts those decisions once more than no reuse would, which
 *   matters only to a policy within that much of its wall-clock budget.
 * - An incident run with a shadow policy is neither reused nor kept: the record holds the shadow's
 *   decisions on that run, which a replay of the acting policy does not prove.
 *
 * Memory: up to about 7 MB a kept run (an incident run of 002-fix-gap-resend, the largest measured,
 * heap after a forced collection); at most KEPT_RUNS are kept, the three modes together, least
 * recently used out. A sweep runs every policy of a seed together (plan.ts, seed-queue.ts), so what
 * matters is that one seed's distinct runs fit: the ten bundled policies make about 18 on a seed of the
 * bundled drill (589 runs over 32 seeds, below), and 36 leaves room for a parameter axis.
 * Measured at a22a301 against dc6f2f9, one worker, all ten bundled policies x the bundled drill's
 * eight scenarios x seeds 1-4 (320 episodes, every incident with faults): 77 of 320 incident runs and
 * 86 of 320 oracle runs reused (control: 208 of 320, as before), so 589 runs simulated instead of 752,
 * and the records file the same bytes. The replays are not free (9% of the time of 60 of those
 * episodes), so the wall time fell less than the runs: harness/sweep/README.md.
 */
import { isDeepStrictEqual } from 'node:util';
import { invariant } from '../../sim/index.ts';
import type { Decision, Observation, PolicyDefinition, PolicyParams } from '../../policies/index.ts';
import { guardPolicy } from '../router/policy-guard.ts';
import type { Scenario } from '../scenario/index.ts';
import { traceHashOf } from './run-trace.ts';
import { runWorld, type DecisionTraceEntry, type RunMode, type ShadowRetirement, type WorldRun } from './world.ts';

const KEPT_RUNS = 36;

/** What an episode's runs share: all but the mode. */
export interface RunSpec {
  scenario: Scenario;
  scenarioFile: string;
  scenarioHash: string;
  policy: PolicyDefinition;
  params: PolicyParams;
  seed: number;
}

interface KeptRun {
  run: WorldRun;
  trace: DecisionTraceEntry[];
}

/** By (scenario content, file, seed, mode), least recently used first; each key's runs in the order made. */
const kept = new Map<string, KeptRun[]>();
let keptCount = 0;

/** Runs made and reused in this worker, by mode (for benches and tests). */
export const keptRunStats: Record<RunMode, { made: number; reused: number }> = {
  incident: { made: 0, reused: 0 },
  control: { made: 0, reused: 0 },
  oracle: { made: 0, reused: 0 },
};

/** Drops every kept run (tests compare a reused run with one made afresh). */
export function forgetKeptRuns(): void {
  kept.clear();
  keptCount = 0;
}

/**
 * What a decision makes the router do at this observation, for comparing two policies' decisions: the
 * regime label is the policy's own; a flag about children of unknown fate does nothing while there are
 * none; an absent optional flag is false; and without a gateway pool, weights over a single routed
 * gateway pick that gateway whatever they are (session-picker.ts). With a pool, weights also steer the
 * pool, so they are compared as given.
 */
function actionOf(decision: Decision, observation: Observation, weightsMatter: boolean): Decision {
  const noUnknown = observation.belief.unknownChildCount === 0;
  return {
    ...decision,
    regime: '',
    massCancel: decision.massCancel === true,
    reenterUnknown: noUnknown ? false : decision.reenterUnknown === true,
    reconcileUnknown: noUnknown ? false : decision.reconcileUnknown,
    gatewayWeights: weightsMatter ? decision.gatewayWeights : undefined,
  };
}

/** The policy's regime label at each decision of the kept run, or undefined if it would act differently anywhere. */
function sameActions(policy: PolicyDefinition, params: PolicyParams, kept: KeptRun): string[] | undefined {
  const routed = kept.run.orderEntry.routerPorts.map((port) => port.gatewayId);
  const weightsMatter = kept.run.orderEntry.gatewayPool !== undefined || routed.length > 1;
  // Guarded as in a run, so that both decisions are read the same way (checked, copied).
  const instance = guardPolicy(policy, params, routed);
  const labels: string[] = [];
  for (const { observation, decision } of kept.trace) {
    const mine: Decision = instance.decide(observation);
    if (!isDeepStrictEqual(actionOf(mine, observation, weightsMatter), actionOf(decision, observation, weightsMatter))) return undefined;
    labels.push(mine.regime);
  }
  return labels;
}

/** The kept run in another policy's labels: its decisions relabelled one by one (the trace has an entry a decision), its regime changes and trace hash made from them. */
function relabelled(run: WorldRun, labels: readonly string[]): WorldRun {
  invariant(labels.length === run.decisions.length, () => `a kept run has ${run.decisions.length} decisions but ${labels.length} traced`);
  const decisions = run.decisions.map((d, i) => ({ ...d, regime: labels[i] }));
  const regimes: WorldRun['regimes'] = [];
  for (const { atNs, regime } of decisions) if (regimes.length === 0 || regimes[regimes.length - 1].regime !== regime) regimes.push({ atNs, regime });
  return { ...run, decisions, regimes, traceHash: traceHashOf(run, regimes) };
}

function keep(key: string, entries: KeptRun[], entry: KeptRun): void {
  kept.delete(key);
  kept.set(key, [...entries, entry]);
  keptCount++;
  while (keptCount > KEPT_RUNS) {
    const [oldestKey, oldest] = kept.entries().next().value as [string, KeptRun[]];
    oldest.shift();
    keptCount--;
    if (oldest.length === 0) kept.delete(oldestKey);
  }
}

/**
 * The policy's run of `mode`: a kept run where it is proved to be this policy's too, else a new one
 * (then kept). With a shadow (incident runs only) the run is always new and not kept.
 */
export function runOrReuse(spec: RunSpec, mode: RunMode, shadow?: { policy: PolicyDefinition; retired: ShadowRetirement | undefined }): WorldRun {
  const { scenario, scenarioFile, scenarioHash, policy, params, seed } = spec;
  if (shadow !== undefined) {
    keptRunStats[mode].made++;
    return runWorld(scenario, scenarioFile, policy, params, seed, mode, shadow.policy, shadow.retired);
  }
  const key = `${scenarioHash}|${scenarioFile}|${seed}|${mode}`;
  const entries = kept.get(key) ?? [];
  for (const entry of entries) {
    let labels: string[] | undefined;
    try {
      labels = sameActions(policy, params, entry);
    } catch {
      // A policy that fails on another's observations proves nothing: it makes its own run (and fails there, if it must).
      labels = undefined;
    }
    if (labels !== undefined) {
      kept.delete(key);
      kept.set(key, entries);
      keptRunStats[mode].reused++;
      return relabelled(entry.run, labels);
    }
  }
  keptRunStats[mode].made++;
  const trace: DecisionTraceEntry[] = [];
  const run = runWorld(scenario, scenarioFile, policy, params, seed, mode, undefined, undefined, trace);
  keep(key, entries, { run, trace });
  return run;
}
