import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../sim/index.ts';
import { findBundledPolicy, resolveParams } from '../../policies/index.ts';
import { cleanSession, observation } from './observation-builder.ts';

const definition = findBundledPolicy('gap-recovery')!;
const s = (seconds: number) => seconds * NS_PER_S;

describe('gap-recovery (seed 002 regime state machine)', () => {
  it('follows the runbook order: gap detected, replay started, replay cleared, reconciled, rejoined', () => {
    const policy = definition.create(resolveParams(definition));
    const gap = cleanSession({ gapOpen: true, replayBacklogMsgs: 30 });
    const replay = cleanSession({ gapOpen: true, resendInProgress: true, possDupCount: 12, gapFillCount: 3, replayBacklogMsgs: 15 });
    const cleared = cleanSession({ possDupCount: 30, gapFillCount: 5 });
    const unknown = { belief: { unknownChildCount: 1, residualUncertaintyQtyShares: 300 } };
    const regimes = [
      policy.decide(observation(s(1))),
      policy.decide(observation(s(2), { sessions: [gap], ...unknown })),
      policy.decide(observation(s(3), { sessions: [replay], ...unknown })),
      policy.decide(observation(s(4), { sessions: [cleared], ...unknown })),
      policy.decide(observation(s(5), { sessions: [cleared] })),
      policy.decide(observation(s(10), { sessions: [cleared] })),
      policy.decide(observation(s(15), { sessions: [cleared] })),
    ].map((d) => d.regime);
    expect(regimes).toEqual(['CLEAN', 'GAP_OPEN', 'REPLAY_DRAIN', 'AUTHORITATIVE_RECONCILE', 'REJOIN_NORMAL', 'REJOIN_NORMAL', 'CLEAN']);
  });

  it('does not release urgency when sequence numbers align but an order is still unknown', () => {
    const policy = definition.create(resolveParams(definition));
    policy.decide(observation(s(1), { sessions: [cleanSession({ gapOpen: true })] }));
    const aligned = policy.decide(
      observation(s(2), { belief: { unknownChildCount: 1, residualUncertaintyQtyShares: 400 }, schedule: { deficitQtyShares: 3_000 } }),
    );
    expect(aligned.regime).toBe('AUTHORITATIVE_RECONCILE');
    expect(aligned.catchupCap).toBe(1);
    expect(aligned.placement).toBe('passive');
    expect(aligned.reconcileUnknown).toBe(true);
  });

  it('serializes instead of bulk cancel/re-enter when ambiguity stays high', () => {
    const policy = definition.create(resolveParams(definition));
    policy.decide(observation(s(1), { sessions: [cleanSession({ gapOpen: true })] }));
    const ambiguous = policy.decide(observation(s(2), { belief: { unknownChildCount: 4, residualUncertaintyQtyShares: 2_000 } }));
    const next = policy.decide(observation(s(3), { belief: { unknownChildCount: 4, residualUncertaintyQtyShares: 2_000 } }));
    expect(ambiguous.regime).toBe('AUTHORITATIVE_RECONCILE');
    expect(next.regime).toBe('SAFE_SERIALIZE');
    expect(next.serialize).toBe(true);
    expect(next.cancelResting).toBe(false);
  });

  it('ramps participation back in steps rather than all at once', () => {
    const policy = definition.create(resolveParams(definition));
    policy.decide(observation(s(1), { sessions: [cleanSession({ gapOpen: true })] }));
    policy.decide(observation(s(2)));
    const scales = [3, 6, 9].map((t) => policy.decide(observation(s(t))).participationScale);
    expect(scales[0]).toBeLessThan(scales[1]);
    expect(scales[1]).toBeLessThan(scales[2]);
    expect(scales[2]).toBeLessThan(1);
  });
});
