/**
 * Your policy for the exercises in README.md beside this file. It starts as a copy of the bundled
 * `naive` baseline (policies/naive.ts): it follows the schedule on whatever it believes, as if its
 * belief were exact, so fills it has not been told of look like a deficit and are bought again.
 * Edit `decide`; `npx execdrill explain --scenario <file> --policy ./scenarios/exercises/my-policy.ts`
 * shows what it did and why, and the exercise's drill file checks it.
 * Parameters: as naive's (shares, shares of the parent, shares of the horizon, multiples of the pace).
 */
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from '../../policies/schedule-follower.ts';
import type { PolicyDefinition } from '../../policies/index.ts';

const myPolicy: PolicyDefinition = {
  name: 'my-policy',
  version: '0.1.0',
  summary: 'Starts as naive: follows the schedule on its belief as if it were exact.',
  source: 'scenarios/exercises (starter)',
  defaults: { ...FOLLOWER_DEFAULTS },
  create(params) {
    const follower = followerParams(params);
    return {
      name: this.name,
      version: this.version,
      decide: (o) => followSchedule(o, follower, 'NORMAL'),
    };
  },
};
export default myPolicy;
