/**
 * Baseline `cancel-all-on-reconnect`: after every reconnect it cancels all working child orders "to be
 * safe" and re-enters them (seed 002, "common production mistakes": "Canceling all live orders by
 * default after reconnect, even when preserving them would be cheaper"). It pays queue-reset tax: the
 * re-entered orders join the back of their price levels. As desks do, it cancels with one
 * OrderMassCancelRequest per session (Decision.massCancel), which also reaches the children whose fate
 * it cannot see at reconnect (`unknown`, with a request in flight when the session dropped); a session
 * that cannot send one (FIX 4.2, an order server) gets order-by-order cancels of its working children.
 */
import type { PolicyDefinition } from './policy.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';
import { latestLogonNs } from './signals.ts';

export const cancelAllOnReconnect: PolicyDefinition = {
  name: 'cancel-all-on-reconnect',
  version: '1.0.0',
  summary: 'Cancels every working child order after each reconnect, then re-enters on schedule.',
  source: 'baseline (playbook 002 common mistakes)',
  defaults: { ...FOLLOWER_DEFAULTS },
  create(params) {
    const follower = followerParams(params);
    let seenLogonNs: number | undefined;
    return {
      name: this.name,
      version: this.version,
      decide(o) {
        const logonNs = latestLogonNs(o);
        const reconnected = seenLogonNs !== undefined && logonNs > seenLogonNs;
        seenLogonNs = logonNs;
        const decision = followSchedule(o, follower, reconnected ? 'CANCEL_ALL' : 'NORMAL');
        return reconnected ? { ...decision, cancelResting: true, massCancel: true } : decision;
      },
    };
  },
};
