/**
 * Control runs, kept and reused where reuse is proved (issue: "do not re-simulate what cannot differ").
 * A control run has no faults: two policies that take the same actions on the same observations make
 * the same run, bit for bit, since the world is deterministic in what the router is told to do. So a
 * worker keeps the control runs it made, by (scenario content, seed), with every observation and
 * decision of the run; another policy on the same seed first decides on those observations, in order,
 * from a fresh instance. If every decision makes the router do what the kept one did (actionOf), the
 * kept run is its control too, relabelled with its own regimes (regimes, decisions, trace hash); otherwise it gets a run of
 * its own (kept as well). A policy that keeps state across episodes, or reads anything but its
 * observation, is beyond this proof: the policy contract (policies/contract.ts) forbids both.
 * Memory: about 6 MB a kept run (002-fix-gap-resend); at most KEPT_CONTROLS are kept, least recently
 * used out.
 */
import { isDeepStrictEqual } from 'node:util';
import { invariant } from '../../sim/index.ts';
import type { Decision, Observation, PolicyDefinition, PolicyParams } from '../../policies/index.ts';
import { guardPolicy } from '../router/policy-guard.ts';
import type { Scenario } from '../scenario/index.ts';
import { checkInvariants } from './invariants.ts';
import type { InvariantResult } from './record.ts';
import { traceHashOf } from './run-trace.ts';
import { runWorld, type DecisionTraceEntry, type WorldRun } from './world.ts';

const KEPT_CONTROLS = 24;

export interface ControlRun {
  /** The run, in the regime labels of the policy asked for. */
  run: WorldRun;
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
function sameActions(policy: PolicyDefinition, params: PolicyParams, kept: KeptControl): string[] | undefined {
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

/** The kept run in another policy's labels: its decisions relabelled one by one (the trace has one entry a decision), its regime changes and trace hash recomputed from them. */
function relabelled(run: WorldRun, labels: readonly string[]): WorldRun {
  invariant(labels.length === run.decisions.length, () => `a kept run has ${run.decisions.length} decisions but ${labels.length} traced`);
  const decisions = run.decisions.map((d, i) => ({ ...d, regime: labels[i] }));
  const regimes: WorldRun['regimes'] = [];
  for (const { atNs, regime } of decisions) if (regimes.length === 0 || regimes[regimes.length - 1].regime !== regime) regimes.push({ atNs, regime });
  return { ...run, decisions, regimes, traceHash: traceHashOf(run, regimes) };
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
    let labels: string[] | undefined;
    try {
      labels = sameActions(policy, params, entry);
    } catch {
      // A policy that fails on another's observations proves nothing: it runs its own control (and fails there, if it must).
      labels = undefined;
    }
    if (labels !== undefined) {
      kept.delete(key);
      kept.set(key, entries);
      controlRunStats.reused++;
      return { run: relabelled(entry.run, labels), invariants: entry.invariants, reused: true };
    }
  }
  const trace: DecisionTraceEntry[] = [];
  const run = runWorld(scenario, scenarioFile, policy, params, seed, 'control', undefined, undefined, trace);
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
  return { run, invariants, reused: false };
}
