/**
 * Baseline `freeze-until-clean`: sends nothing while anything is unclean (a session down, a gap open,
 * a child in an unknown state, the drop copy disagreeing, the feed recovering), asks for status of
 * unknown children, then resumes with full catch-up. Seed 002: "freeze completely and miss cheap
 * liquidity", then "rejoin with oversized urgency after replay clears".
 */
import type { Observation } from './observation.ts';
import type { PolicyDefinition } from './policy.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';
import { anyGapOpen, anySessionDown, dropCopyParity } from './signals.ts';

const isClean = (o: Observation): boolean =>
  !anySessionDown(o) && !anyGapOpen(o) && o.belief.unknownChildCount === 0 && dropCopyParity(o, 1) && !o.market.recovering;

export const freezeUntilClean: PolicyDefinition = {
  name: 'freeze-until-clean',
  version: '1.0.0',
  summary: 'Pauses all new flow until every signal is clean, then catches up at full speed.',
  source: 'baseline (playbook 002 bad recovery paths)',
  defaults: { ...FOLLOWER_DEFAULTS },
  create(params) {
    const follower = followerParams(params);
    return {
      name: this.name,
      version: this.version,
      decide(o) {
        if (isClean(o)) return followSchedule(o, follower, 'CLEAN');
        return { ...followSchedule(o, follower, 'FROZEN'), pause: true, reconcileUnknown: true };
      },
    };
  },
};
