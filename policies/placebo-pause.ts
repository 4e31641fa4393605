/**
 * `placebo-pause`: a measuring instrument, not a strategy (docs/MARKET-MODEL.md, the placebo check). It is `naive`, except
 * that it sends no new child orders for `pauseSeconds` from `pauseAtHorizonShare` of the parent's
 * horizon, whatever it observes (resting children stay). Run on a scenario without faults beside naive on
 * the same seeds, the difference is the cost of that pause alone: the delay the seeds say "the parent
 * urgency clock" charges (playbook 002), and, when `pauseSeconds` is 0, exactly nothing.
 * Parameters: pauseAtHorizonShare (0..1 of the horizon), pauseSeconds (s); the follower's others as naive.
 */
import type { PolicyDefinition } from './policy.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';

export const placeboPause: PolicyDefinition = {
  name: 'placebo-pause',
  version: '1.1.0',
  summary: 'Naive, but sends nothing for pauseSeconds from pauseAtHorizonShare of the horizon: prices a pause alone.',
  source: 'measuring instrument (docs/MARKET-MODEL.md placebo; playbook 002 "parent urgency clock keeps ticking")',
  defaults: { ...FOLLOWER_DEFAULTS, pauseAtHorizonShare: 0.5, pauseSeconds: 5 },
  create(params) {
    const follower = followerParams(params);
    return {
      name: this.name,
      version: this.version,
      decide: (o) => {
        const elapsedNs = o.timeNs - o.parent.startNs;
        const fromNs = params.pauseAtHorizonShare * o.parent.horizonNs;
        const paused = elapsedNs >= fromNs && elapsedNs < fromNs + params.pauseSeconds * 1e9;
        // As naive: a child of unknown fate counts as lost (no such child exists in the fault-free runs it is meant for).
        const decision = { ...followSchedule(o, follower, paused ? 'PAUSED' : 'NORMAL'), reenterUnknown: true };
        return paused ? { ...decision, pause: true } : decision;
      },
    };
  },
};
