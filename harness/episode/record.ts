/**
 * The episode record: everything one run of (scenario, policy, seed) produced, as JSON. Sweeps write
 * records as JSON lines; comparisons, drills and reports read them. Metric names are METRICS.md's.
 * A record is complete on its own: it names the scenario (and a hash of its resolved form), the policy
 * (name, version, parameters and a hash of its source, so two versions compare like two policies),
 * the seed, the project's commit, and the command that replays it.
 */

import type { EpisodeTrajectory } from './trajectory.ts';
import type { MarketSummary } from '../world/market-path.ts';
import type { FaultTimeStrata } from '../world/fault-time-strata.ts';
import type { ImportanceWeight } from '../world/tail-sampling.ts';

export const EPISODE_RECORD_SCHEMA = 'execdrill.episode/1';

/** What one episode is: the unit a sweep schedules and a worker runs. */
export interface EpisodeSpec {
  scenarioFile: string;
  /** A bundled policy name or a path to a user's policy module. */
  policy: string;
  /** Policy parameter overrides (tuning sweeps vary these like seeds). */
  params: Record<string, number>;
  seed: number;
  /** A second policy deciding in shadow at every decision point, without acting. */
  shadowPolicy?: string;
  /**
   * Set by a sweep's pool, never by a user: the shadow stops before this decision, for the reason
   * given (the watchdog ended it there). Not part of what identifies the episode.
   */
  shadowRetired?: { afterDecisions: number; reason: string };
}

/** Whether a spec's policy names a user's module (a path) rather than a bundled policy. */
export function isPolicyModulePath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || /\.(ts|js|mjs)$/.test(nameOrPath);
}

export interface InvariantResult {
  name: string;
  ok: boolean;
  detail?: string;
}

export type EpisodeErrorKind = 'invariant' | 'crash' | 'bad-input' | 'policy' | 'budget';

export interface EpisodeRecord {
  schema: typeof EPISODE_RECORD_SCHEMA;
  scenario: string;
  scenarioFile: string;
  scenarioHash: string;
  policy: { name: string; version: string; sourceHash: string; params: Record<string, number> };
  seed: number;
  commit: string;
  /**
   * The session clock time of scenario time 0, ns since midnight: every `atNs` and `tNs` in the record counts
   * from it (harness/scenario/clock-times.ts). Absent from failed records and from records older than it.
   */
  timeZeroNs?: number;
  /**
   * Under a scenario's stratified fault times (`faultTimeStrata: K`), K, the stratum (0..K-1) of the first
   * random-time fault, which intervals resample within, and every random-time fault's stratum
   * (harness/world/fault-time-strata.ts). Absent when the fault times are not stratified.
   */
  faultTimeStrata?: FaultTimeStrata;
  /**
   * Under a scenario's tail sampling (`tailSampling: { occurrence: q }`), the seed's likelihood ratio, target
   * over proposal, and each tilted fault's p, q and outcome (harness/world/tail-sampling.ts): comparisons
   * weigh the seed by it. Absent when the scenario draws its faults with their own probabilities.
   */
  importanceWeight?: ImportanceWeight;
  status: 'ok' | 'failed';
  /**
   * Why a failed episode failed; a sweep records it and goes on. `policy`: the policy broke its
   * contract (threw, returned a malformed decision, wrote to its observation, ran over its CPU budget
   * or ended its thread); `budget`: the episode ran past its event or time budget.
   */
  error?: { kind: EpisodeErrorKind; message: string };
  /** The command that reruns exactly this episode. */
  replay: string;
  traceHash: string;
  /** Scalar metrics by METRICS.md name (IS_BPS, IS_FO_BPS, FETL inputs, LSS_MIN, RBL95 ...); null when not applicable. */
  metrics: Record<string, number | null>;
  invariants: InvariantResult[];
  /**
   * The exogenous market the episode ran on: which market path (scenarios with the same `pathKey` share
   * their market seed by seed), its sigma and volume over the parent's horizon, and the impact and alpha
   * calibrated from them. Absent with an endogenous or replayed flow.
   */
  market?: MarketSummary;
  /** Regime changes of the acting policy (ns from time 0), and the runbook of the scenario's playbook (ms after the first fault). */
  timeline: {
    regimes: { atNs: number; regime: string }[];
    /** Which playbook's runbook `runbook` follows (harness/playbooks); absent from failed and older records (002's then). */
    playbook?: string;
    runbook: Record<string, number | null>;
  };
  /** The incident run's state over time, child orders, fills and faults (absent when the episode failed). */
  trajectory?: EpisodeTrajectory;
  /** Where a shadow policy's decisions differed from the acting policy's. */
  shadow?: {
    policy: string;
    /** A hash of the shadow policy's source, as `policy.sourceHash` is of the acting one's (absent in older records). */
    sourceHash?: string;
    decisions: number;
    divergences: { atNs: number; acting: string; shadow: string }[];
    /** The shadow's fault, if it had one: it stopped deciding there, and the acting runs went on untouched. */
    failure?: { atNs: number | null; message: string };
  };
  eventsSimulated: number;
}

/** The key that identifies an episode within a sweep (and so within a resumed or sharded one). */
export function episodeKey(spec: EpisodeSpec): string {
  const params = Object.keys(spec.params)
    .sort()
    .map((k) => `${k}=${spec.params[k]}`)
    .join(',');
  return `${spec.scenarioFile}|${spec.policy}|${params}|${spec.seed}|${spec.shadowPolicy ?? ''}`;
}
