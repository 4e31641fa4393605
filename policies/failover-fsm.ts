/**
 * `failover-fsm`: seed 000 ("Gateway Failover Order-State Divergence"), section 5's explicit state
 * machine HEALTHY -> FAILOVER_DETECTED -> STATE_DIVERGED -> REPLAY_SYNCING -> CONTROLLED_REENTRY ->
 * STABLE, moving only on objective signals (disconnects, sequence-gap closure, drop-copy parity,
 * live-set similarity threshold, confidence SLA), with section 8's controls:
 * - incident mode: enter STATE_DIVERGED quickly; freeze expansions that depend on exact live-order
 *   truth (no cancels, smaller children); confidence-weighted participation caps, not all-on/all-off;
 * - recovery mode: participation rises with live-set similarity and replay confidence; catch-up is
 *   capped so the deficit is spread over the time left (convexity-aware) instead of bursting;
 * - SAFE_MODE when a guardrail breaks (divergence outlasts the confidence SLA, or the deficit passes
 *   its limit): passive, one child at a time, until the state is clean again.
 * Left out: the matched-control analytics and canary rollout of section 9 (the harness does those).
 * Parameters: similarity in 0..1, durations in ns, shares of the parent in 0..1.
 */
import { NS_PER_MS, NS_PER_S } from '../sim/index.ts';
import type { Decision } from './decision.ts';
import type { Observation } from './observation.ts';
import type { PolicyDefinition } from './policy.ts';
import { RegimeMachine } from './regime-machine.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';
import {
  anyGapOpen,
  anySessionDown,
  deficitShare,
  dropCopyParity,
  replayBacklogMsgs,
  stateConfidence,
  timeLeftShare,
  totalDisconnects,
} from './signals.ts';

type FailoverState =
  | 'HEALTHY'
  | 'FAILOVER_DETECTED'
  | 'STATE_DIVERGED'
  | 'REPLAY_SYNCING'
  | 'CONTROLLED_REENTRY'
  | 'STABLE'
  | 'SAFE_MODE';

const SEVERITY: Record<FailoverState, number> = {
  HEALTHY: 0,
  STABLE: 1,
  CONTROLLED_REENTRY: 2,
  REPLAY_SYNCING: 3,
  FAILOVER_DETECTED: 4,
  STATE_DIVERGED: 5,
  SAFE_MODE: 6,
};

