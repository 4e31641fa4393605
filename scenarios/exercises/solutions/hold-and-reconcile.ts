/**
 * A worked solution for exercise 3 (README.md beside the exercises): naive, except that while its
 * state is not authoritative (a session down, a gap open or a resend under way, a child of unknown
 * fate) it sends nothing new and asks the venue for the status of the unknown children, and after
 * recovery it repays the deficit no faster than `recoveryCatchupCap` times the schedule's pace, so
 * the rejoin is not a burst (playbook 002: "freeze too long" vs "rejoin with oversized urgency").
 * Parameters: as naive's, plus recoveryCatchupCap (multiple of the schedule's pace).
 */
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from '../../../policies/schedule-follower.ts';
import { anyGapOpen, anySessionDown, type PolicyDefinition } from '../../../policies/index.ts';

const holdAndReconcile: PolicyDefinition = {
  name: 'hold-and-reconcile',
  version: '1.0.0',
  summary: 'Holds new flow and reconciles while state is not authoritative; rejoins with capped catch-up.',
  source: 'scenarios/exercises solution to exercise 3 (playbook 002 runbook)',
  defaults: { ...FOLLOWER_DEFAULTS, recoveryCatchupCap: 1 },
  create(params) {
    const follower = followerParams(params);
    return {
      name: this.name,
      version: this.version,
      decide(o) {
        const unsure = anySessionDown(o) || anyGapOpen(o) || o.belief.unknownChildCount > 0;
        if (unsure) return { ...followSchedule(o, follower, 'HOLD'), pause: true, reconcileUnknown: true };
        return { ...followSchedule(o, follower, 'NORMAL'), catchupCap: params.recoveryCatchupCap };
      },
    };
  },
};
export default holdAndReconcile;
