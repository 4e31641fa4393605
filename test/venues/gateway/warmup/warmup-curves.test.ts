import { describe, expect, it } from 'vitest';
import { NS_PER_S, RandomStreams } from '../../../../sim/index.ts';
import { ComposedWarmup } from '../../../../venues/gateway/warmup/composed-warmup.ts';
import { ConnectionPoolWarmup } from '../../../../venues/gateway/warmup/connection-pool-warmup.ts';
import { ExponentialRampWarmup } from '../../../../venues/gateway/warmup/exponential-ramp-warmup.ts';
import { GcPauseWarmup } from '../../../../venues/gateway/warmup/gc-pause-warmup.ts';
import { HOTSPOT_SERVER_COMPILE_THRESHOLD, HOTSPOT_TIER4_INVOCATION_THRESHOLD, JitWarmup } from '../../../../venues/gateway/warmup/jit-warmup.ts';
import { NoSteadyStateWarmup } from '../../../../venues/gateway/warmup/no-steady-state-warmup.ts';
import { PlateauWarmup } from '../../../../venues/gateway/warmup/plateau-warmup.ts';
import { TlsResumptionWarmup } from '../../../../venues/gateway/warmup/tls-resumption-warmup.ts';
import { NoWarmup, warmupProgress, type WarmupCurve } from '../../../../venues/gateway/warmup/warmup-curve.ts';

const TOLERANCE = 0.1;

/** The mean is within the band at the settling point and outside it one step (ns or order) before. */
function expectSettlesExactlyAt(curve: WarmupCurve, by: 'age' | 'orders', at: number): void {
  const mean = (x: number) => (by === 'age' ? curve.meanMultiplier(x, 0) : curve.meanMultiplier(0, x));
  const within = (x: number) => Math.abs(mean(x) / curve.steadyMultiplier - 1) <= TOLERANCE + 1e-12;
  expect(within(at)).toBe(true);
  expect(within(at - 1)).toBe(false);
}

describe('exponential ramp warm-up', () => {
  const curve = new ExponentialRampWarmup(5, 10 * NS_PER_S);

  it('settles within 10% at τ·ln((m0 - 1)/0.1), the closed form', () => {
    const expected = 10 * NS_PER_S * Math.log(4 / 0.1);
    expect(curve.settling(TOLERANCE).ageNs).toBe(Math.ceil(expected));
    expectSettlesExactlyAt(curve, 'age', Math.ceil(expected));
  });

  it('starts at m0 and has lost 1 - 1/e of its excess after one time constant', () => {
    expect(curve.meanMultiplier(0, 0)).toBe(5);
    expect(curve.meanMultiplier(10 * NS_PER_S, 0)).toBeCloseTo(1 + 4 / Math.E, 12);
    expect(warmupProgress(curve, 10 * NS_PER_S, 0)).toBeCloseTo(1 - 1 / Math.E, 12);
  });
});

describe('JIT warm-up', () => {
  it('decays with orders served, not with age', () => {
    const curve = new JitWarmup(10, 2000);
    expect(curve.meanMultiplier(3600 * NS_PER_S, 0)).toBe(10);
    expect(curve.meanMultiplier(0, 2000)).toBeCloseTo(1 + 9 / Math.E, 12);
  });

  it('by default is within 10% of warm between HotSpot’s Tier4 (5,000) and server CompileThreshold (10,000) invocations', () => {
    const settling = new JitWarmup().settling(TOLERANCE);
    expect(settling.orders).toBe(Math.ceil(2000 * Math.log(9 / 0.1)));
    expect(settling.orders).toBeGreaterThanOrEqual(HOTSPOT_TIER4_INVOCATION_THRESHOLD);
    expect(settling.orders).toBeLessThanOrEqual(HOTSPOT_SERVER_COMPILE_THRESHOLD);
    expectSettlesExactlyAt(new JitWarmup(), 'orders', settling.orders);
  });
});

describe('connection-pool warm-up', () => {
  // 20 connections at 2 per second: full after 10 s.
  const curve = new ConnectionPoolWarmup(20, 2, 4);

  it('settles within 10% once ⌈S(1 - ε/(M - 1))⌉ connections are open, at that count / rate', () => {
    const needed = Math.ceil(20 * (1 - 0.1 / 3));
    expect(curve.settling(TOLERANCE).ageNs).toBe((needed / 2) * NS_PER_S);
    expectSettlesExactlyAt(curve, 'age', (needed / 2) * NS_PER_S);
  });

  it('misses the pool with probability 1 - open/size: sampled mean matches the closed form', () => {
    const rng = new RandomStreams(7).get('test.pool');
    const ageNs = 4 * NS_PER_S; // 8 of 20 open: miss probability 0.6, mean 1 + 3·0.6 = 2.8
    const n = 200_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += curve.multiplier(ageNs, 0, rng);
    // Two-point law: sd = 3·sqrt(0.6·0.4) ≈ 1.47, standard error ≈ 0.0033.
    expect(Math.abs(sum / n - 2.8)).toBeLessThan(0.015);
  });
});

