/**
 * `oracle`: the schedule follower fed venue truth at once (its router's belief is venue truth, with
 * no reporting delay, so nothing is ever unknown). Only the harness runs it, to price what not knowing
 * costs: seed 000's C_divergence = IS(incident) - IS(oracle). It is a policy here so that records name
 * it like any other; the observation type is the same, and the harness decides who fills it in.
 */
import type { PolicyDefinition } from './policy.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';

export const oracle: PolicyDefinition = {
  name: 'oracle',
  version: '1.0.0',
  summary: 'Schedule follower whose router sees venue truth at once (prices the cost of not knowing).',
  source: 'playbook 000 attribution (harness only)',
  defaults: { ...FOLLOWER_DEFAULTS },
  seesTruth: true,
  create(params) {
    const follower = followerParams(params);
    return { name: this.name, version: this.version, decide: (o) => followSchedule(o, follower, 'ORACLE') };
  },
};
