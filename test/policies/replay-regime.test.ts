import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../sim/index.ts';
import { classifyReplayRegime, findBundledPolicy, resolveParams, type ReplayFeatures } from '../../policies/index.ts';
import { cleanSession, observation } from './observation-builder.ts';

const definition = findBundledPolicy('replay-regime')!;
const s = (seconds: number) => seconds * NS_PER_S;
const calm: ReplayFeatures = { sessionDown: false, gapOpen: false, feedRecovering: false, bookAgeRatio: 0, ackInflation: 1, newInversions: 0, unknownChildren: 0 };

describe('replay-regime (seed 001)', () => {
  it('gives probabilities that sum to one and favour the regime whose signature is present', () => {
    const cases: [Partial<ReplayFeatures>, string][] = [
      [{}, 'NORMAL'],
      [{ sessionDown: true, ackInflation: 3 }, 'FAILOVER_TRANSITION'],
      [{ feedRecovering: true, gapOpen: true, bookAgeRatio: 2 }, 'REPLAY_CATCHUP'],
      [{ newInversions: 3, bookAgeRatio: 5, unknownChildren: 2, gapOpen: true }, 'UNSTABLE_DESYNC'],
    ];
    for (const [patch, expected] of cases) {
      const p = classifyReplayRegime({ ...calm, ...patch });
      expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      const top = Object.entries(p).sort((a, b) => b[1] - a[1])[0][0];
      expect(top).toBe(expected);
    }
  });

  it('auto-degrades to at least ORANGE when the book is older than the freshness bound', () => {
    const policy = definition.create(resolveParams(definition));
    const decision = policy.decide(observation(s(1), { market: { ageNs: 400 * NS_PER_MS } }));
    expect(decision.regime).toBe('REPLAY_CATCHUP/ORANGE');
    expect(decision.placement).toBe('passive');
  });

  it('goes RED (serialized, throttled) on causality inversions during an open gap with unknown orders', () => {
    const policy = definition.create(resolveParams(definition));
    policy.decide(observation(s(1)));
    const red = policy.decide(
      observation(s(2), {
        sessions: [cleanSession({ gapOpen: true })],
        latency: { causalityInversions: 3 },
        market: { ageNs: 2 * NS_PER_S },
        belief: { unknownChildCount: 2, residualUncertaintyQtyShares: 500 },
      }),
    );
    expect(red.regime).toBe('UNSTABLE_DESYNC/RED');
    expect(red.serialize).toBe(true);
    expect(red.participationScale).toBeLessThan(0.5);
  });

  it('returns to GREEN only after the minimum dwell time', () => {
    const policy = definition.create(resolveParams(definition));
    policy.decide(observation(s(1), { sessions: [cleanSession({ state: 'disconnected' })] }));
    expect(policy.decide(observation(s(1.5))).regime).not.toBe('NORMAL/GREEN');
    expect(policy.decide(observation(s(3.5))).regime).toBe('NORMAL/GREEN');
  });
});