describe('TLS resumption warm-up', () => {
  const curve = new TlsResumptionWarmup(8, 6);

  it('needs a full handshake with probability (1 - 1/P)^n after n orders', () => {
    expect(curve.meanMultiplier(0, 0)).toBe(6);
    expect(curve.meanMultiplier(0, 10)).toBeCloseTo(1 + 5 * Math.pow(7 / 8, 10), 12);
  });

  it('settles within 10% after ⌈ln(ε/(H - 1))/ln(1 - 1/P)⌉ orders', () => {
    const expected = Math.ceil(Math.log(0.1 / 5) / Math.log(7 / 8));
    expect(curve.settling(TOLERANCE).orders).toBe(expected);
    expectSettlesExactlyAt(curve, 'orders', expected);
  });

  it('with one peer handshakes on the first order only', () => {
    const single = new TlsResumptionWarmup(1, 6);
    expect(single.meanMultiplier(0, 0)).toBe(6);
    expect(single.meanMultiplier(0, 1)).toBe(1);
    expect(single.settling(TOLERANCE).orders).toBe(1);
  });
});

describe('GC pause warm-up', () => {
  const curve = new GcPauseWarmup(0.2, 0.01, 30 * NS_PER_S, 50);

  it('settles relative to its steady stall rate at τ·ln((p0 - pS)(M - 1)/(ε·s))', () => {
    const steady = 1 + 0.01 * 49;
    expect(curve.steadyMultiplier).toBeCloseTo(steady, 12);
    const expected = Math.ceil(30 * NS_PER_S * Math.log((0.19 * 49) / (0.1 * steady)));
    expect(curve.settling(TOLERANCE).ageNs).toBe(expected);
    expectSettlesExactlyAt(curve, 'age', expected);
  });

  it('stalls an order with probability p(t) (0.2 at age 0)', () => {
    const rng = new RandomStreams(11).get('test.gc');
    const young = 0; // p = 0.2
    const n = 100_000;
    let stalls = 0;
    for (let i = 0; i < n; i++) if (curve.multiplier(young, 0, rng) > 1) stalls++;
    // Binomial(1e5, 0.2): sd ≈ 126.
    expect(Math.abs(stalls - 0.2 * n)).toBeLessThan(600);
  });
});

describe('plateau and no-steady-state warm-up (Barrett et al., OOPSLA 2017)', () => {
  it('a plateau settles to its own level, not to the nominal warm level', () => {
    const curve = new PlateauWarmup(4, 1.5, 10 * NS_PER_S);
    expect(curve.steadyMultiplier).toBe(1.5);
    const expected = Math.ceil(10 * NS_PER_S * Math.log(2.5 / (0.1 * 1.5)));
    expect(curve.settling(TOLERANCE).ageNs).toBe(expected);
    expectSettlesExactlyAt(curve, 'age', expected);
    expect(curve.meanMultiplier(3600 * NS_PER_S, 0)).toBeGreaterThan(1 + TOLERANCE);
  });

  it('a cycling curve never settles when its swing exceeds the band', () => {
    const curve = new NoSteadyStateWarmup(1, 1, 20 * NS_PER_S);
    expect(curve.settling(TOLERANCE).ageNs).toBe(Number.POSITIVE_INFINITY);
    expect(curve.meanMultiplier(10 * NS_PER_S, 0)).toBeCloseTo(2, 12);
    expect(curve.meanMultiplier(20 * NS_PER_S, 0)).toBeCloseTo(1, 12);
    expect(new NoSteadyStateWarmup(1, 0.1, 20 * NS_PER_S).settling(TOLERANCE).ageNs).toBe(0);
  });
});

describe('composed warm-up', () => {
  it('multiplies its curves and its settling point is sufficient for the product', () => {
    const ramp = new ExponentialRampWarmup(3, 5 * NS_PER_S);
    const jit = new JitWarmup(4, 1000);
    const both = new ComposedWarmup([ramp, jit]);
    expect(both.meanMultiplier(5 * NS_PER_S, 1000)).toBeCloseTo(ramp.meanMultiplier(5 * NS_PER_S) * jit.meanMultiplier(0, 1000), 12);
    const settling = both.settling(TOLERANCE);
    expect(both.meanMultiplier(settling.ageNs, settling.orders)).toBeLessThanOrEqual(1 + TOLERANCE);
  });

  it('a node with no warm-up is settled from the start', () => {
    expect(new NoWarmup().settling(TOLERANCE)).toEqual({ ageNs: 0, orders: 0 });
    expect(warmupProgress(new NoWarmup(), 0, 0)).toBe(1);
  });
});
