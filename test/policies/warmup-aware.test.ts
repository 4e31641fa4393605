import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../sim/index.ts';
import { findBundledPolicy, resolveParams, type GatewayNodeView } from '../../policies/index.ts';
import { observation } from './observation-builder.ts';

const definition = findBundledPolicy('warmup-aware')!;
const s = (seconds: number) => seconds * NS_PER_S;
const node = (gatewayId: string, warmupProgress: number, latencyP99Ms: number): GatewayNodeView => ({
  gatewayId,
  lifecycle: 'trading-ready',
  ageNs: 0,
  warmupProgress,
  latencyP50Ns: NS_PER_MS,
  latencyP99Ns: latencyP99Ms * NS_PER_MS,
  errorCount: 0,
  flowShare: 0,
});

describe('warmup-aware (seed 003 regime state machine)', () => {
  it('gives a joining node a canary share and clamps catch-up in the post-scale window', () => {
    const policy = definition.create(resolveParams(definition));
    const params = resolveParams(definition);
    policy.decide(observation(s(1), { gateways: [node('a', 1, 2), node('b', 1, 2)] }));
    const boot = policy.decide(observation(s(2), { gateways: [node('a', 1, 2), node('b', 1, 2), node('c', 0.1, 2)] }));
    expect(boot.regime).toBe('SCALE_OUT_BOOT');
    expect(boot.gatewayWeights!.c).toBeCloseTo(params.canaryShare, 12);
    expect(boot.gatewayWeights!.a + boot.gatewayWeights!.b + boot.gatewayWeights!.c).toBeCloseTo(1, 12);
    expect(boot.catchupCap).toBeLessThanOrEqual(params.postScaleCatchupCap);
  });

  it('moves to COLD_PATH_RISK on a tail breach and to SAFE_CONTAIN on repeated breaches with a growing deficit', () => {
    const policy = definition.create(resolveParams(definition));
    const warm = [node('a', 1, 2), node('b', 1, 2)];
    policy.decide(observation(s(1), { gateways: warm }));
    policy.decide(observation(s(2), { gateways: [...warm, node('c', 0.1, 2)] }));
    const risk = policy.decide(observation(s(3), { gateways: [...warm, node('c', 0.2, 9)], schedule: { deficitQtyShares: 100 } }));
    policy.decide(observation(s(4), { gateways: [...warm, node('c', 0.3, 9)], schedule: { deficitQtyShares: 200 } }));
    const contain = policy.decide(observation(s(5), { gateways: [...warm, node('c', 0.4, 9)], schedule: { deficitQtyShares: 300 } }));
    expect(risk.regime).toBe('COLD_PATH_RISK');
    expect(contain.regime).toBe('SAFE_CONTAIN');
    expect(contain.gatewayWeights!.c).toBe(0);
  });

  it('rejoins with a step ramp of the new node share, not instant equalisation', () => {
    const policy = definition.create(resolveParams(definition));
    const warm = [node('a', 1, 2), node('b', 1, 2)];
    policy.decide(observation(s(1), { gateways: warm }));
    policy.decide(observation(s(2), { gateways: [...warm, node('c', 0.1, 2)] }));
    const settled = [...warm, node('c', 1, 2)];
    const rejoin = policy.decide(observation(s(13), { gateways: settled }));
    const later = policy.decide(observation(s(28), { gateways: settled }));
    const done = policy.decide(observation(s(34), { gateways: settled }));
    expect(rejoin.regime).toBe('REJOIN_NORMAL');
    expect(rejoin.gatewayWeights!.c).toBeLessThan(later.gatewayWeights!.c);
    expect(later.gatewayWeights!.c).toBeLessThan(1 / 3);
    expect(done.regime).toBe('WARM_STABLE');
    expect(done.gatewayWeights!.c).toBeCloseTo(1 / 3, 12);
  });
});
