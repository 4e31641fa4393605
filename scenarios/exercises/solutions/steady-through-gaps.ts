/**
 * A second worked attempt at exercise 3 (README.md beside the exercises), after the first one
 * (hold-and-reconcile) lost to naive in the close: holding new flow while state is not authoritative
 * delays buying into a close whose flow builds up, and delay is what the close punishes. This one keeps
 * trading through the incident at the schedule's pace, but passively and without chasing a deficit that
 * may be fills it has not been told of (catch-up capped at the pace, no crossing), and asks for the
 * status of unknown children; once its state is clean it is naive again.
 * Parameters: as naive's (shares, shares of the parent, shares of the horizon, multiples of the pace).
 */
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from '../../../policies/schedule-follower.ts';
import { anyGapOpen, anySessionDown, type PolicyDefinition } from '../../../policies/index.ts';

const steadyThroughGaps: PolicyDefinition = {
  name: 'steady-through-gaps',
  version: '1.0.0',
  summary: 'Keeps its pace through a gap, passively and without chasing an uncertain deficit; naive otherwise.',
  source: 'scenarios/exercises solution to exercise 3 (playbook 002: freeze too long vs trust stale state)',
  defaults: { ...FOLLOWER_DEFAULTS },
  create(params) {
    const follower = followerParams(params);
    return {
      name: this.name,
      version: this.version,
      decide(o) {
        const unsure = anySessionDown(o) || anyGapOpen(o) || o.belief.unknownChildCount > 0;
        const decision = followSchedule(o, follower, unsure ? 'STEADY' : 'NORMAL');
        return unsure ? { ...decision, placement: 'passive', catchupCap: 1, reconcileUnknown: true } : decision;
      },
    };
  },
};
export default steadyThroughGaps;
