/**
 * Baseline `naive`: treats a reconnected socket as recovered state (playbook 000, "common mistakes":
 * "Treating 'socket reconnected' as equivalent to 'state recovered'" and "Ignoring duplicate-intent risk
 * during ambiguous windows"). It follows the schedule on whatever it believes: fills it has not yet been
 * told about look like a deficit, and a child it has lost track of counts as gone, so its quantity is sent
 * again: the overfill and catch-up cost the playbooks describe.
 */
import type { PolicyDefinition } from './policy.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';

export const naive: PolicyDefinition = {
  name: 'naive',
  version: '1.1.0',
  summary: 'Follows the schedule on its belief as if it were exact; reconnect means recovered, a child of unknown fate is gone.',
  source: 'baseline (playbook 000 common mistakes)',
  defaults: { ...FOLLOWER_DEFAULTS },
  create(params) {
    const follower = followerParams(params);
    return { name: this.name, version: this.version, decide: (o) => ({ ...followSchedule(o, follower, 'NORMAL'), reenterUnknown: true }) };
  },
};
