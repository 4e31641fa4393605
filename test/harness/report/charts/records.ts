// Records the chart tests draw: a small real sweep (tiny-gap, 2 policies x 3 seeds) and hand-made records.
import { runEpisode } from '../../../../harness/episode/run-episode.ts';
import { EPISODE_RECORD_SCHEMA, type EpisodeRecord } from '../../../../harness/episode/record.ts';
import type { EpisodeTrajectory } from '../../../../harness/episode/trajectory.ts';

export const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';
export const TINY_POLICIES = ['naive', 'gap-recovery'] as const;
export const TINY_SEEDS = [1, 2, 3] as const;

let tiny: EpisodeRecord[] | undefined;

export function tinySweep(): EpisodeRecord[] {
  tiny ??= TINY_POLICIES.flatMap((policy) => TINY_SEEDS.map((seed) => runEpisode({ scenarioFile: TINY, policy, params: {}, seed })));
  return tiny;
}

const S = 1e9;

export interface HandMade {
  policy: string;
  seed: number;
  isFoBps?: number;
  /** Bucket end times in seconds. */
  tS?: number[];
  accrued?: number[];
  control?: number[];
  faultAtS?: number | null;
  gateways?: EpisodeTrajectory['gateways'];
}

export function handMadeRecord({ policy, seed, isFoBps = 0, tS = [], accrued = [], control = [], faultAtS = null, gateways }: HandMade): EpisodeRecord {
  const zeros = tS.map(() => 0);
  const trajectory: EpisodeTrajectory = {
    tNs: tS.map((t) => t * S),
    liveSetSimilarity: tS.map(() => 1),
    residualBelievedShares: zeros,
    residualTrueShares: zeros,
    routerReplayBacklogMsgs: zeros,
    venueBacklogMsgs: zeros,
    sessionDown: zeros,
    gapOpen: zeros,
    accruedCostBps: accrued,
    controlAccruedCostBps: control,
    children: [],
    fills: [],
    omitted: { children: 0, fills: 0 },
    faults: faultAtS === null ? [] : [{ kind: 'session-disconnect', atNs: faultAtS * S, durationNs: 2 * S }],
    ...(gateways === undefined ? {} : { gateways }),
  };
  return {
    schema: EPISODE_RECORD_SCHEMA,
    scenario: 'hand-made',
    scenarioFile: 'hand-made.yaml',
    scenarioHash: 'h1',
    policy: { name: policy, version: '1', sourceHash: `src-${policy}`, params: {} },
    seed,
    commit: 'test',
    status: 'ok',
    replay: '',
    traceHash: '',
    metrics: { IS_BPS: isFoBps + 1, IS_CONTROL_BPS: 1, IS_FO_BPS: isFoBps },
    invariants: [],
    timeline: { regimes: [{ atNs: 0, regime: 'NORMAL' }], runbook: {} },
    trajectory,
    eventsSimulated: 0,
  };
}