export const failoverFsm: PolicyDefinition = {
  name: 'failover-fsm',
  version: '1.0.0',
  summary: 'Playbook 000 failover state machine: confidence-weighted caps while diverged, capped catch-up on re-entry.',
  source: 'playbook 000 sections 5 and 8',
  defaults: {
    ...FOLLOWER_DEFAULTS,
    liveSetSimilarityThreshold: 0.98,
    confidenceSlaNs: 30 * NS_PER_S,
    reentryRampNs: 10 * NS_PER_S,
    stableGuardNs: 10 * NS_PER_S,
    maxCatchupCap: 1.5,
    safeModeDeficitShare: 0.3,
    minDwellNs: 500 * NS_PER_MS,
  },
  create(params) {
    const follower = followerParams(params);
    const machine = new RegimeMachine<FailoverState>('HEALTHY', SEVERITY, params.minDwellNs);
    let disconnectsSeen = 0;
    // The confidence SLA runs from the first divergence until the state is clean again, across
    // STATE_DIVERGED and REPLAY_SYNCING.
    let divergedSinceNs: number | undefined;

    const stateIsClean = (o: Observation): boolean =>
      !anySessionDown(o) &&
      !anyGapOpen(o) &&
      replayBacklogMsgs(o) === 0 &&
      o.belief.unknownChildCount === 0 &&
      dropCopyParity(o, params.liveSetSimilarityThreshold);

    const next = (o: Observation, newDisconnect: boolean): FailoverState => {
      const state = machine.state;
      if (newDisconnect || (anySessionDown(o) && SEVERITY[state] < SEVERITY.FAILOVER_DETECTED)) return 'FAILOVER_DETECTED';
      const diverged = o.belief.unknownChildCount > 0 || !dropCopyParity(o, params.liveSetSimilarityThreshold);
      const guardrailBroken =
        (divergedSinceNs !== undefined && o.timeNs - divergedSinceNs > params.confidenceSlaNs) ||
        (state !== 'HEALTHY' && state !== 'STABLE' && deficitShare(o) > params.safeModeDeficitShare);
      switch (state) {
        case 'HEALTHY':
          return diverged ? 'STATE_DIVERGED' : 'HEALTHY';
        case 'FAILOVER_DETECTED':
          if (diverged) return 'STATE_DIVERGED';
          return anySessionDown(o) ? 'FAILOVER_DETECTED' : 'REPLAY_SYNCING';
        case 'STATE_DIVERGED':
          if (guardrailBroken) return 'SAFE_MODE';
          return anySessionDown(o) ? 'STATE_DIVERGED' : 'REPLAY_SYNCING';
        case 'REPLAY_SYNCING':
          if (guardrailBroken) return 'SAFE_MODE';
          return stateIsClean(o) ? 'CONTROLLED_REENTRY' : 'REPLAY_SYNCING';
        case 'SAFE_MODE':
          return stateIsClean(o) ? 'CONTROLLED_REENTRY' : 'SAFE_MODE';
        case 'CONTROLLED_REENTRY':
          if (diverged) return 'STATE_DIVERGED';
          return machine.timeInStateNs(o.timeNs) >= params.reentryRampNs ? 'STABLE' : 'CONTROLLED_REENTRY';
        case 'STABLE':
          if (diverged) return 'STATE_DIVERGED';
          return machine.timeInStateNs(o.timeNs) >= params.stableGuardNs ? 'HEALTHY' : 'STABLE';
      }
    };

    /** Catch-up that spreads the deficit over the time left, never above the cap. */
    const convexityAwareCap = (o: Observation): number =>
      Math.min(params.maxCatchupCap, 1 + deficitShare(o) / Math.max(timeLeftShare(o), 0.05));

    const act = (o: Observation, state: FailoverState): Decision => {
      const base = followSchedule(o, follower, state);
      const confidence = stateConfidence(o);
      switch (state) {
        case 'HEALTHY':
        case 'STABLE':
          return state === 'STABLE' ? { ...base, catchupCap: convexityAwareCap(o) } : base;
        case 'FAILOVER_DETECTED':
          return { ...base, pause: true, placement: 'passive' };
        case 'STATE_DIVERGED':
        case 'REPLAY_SYNCING':
          return {
            ...base,
            participationScale: confidence * (state === 'STATE_DIVERGED' ? 0.25 : 0.5),
            catchupCap: 1,
            childQtyMaxShares: Math.max(1, Math.floor(params.childQtyMaxShares / 2)),
            placement: 'passive',
            reconcileUnknown: true,
          };
        case 'CONTROLLED_REENTRY': {
          const ramp = Math.min(1, 0.5 + machine.timeInStateNs(o.timeNs) / params.reentryRampNs / 2);
          return { ...base, participationScale: ramp, catchupCap: convexityAwareCap(o) };
        }
        case 'SAFE_MODE':
          return { ...base, participationScale: 0.5, catchupCap: 1, placement: 'passive', serialize: true, reconcileUnknown: true };
      }
    };

    return {
      name: this.name,
      version: this.version,
      decide(o) {
        const disconnects = totalDisconnects(o);
        const newDisconnect = disconnects > disconnectsSeen;
        disconnectsSeen = disconnects;
        machine.propose(next(o, newDisconnect), o.timeNs);
        const state = machine.state;
        if (state === 'STATE_DIVERGED' && divergedSinceNs === undefined) divergedSinceNs = o.timeNs;
        if (state === 'CONTROLLED_REENTRY' || state === 'STABLE' || state === 'HEALTHY') divergedSinceNs = undefined;
        return act(o, state);
      },
    };
  },
};
