import { describe, expect, it } from 'vitest';
import { normalDecision, type Decision, type Observation, type PolicyDefinition } from '../../../policies/index.ts';
import { DecisionClock, installDecisionClock } from '../../../harness/router/decision-clock.ts';
import { guardPolicy, guardShadow, PolicyFault } from '../../../harness/router/policy-guard.ts';
import { observation } from '../../policies/observation-builder.ts';

function definition(decide: (o: Observation) => unknown, name = 'hostile'): PolicyDefinition {
  return { name, version: '0', summary: '', source: 'test', defaults: {}, create: () => ({ name, version: '0', decide: decide as (o: Observation) => Decision }) };
}

const faultOf = (decide: (o: Observation) => unknown): PolicyFault => {
  const policy = guardPolicy(definition(decide), {}, ['gw1']);
  try {
    policy.decide(observation(7_500_000_000));
  } catch (error) {
    if (error instanceof PolicyFault) return error;
    throw error;
  }
  throw new Error('the guard let the decision through');
};

describe('guardPolicy', () => {
  it('shows the policy a frozen observation, and names a write to it as the policy fault', () => {
    const fault = faultOf((o) => {
      (o.market as { bestBidTicks: number }).bestBidTicks = 1;
      return normalDecision('GO', 100);
    });
    expect(fault.message).toBe("policy hostile at 7.500 s wrote to its observation (Cannot assign to read only property 'bestBidTicks'): an observation is read-only; keep state in the policy");
    const deep = faultOf((o) => (o.belief.children as unknown as number[]).push(1));
    expect(deep.message).toContain('wrote to its observation (Cannot add property 0');
  });

  it('turns a throw of any value into a fault that says what was thrown', () => {
    expect(faultOf(() => { throw null; }).message).toBe('policy hostile at 7.500 s threw null');
    expect(faultOf(() => { throw 3; }).message).toBe('policy hostile at 7.500 s threw 3');
    expect(faultOf(() => { throw undefined; }).message).toBe('policy hostile at 7.500 s threw undefined (missing)');
    expect(faultOf(() => { throw new RangeError('too far'); }).message).toMatch(/^policy hostile at 7\.500 s threw RangeError: too far \(at /);
  });

  it('refuses a malformed decision, naming each bad field, and a Promise for one', () => {
    expect(faultOf(() => ({ ...normalDecision('GO', 100), catchupCap: Infinity })).message).toBe(
      'policy hostile at 7.500 s returned a malformed decision: decision.catchupCap = Infinity: expected a finite number >= 0',
    );
    expect(faultOf(async () => normalDecision('GO', 100)).message).toContain('decide returned a Promise');
  });

  it('accepts weights for the gateways the router routes to and those the observation shows', () => {
    const policy = guardPolicy(definition(() => ({ ...normalDecision('GO', 100), gatewayWeights: { gw1: 1, gw2: 0 } })), {}, ['gw2']);
    expect(policy.decide(observation(0)).gatewayWeights).toEqual({ gw1: 1, gw2: 0 });
  });

  it('names a create(params) that throws or returns no policy', () => {
    const throwing: PolicyDefinition = { ...definition(() => null), create: () => { throw 'no'; } };
    expect(() => guardPolicy(throwing, {}, [])).toThrow('policy hostile threw from create(params): "no"');
    const empty: PolicyDefinition = { ...definition(() => null), create: () => ({}) as never };
    expect(() => guardPolicy(empty, {}, [])).toThrow('create(params) returned an object: expected an object with decide(observation)');
  });

  it('stops a policy whose decisions, together, overrun the episode budget', () => {
    const clock = new DecisionClock({ decisionMs: 10_000, episodeMs: 200 });
    installDecisionClock(clock);
    try {
      clock.startEpisode();
      let calls = 0;
      const busy = guardPolicy(definition(() => {
        const until = performance.now() + (calls++ === 0 ? 0 : 250);
        while (performance.now() < until);
        return normalDecision('GO', 100);
      }), {}, []);
      busy.decide(observation(0));
      expect(() => busy.decide(observation(1))).toThrow(/spent \d+ ms deciding in this episode \(budget 200 ms an episode\)/);
    } finally {
      installDecisionClock(new DecisionClock());
    }
  });
});

describe('guardShadow', () => {
  it('records a shadow fault and stops the shadow, without throwing into the episode', () => {
    let calls = 0;
    const shadow = guardShadow(definition(() => {
      calls++;
      throw new Error('shadow bug');
    }, 'shadowy'), {}, []);
    expect(shadow.decide(observation(2_000_000_000))).toBeUndefined();
    expect(shadow.decide(observation(3_000_000_000))).toBeUndefined();
    expect(calls).toBe(1);
    expect(shadow.failure).toEqual({ atNs: 2_000_000_000, message: expect.stringMatching(/^policy shadowy at 2\.000 s threw Error: shadow bug/) });
  });

  it('retires a shadow before the decision the watchdog ended, with the watchdog reason', () => {
    installDecisionClock(new DecisionClock());
    const shadow = guardShadow(definition(() => normalDecision('S', 100), 'shadowy'), {}, [], { afterDecisions: 2, reason: 'ran over its budget' });
    expect(shadow.decide(observation(0))).toBeDefined();
    expect(shadow.decide(observation(1_000_000_000))).toBeDefined();
    expect(shadow.decide(observation(2_000_000_000))).toBeUndefined();
    expect(shadow.failure).toEqual({ atNs: 2_000_000_000, message: 'policy shadowy at 2.000 s ran over its budget' });
  });
});
