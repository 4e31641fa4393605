/**
 * `replay-regime`: seed 001 ("Matching-Engine Sequencer Failover Replay-Backlog"). An online classifier
 * gives probabilities over NORMAL, FAILOVER_TRANSITION, REPLAY_CATCHUP and UNSTABLE_DESYNC from
 * point-in-time features (session state, feed gap recovery, book age, ack latency inflation, causality
 * inversions); the most probable regime, held with hysteresis and a minimum dwell time, picks the
 * action profile GREEN / YELLOW / ORANGE / RED. Placement is chosen by the seed's route score
 *   Score(a) = E[C | a] + lambdaTail * CVaR95(a) + lambdaDesync * p(UNSTABLE_DESYNC | a)
 * over a in {passive, cross}. Features older than the freshness bound auto-degrade the policy to at
 * least ORANGE ("if sequence-state features are older than ~250-500 ms ... auto-degrade").
 *
 * Deliberate simplification: the classifier is a fixed softmax over hand-set feature weights, not a
 * model calibrated on data (the seed's "calibrated probabilities" need labelled incidents this project
 * does not have); the cost terms are in half-spreads, not a fitted quantile model.
 * Parameters: durations in ns, costs in half-spreads, weights unitless.
 */
import { NS_PER_MS, NS_PER_S } from '../sim/index.ts';
import type { Decision, Placement } from './decision.ts';
import type { Observation } from './observation.ts';
import type { PolicyDefinition } from './policy.ts';
import { RegimeMachine } from './regime-machine.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';
import { anyGapOpen, anySessionDown, deficitShare, timeLeftShare } from './signals.ts';

export const REPLAY_REGIMES = ['NORMAL', 'FAILOVER_TRANSITION', 'REPLAY_CATCHUP', 'UNSTABLE_DESYNC'] as const;
export type ReplayRegime = (typeof REPLAY_REGIMES)[number];
export type RegimeProbabilities = Record<ReplayRegime, number>;

const SEVERITY: Record<ReplayRegime, number> = { NORMAL: 0, FAILOVER_TRANSITION: 1, REPLAY_CATCHUP: 2, UNSTABLE_DESYNC: 3 };
const COLOUR: Record<ReplayRegime, string> = { NORMAL: 'GREEN', FAILOVER_TRANSITION: 'YELLOW', REPLAY_CATCHUP: 'ORANGE', UNSTABLE_DESYNC: 'RED' };

export interface ReplayFeatures {
  sessionDown: boolean;
  gapOpen: boolean;
  feedRecovering: boolean;
  /** Book age in multiples of the freshness bound. */
  bookAgeRatio: number;
  /** Recent ack p99 over the warm baseline p99 (1 when unknown). */
  ackInflation: number;
  /** Causality inversions seen since the previous decision. */
  newInversions: number;
  unknownChildren: number;
}

/** Softmax over linear scores; weights chosen so each regime dominates on its own signature. */
export function classifyReplayRegime(f: ReplayFeatures): RegimeProbabilities {
  const stale = Math.min(f.bookAgeRatio, 4);
  const scores: RegimeProbabilities = {
    NORMAL: 2,
    FAILOVER_TRANSITION: 3.5 * Number(f.sessionDown) + 1.5 * Math.min(Math.max(f.ackInflation - 1, 0), 3),
    REPLAY_CATCHUP: 3 * Number(f.feedRecovering) + 2 * Number(f.gapOpen) + 0.75 * stale,
    UNSTABLE_DESYNC: 1.5 * Math.min(f.newInversions, 3) + Number(f.unknownChildren > 0 && f.gapOpen) * 2 + (stale >= 4 ? 2 : 0),
  };
  const peak = Math.max(...REPLAY_REGIMES.map((r) => scores[r]));
  const weights = REPLAY_REGIMES.map((r) => Math.exp(scores[r] - peak));
  const total = weights.reduce((a, b) => a + b, 0);
  return Object.fromEntries(REPLAY_REGIMES.map((r, i) => [r, weights[i] / total])) as RegimeProbabilities;
}

