/**
 * Baseline `naive`: treats a reconnected socket as recovered state (seed 000, "common mistakes":
 * "Treating 'socket reconnected' as equivalent to 'state recovered'"). It follows the schedule on
 * whatever it believes, so fills it has not yet been told about look like a deficit and are bought
 * again: the overfill and catch-up cost the seeds describe.
 */
import type { PolicyDefinition } from './policy.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';

export const naive: PolicyDefinition = {
  name: 'naive',
  version: '1.0.0',
  summary: 'Follows the schedule on its belief as if it were exact; reconnect means recovered.',
  source: 'baseline (playbook 000 common mistakes)',
  defaults: { ...FOLLOWER_DEFAULTS },
  create(params) {
    const follower = followerParams(params);
    return { name: this.name, version: this.version, decide: (o) => followSchedule(o, follower, 'NORMAL') };
  },
};
