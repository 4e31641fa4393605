import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../sim/index.ts';
import { findBundledPolicy, resolveParams } from '../../policies/index.ts';
import { cleanSession, observation } from './observation-builder.ts';

const create = (name: string) => {
  const definition = findBundledPolicy(name)!;
  return definition.create(resolveParams(definition));
};
const s = (seconds: number) => seconds * NS_PER_S;
const down = cleanSession({ state: 'disconnected', disconnectCount: 1, lastLogonAtNs: 0 });
const back = cleanSession({ disconnectCount: 1, lastLogonAtNs: s(3) });

describe('baseline policies', () => {
  it('naive acts on its belief as exact: a reconnected session is business as usual', () => {
    const policy = create('naive');
    const decision = policy.decide(observation(s(3), { sessions: [back], belief: { unknownChildCount: 3, residualUncertaintyQtyShares: 900 } }));
    expect(decision).toMatchObject({ regime: 'NORMAL', pause: false, participationScale: 1, reconcileUnknown: false });
  });

  it('naive crosses the spread once the believed deficit passes its threshold', () => {
    const policy = create('naive');
    expect(policy.decide(observation(s(1), { schedule: { deficitQtyShares: 100 } })).placement).toBe('passive');
    expect(policy.decide(observation(s(2), { schedule: { deficitQtyShares: 1_000 } })).placement).toBe('cross');
  });

  it('cancel-all-on-reconnect cancels every working order once per reconnect, not on the first logon', () => {
    const policy = create('cancel-all-on-reconnect');
    const cancels = [
      policy.decide(observation(s(1))),
      policy.decide(observation(s(2), { sessions: [down] })),
      policy.decide(observation(s(3), { sessions: [back] })),
      policy.decide(observation(s(4), { sessions: [back] })),
    ].map((d) => d.cancelResting);
    expect(cancels).toEqual([false, false, true, false]);
  });

  it('freeze-until-clean pauses while any signal is unclean and asks for status of unknown orders', () => {
    const policy = create('freeze-until-clean');
    const frozen = [
      observation(s(1), { sessions: [cleanSession({ gapOpen: true })] }),
      observation(s(2), { belief: { unknownChildCount: 1 } }),
      observation(s(3), { dropCopy: { liveSetSimilarity: 0.9 } }),
      observation(s(4), { market: { recovering: true } }),
    ].map((o) => policy.decide(o));
    for (const decision of frozen) expect(decision).toMatchObject({ pause: true, reconcileUnknown: true, regime: 'FROZEN' });
    expect(policy.decide(observation(s(5))).pause).toBe(false);
  });

  it('panic-catchup crosses with a high catch-up cap after an incident until the deficit is repaid', () => {
    const policy = create('panic-catchup');
    policy.decide(observation(s(1)));
    policy.decide(observation(s(2), { sessions: [down] }));
    const panic = policy.decide(observation(s(3), { sessions: [back], schedule: { deficitQtyShares: 2_000 } }));
    const calm = policy.decide(observation(s(4), { sessions: [back], schedule: { deficitQtyShares: 0 } }));
    expect(panic).toMatchObject({ regime: 'PANIC', placement: 'cross' });
    expect(panic.catchupCap).toBeGreaterThan(10);
    expect(calm.regime).toBe('NORMAL');
  });
});
