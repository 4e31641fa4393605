/**
 * `gap-recovery`: seed 002 ("FIX Resend-Request Replay Backlog"), its regime state machine CLEAN ->
 * GAP_OPEN -> REPLAY_DRAIN -> AUTHORITATIVE_RECONCILE -> (SAFE_SERIALIZE) -> REJOIN_NORMAL -> CLEAN:
 * - GAP_OPEN: local state is no longer exact; urgency is discounted by confidence, aggressive
 *   catch-up frozen, passive only;
 * - REPLAY_DRAIN: replay traffic has begun; new child creation is capped, passive only while the
 *   residual confidence is acceptable, paused below it;
 * - AUTHORITATIVE_RECONCILE: the backlog is (nearly) cleared but trust is not proven: status
 *   requests for every unknown child; urgency is not released because sequence numbers line up;
 * - SAFE_SERIALIZE: ambiguity stays high or reconciliation outlasts its timeout: one child at a
 *   time, no cancel/re-enter churn (instead of bulk cancel/re-enter);
 * - REJOIN_NORMAL: a step ramp of participation and catch-up back to normal over a guard window.
 * Left out: the online calibration loop (the harness's tuning sweeps play that part).
 * Parameters: confidence in 0..1, counts, durations in ns.
 */
import { NS_PER_MS, NS_PER_S } from '../sim/index.ts';
import type { Decision } from './decision.ts';
import type { Observation } from './observation.ts';
import type { PolicyDefinition } from './policy.ts';
import { RegimeMachine } from './regime-machine.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';
import { anyGapOpen, anySessionDown, dropCopyParity, replayBacklogMsgs, stateConfidence } from './signals.ts';

type GapState = 'CLEAN' | 'GAP_OPEN' | 'REPLAY_DRAIN' | 'AUTHORITATIVE_RECONCILE' | 'SAFE_SERIALIZE' | 'REJOIN_NORMAL';

const SEVERITY: Record<GapState, number> = {
  CLEAN: 0,
  REJOIN_NORMAL: 1,
  AUTHORITATIVE_RECONCILE: 2,
  REPLAY_DRAIN: 3,
  GAP_OPEN: 4,
  SAFE_SERIALIZE: 5,
};

export const gapRecovery: PolicyDefinition = {
  name: 'gap-recovery',
  version: '1.0.0',
  summary: 'Playbook 002 gap-recovery regimes: confidence-discounted urgency, SAFE_SERIALIZE, step-ramp rejoin.',
  source: 'playbook 002 regime state machine and runbook',
  defaults: {
    ...FOLLOWER_DEFAULTS,
    confidenceThreshold: 0.9,
    drainMinConfidence: 0.5,
    ambiguousChildThreshold: 3,
    reconcileTimeoutNs: 5 * NS_PER_S,
    rampStepNs: 3 * NS_PER_S,
    rampSteps: 3,
    minDwellNs: 250 * NS_PER_MS,
  },
  create(params) {
    const follower = followerParams(params);
    const machine = new RegimeMachine<GapState>('CLEAN', SEVERITY, params.minDwellNs);
    let replaySignalsSeen = 0;

    const sequenceTrouble = (o: Observation): boolean => anySessionDown(o) || anyGapOpen(o);
    const trusted = (o: Observation): boolean =>
      !sequenceTrouble(o) &&
      replayBacklogMsgs(o) === 0 &&
      o.belief.unknownChildCount === 0 &&
      dropCopyParity(o, 1) &&
      stateConfidence(o) >= params.confidenceThreshold;

    const next = (o: Observation, replayStarted: boolean): GapState => {
      const state = machine.state;
      const inRecovery = state !== 'CLEAN' && state !== 'REJOIN_NORMAL';
      if (sequenceTrouble(o) && !inRecovery) return 'GAP_OPEN';
      switch (state) {
        case 'CLEAN':
          return o.belief.unknownChildCount > 0 ? 'AUTHORITATIVE_RECONCILE' : 'CLEAN';
        case 'GAP_OPEN':
          if (replayStarted) return 'REPLAY_DRAIN';
          return sequenceTrouble(o) ? 'GAP_OPEN' : 'AUTHORITATIVE_RECONCILE';
        case 'REPLAY_DRAIN':
          return !anyGapOpen(o) && replayBacklogMsgs(o) <= 1 && !anySessionDown(o) ? 'AUTHORITATIVE_RECONCILE' : 'REPLAY_DRAIN';
        case 'AUTHORITATIVE_RECONCILE': {
          if (trusted(o)) return 'REJOIN_NORMAL';
          const ambiguous = o.belief.unknownChildCount >= params.ambiguousChildThreshold || o.belief.duplicateCandidateCount > 0;
          const tooLong = machine.timeInStateNs(o.timeNs) > params.reconcileTimeoutNs;
          return ambiguous || tooLong ? 'SAFE_SERIALIZE' : 'AUTHORITATIVE_RECONCILE';
        }
        case 'SAFE_SERIALIZE':
          return trusted(o) ? 'REJOIN_NORMAL' : 'SAFE_SERIALIZE';
        case 'REJOIN_NORMAL':
          if (!trusted(o)) return 'AUTHORITATIVE_RECONCILE';
          return machine.timeInStateNs(o.timeNs) >= params.rampStepNs * params.rampSteps ? 'CLEAN' : 'REJOIN_NORMAL';
      }
    };

    const act = (o: Observation, state: GapState): Decision => {
      const base = followSchedule(o, follower, state);
      const confidence = stateConfidence(o);
      const smallerChild = Math.max(1, Math.floor(params.childQtyMaxShares / 2));
      switch (state) {
        case 'CLEAN':
          return base;
        case 'GAP_OPEN':
          return { ...base, participationScale: confidence, catchupCap: 1, placement: 'passive', reconcileUnknown: false };
        case 'REPLAY_DRAIN':
          return {
            ...base,
            pause: confidence < params.drainMinConfidence,
            participationScale: Math.min(0.6, Math.max(0.2, confidence)),
            catchupCap: 1,
            childQtyMaxShares: smallerChild,
            placement: 'passive',
          };
        case 'AUTHORITATIVE_RECONCILE':
          return { ...base, participationScale: confidence, catchupCap: 1, placement: 'passive', reconcileUnknown: true };
        case 'SAFE_SERIALIZE':
          return { ...base, serialize: true, catchupCap: 1, childQtyMaxShares: smallerChild, reconcileUnknown: true };
        case 'REJOIN_NORMAL': {
          // Step ramp: each step restores an equal share of participation and catch-up gain.
          const step = Math.min(params.rampSteps, 1 + Math.floor(machine.timeInStateNs(o.timeNs) / params.rampStepNs));
          const gain = step / (params.rampSteps + 1);
          return {
            ...base,
            participationScale: 0.5 + 0.5 * gain,
            catchupCap: 1 + (follower.catchupCap - 1) * gain,
          };
        }
      }
    };

    return {
      name: this.name,
      version: this.version,
      decide(o) {
        const replaySignals = o.sessions.reduce((n, s) => n + s.possDupCount + s.gapFillCount + (s.resendInProgress ? 1 : 0), 0);
        const replayStarted = replaySignals > replaySignalsSeen;
        replaySignalsSeen = replaySignals;
        machine.propose(next(o, replayStarted), o.timeNs);
        return act(o, machine.state);
      },
    };
  },
};
