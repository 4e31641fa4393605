/**
 * The decision of a router that trusts its belief: follow the schedule, cross the spread when far
 * behind or near the end. The baselines are this plus one reflex each; the state machines start from
 * it and discount it by what they no longer trust.
 */
import { normalDecision, type Decision, type Placement } from './decision.ts';
import type { Observation } from './observation.ts';
import { deficitShare, timeLeftShare } from './signals.ts';

export const FOLLOWER_DEFAULTS = {
  childQtyMaxShares: 500,
  /** Cross the spread once the believed deficit exceeds this share of the parent. */
  crossDeficitShare: 0.05,
  /** ... or once less than this share of the horizon is left with a residual. */
  crossTimeLeftShare: 0.1,
  catchupCap: 4,
} as const;

export type FollowerParams = { [K in keyof typeof FOLLOWER_DEFAULTS]: number };

export function urgentPlacement(o: Observation, params: FollowerParams): Placement {
  const behind = deficitShare(o) > params.crossDeficitShare;
  const late = timeLeftShare(o) < params.crossTimeLeftShare && o.belief.residualQtyShares > 0;
  return behind || late ? 'cross' : 'passive';
}

export function followSchedule(o: Observation, params: FollowerParams, regime: string): Decision {
  return {
    ...normalDecision(regime, params.childQtyMaxShares),
    catchupCap: params.catchupCap,
    placement: urgentPlacement(o, params),
  };
}

/** Reads the follower's parameters out of a policy's resolved parameters. */
export function followerParams(params: Readonly<Record<string, number>>): FollowerParams {
  return {
    childQtyMaxShares: params.childQtyMaxShares,
    crossDeficitShare: params.crossDeficitShare,
    crossTimeLeftShare: params.crossTimeLeftShare,
    catchupCap: params.catchupCap,
  };
}