export const replayRegime: PolicyDefinition = {
  name: 'replay-regime',
  version: '1.0.0',
  summary: 'Playbook 001 replay-state classifier with GREEN/YELLOW/ORANGE/RED profiles and a tail-aware route score.',
  source: 'playbook 001 sections 4 and 5',
  defaults: {
    ...FOLLOWER_DEFAULTS,
    freshnessBoundNs: 250 * NS_PER_MS,
    minDwellNs: 2 * NS_PER_S,
    hysteresisMargin: 0.15,
    lambdaTail: 1,
    lambdaDesync: 2,
  },
  create(params) {
    const follower = followerParams(params);
    const machine = new RegimeMachine<ReplayRegime>('NORMAL', SEVERITY, params.minDwellNs);
    let inversionsSeen = 0;

    /** Expected cost, tail cost and desync exposure of each placement, in half-spreads. */
    const routeScore = (o: Observation, a: Placement, p: RegimeProbabilities): number => {
      const urgency = deficitShare(o) / Math.max(timeLeftShare(o), 0.05);
      const expected = a === 'passive' ? -1 + 2 * urgency : 1;
      // A crossing order on a stale or replaying book risks paying through levels that are gone.
      const tail = a === 'passive' ? urgency * (1 + p.REPLAY_CATCHUP) : 1 + 3 * (p.REPLAY_CATCHUP + p.UNSTABLE_DESYNC);
      const desync = a === 'passive' ? p.UNSTABLE_DESYNC : 2 * p.UNSTABLE_DESYNC;
      return expected + params.lambdaTail * tail + params.lambdaDesync * desync;
    };

    const act = (o: Observation, regime: ReplayRegime, p: RegimeProbabilities): Decision => {
      const base = followSchedule(o, follower, `${regime}/${COLOUR[regime]}`);
      const placement: Placement = routeScore(o, 'cross', p) < routeScore(o, 'passive', p) ? 'cross' : 'passive';
      const smallerChild = Math.max(1, Math.floor(params.childQtyMaxShares / 2));
      switch (regime) {
        case 'NORMAL':
          return { ...base, placement };
        case 'FAILOVER_TRANSITION':
          return { ...base, placement, childQtyMaxShares: smallerChild, catchupCap: Math.min(base.catchupCap, 2) };
        case 'REPLAY_CATCHUP':
          return { ...base, placement: 'passive', childQtyMaxShares: smallerChild, catchupCap: 1, participationScale: 0.75 };
        case 'UNSTABLE_DESYNC':
          return { ...base, placement: 'passive', participationScale: 0.25, catchupCap: 1, serialize: true, reconcileUnknown: true };
      }
    };

    return {
      name: this.name,
      version: this.version,
      decide(o) {
        const inversions = o.latency.causalityInversions;
        const features: ReplayFeatures = {
          sessionDown: anySessionDown(o),
          gapOpen: anyGapOpen(o),
          feedRecovering: o.market.recovering,
          bookAgeRatio: Math.max(o.market.ageNs, o.market.lastChangeAgeNs) / params.freshnessBoundNs,
          ackInflation:
            o.latency.ackP99Ns !== undefined && o.latency.ackBaselineP99Ns ? o.latency.ackP99Ns / o.latency.ackBaselineP99Ns : 1,
          newInversions: inversions - inversionsSeen,
          unknownChildren: o.belief.unknownChildCount,
        };
        inversionsSeen = inversions;
        const p = classifyReplayRegime(features);
        let proposed = REPLAY_REGIMES.reduce((best, r) => (p[r] > p[best] ? r : best), machine.state);
        if (p[proposed] < p[machine.state] + params.hysteresisMargin) proposed = machine.state;
        // Stale features: never act as if everything were fresh.
        if (features.bookAgeRatio > 1 && SEVERITY[proposed] < SEVERITY.REPLAY_CATCHUP) proposed = 'REPLAY_CATCHUP';
        machine.propose(proposed, o.timeNs);
        return act(o, machine.state, p);
      },
    };
  },
};
