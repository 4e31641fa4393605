/**
 * Baseline `panic-catchup`: once an incident has been seen and the session is back, repays the whole
 * believed deficit at once with marketable orders (seed 000: "Running panic catch-up without backlog
 * convexity limits"). It pays the convex urgency premium, and on a stale residual it overfills.
 */
import type { PolicyDefinition } from './policy.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';
import { anySessionDown, deficitShare, totalDisconnects } from './signals.ts';

export const panicCatchup: PolicyDefinition = {
  name: 'panic-catchup',
  version: '1.0.0',
  summary: 'After an incident, repays the believed deficit at once with crossing orders.',
  source: 'baseline (playbook 000 common mistakes)',
  defaults: { ...FOLLOWER_DEFAULTS, panicCatchupCap: 50, panicUntilDeficitShare: 0.01 },
  create(params) {
    const follower = followerParams(params);
    let panicking = false;
    let disconnectsSeen = 0;
    return {
      name: this.name,
      version: this.version,
      decide(o) {
        const disconnects = totalDisconnects(o);
        if (disconnects > disconnectsSeen) panicking = true;
        disconnectsSeen = disconnects;
        if (panicking && !anySessionDown(o) && deficitShare(o) <= params.panicUntilDeficitShare) panicking = false;
        if (!panicking || anySessionDown(o)) return followSchedule(o, follower, panicking ? 'PANIC_WAIT' : 'NORMAL');
        return {
          ...followSchedule(o, follower, 'PANIC'),
          placement: 'cross',
          catchupCap: params.panicCatchupCap,
          childQtyMaxShares: params.childQtyMaxShares * 4,
        };
      },
    };
  },
};
