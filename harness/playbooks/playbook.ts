/**
 * A playbook: one of the five design documents this project is built from (docs/playbooks/), as the
 * harness uses it to tell an episode. Each has its incident's runbook (the steps of a recovery, in the
 * document's order, each found in a run by a small function) and the regime machine it prescribes for the
 * router, with the bundled policy that implements it. Steps are timed in ms after the first fault, as
 * records keep them (`timeline.runbook`); a step that did not happen is null, and the playbook says why
 * it can be missing.
 *
 * "Playbook 002" names a document; a "seed" is only ever a run's random seed.
 */
import type { Ns } from '../../sim/index.ts';
import type { StateSample, WorldRun } from '../episode/world.ts';
import type { FaultKind } from '../scenario/index.ts';

export const PLAYBOOK_IDS = ['000', '001', '002', '003', '004'] as const;
export type PlaybookId = (typeof PLAYBOOK_IDS)[number];

export interface RunbookStep {
  /** The record's key (`timeline.runbook`), e.g. `gapDetectedMs`. */
  key: string;
  name: string;
  /** What it means that the step happened, for a person. */
  meaning: string;
  /** Why the step can be missing from an episode. */
  missing: string;
  /** When the step happened in `run`, at or after the first fault (`onsetNs`). */
  at(run: WorldRun, onsetNs: Ns): Ns | undefined;
  /** A step about the policy's regime: when the policy never left its normal regime, that is why it is missing. */
  aboutPolicy?: boolean;
}

export interface RegimeMachine {
  /** The bundled policy that implements it, or null when no bundled policy does. */
  policy: string | null;
  states: ReadonlyArray<{ name: string; meaning: string }>;
}

export interface Playbook {
  id: PlaybookId;
  /** The document's own title. */
  title: string;
  /** The incident in a few words: "FIX sequence gap and resend". */
  incident: string;
  /** Fault kinds whose incidents it covers: a scenario that names no playbook gets the one of its first fault. */
  faultKinds: readonly FaultKind[];
  regimeMachine: RegimeMachine;
  runbook: readonly RunbookStep[];
  /** A closing sentence about the recovery, from the steps' times (ms after the first fault) and the record's metrics; null when there is none to make. */
  summary(stepsMs: Readonly<Record<string, number | null>>, metrics: Readonly<Record<string, number | null>>): string | null;
}

/** The router's state is authoritative: sessions up, no gap, no child of unknown fate. */
export const routerClean = (s: StateSample): boolean => !s.anySessionDown && !s.anyGapOpen && s.unknownChildren === 0;
/** Belief equals truth: the same working orders, the same residual. */
export const converged = (s: StateSample): boolean => s.liveSetSimilarity === 1 && s.residualObsShares === s.residualTrueShares;

/** The first session event of a type at or after `fromNs`, on any of the router's sessions. */
export function sessionEventAt(run: WorldRun, type: string, fromNs: Ns | undefined): Ns | undefined {
  if (fromNs === undefined) return undefined;
  return run.orderEntry.ports
    .flatMap((port) => port.events)
    .filter((e) => e.event.type === type && e.atNs >= fromNs)
    .reduce<Ns | undefined>((first, e) => (first === undefined || e.atNs < first ? e.atNs : first), undefined);
}

/** Belief back to truth: the first clean, converged sample after the first one at or after `fromNs` that was not. */
export function stateRestoredAt(run: WorldRun, fromNs: Ns | undefined): Ns | undefined {
  if (fromNs === undefined) return undefined;
  const disturbed = run.samples.find((s) => s.atNs >= fromNs && !(routerClean(s) && converged(s)))?.atNs;
  return disturbed === undefined ? undefined : run.samples.find((s) => s.atNs > disturbed && routerClean(s) && converged(s))?.atNs;
}

/** The policy's return to the regime it started in, at or after `fromNs`. */
export function normalRegimeAt(run: WorldRun, fromNs: Ns | undefined): Ns | undefined {
  const normal = run.regimes[0]?.regime;
  return fromNs === undefined ? undefined : run.regimes.find((r) => r.atNs >= fromNs && r.regime === normal)?.atNs;
}

/** The policy's first regime change away from where it started, at or after `fromNs`. */
export function leftNormalAt(run: WorldRun, fromNs: Ns): Ns | undefined {
  const normal = run.regimes[0]?.regime;
  return run.regimes.find((r) => r.atNs >= fromNs && r.regime !== normal)?.atNs;
}

/** The earliest of some moments, ignoring those that did not happen. */
export function earliest(...moments: Array<Ns | undefined>): Ns | undefined {
  const known = moments.filter((t): t is Ns => t !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
