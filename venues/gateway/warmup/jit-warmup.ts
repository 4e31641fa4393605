/**
 * JIT warm-up: the order path runs interpreted at first and gets faster as its hot methods are
 * compiled, which happens after a count of invocations, not after a time. Each order is taken to
 * invoke the hot path once, so the multiplier decays with orders served:
 * m(n) = 1 + (m0 - 1)·e^(-n/k), m0 the interpreted slowdown, k orders per e-fold.
 *
 * Source for the counts: HotSpot's compile thresholds, in OpenJDK's compiler flag definitions
 * (`compiler_globals.hpp` and the C2 platform globals): `Tier4InvocationThreshold` = 5000 ("compile if
 * number of method invocations crosses this threshold", tiered C2) and `CompileThreshold` = 10000
 * (server compiler without tiered compilation). The defaults here (m0 = 10, k = 2000) put the
 * 10% settling point at 2000·ln(90) ≈ 9,000 orders, inside that 5,000-10,000 window. The smooth decay
 * stands for many methods crossing their thresholds at different counts.
 *
 * Closed forms: mean = m(n); steady level 1; settling to within ε after n = ⌈k·ln((m0 - 1)/ε)⌉ orders
 * (0 when m0 - 1 <= ε). Left out: compilation's own CPU cost, deoptimisation, code-cache pressure.
 *
 * Parameters: `interpretedMultiplier` (unitless, >= 1), `ordersPerEFold` (orders, > 0).
 */
import { invariant, type Ns } from '../../../sim/index.ts';
import { SETTLED_AT_START, type WarmupCurve, type WarmupSettling } from './warmup-curve.ts';

export const HOTSPOT_TIER4_INVOCATION_THRESHOLD = 5_000;
export const HOTSPOT_SERVER_COMPILE_THRESHOLD = 10_000;

export class JitWarmup implements WarmupCurve {
  readonly name = 'jit';
  readonly steadyMultiplier = 1;

  constructor(readonly interpretedMultiplier = 10, readonly ordersPerEFold = 2_000) {
    invariant(interpretedMultiplier >= 1, () => `jit interpretedMultiplier must be >= 1, got ${interpretedMultiplier}`);
    invariant(ordersPerEFold > 0, () => `jit ordersPerEFold must be > 0, got ${ordersPerEFold}`);
  }

  multiplier(_ageNs: Ns, ordersServed: number): number {
    return this.meanMultiplier(_ageNs, ordersServed);
  }

  meanMultiplier(_ageNs: Ns, ordersServed: number): number {
    return 1 + (this.interpretedMultiplier - 1) * Math.exp(-ordersServed / this.ordersPerEFold);
  }

  settling(tolerance: number): WarmupSettling {
    const excess = this.interpretedMultiplier - 1;
    if (excess <= tolerance) return SETTLED_AT_START;
    return { ageNs: 0, orders: Math.ceil(this.ordersPerEFold * Math.log(excess / tolerance)) };
  }
}
