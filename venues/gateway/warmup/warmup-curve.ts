/**
 * Warm-up curves: how much slower than its warm self a gateway node serves an order, as a function
 * of the node's age and of the orders it has served (seed 003: JIT warm-up, TLS/session pools,
 * route-cache priming, GC baseline). The node multiplies each order's drawn service time by the
 * curve's multiplier, so a curve shapes latency without knowing the service-time model.
 *
 * Every curve states its closed form in its file: its mean multiplier, its steady level, and its
 * settling point (how long, in age or in orders, until the mean stays within a relative tolerance of
 * the steady level: "time to within 10% of steady state" is `settling(0.1)`). A curve with no steady
 * state settles never (`Infinity`), which is what Barrett et al. (OOPSLA 2017) found for most
 * VM/benchmark pairs (at most about 44% reach one; VALIDATION.md).
 *
 * Left out: any coupling between curves (each draws independently), and cooling (a node that idles
 * does not get cold again).
 *
 * Units: `ageNs` is nanoseconds since the node became platform-ready (its process is up and the
 * warm-up clock runs); `ordersServed` counts orders whose service completed; multipliers are unitless.
 */
import type { Ns, UniformSource } from '../../../sim/index.ts';

/** Where a curve has settled: both must be reached. `Infinity` means never. */
export interface WarmupSettling {
  readonly ageNs: number;
  readonly orders: number;
}

export interface WarmupCurve {
  readonly name: string;
  /** The multiplier for one order served now. Stochastic curves (stalls, cache misses) draw from `rng`. */
  multiplier(ageNs: Ns, ordersServed: number, rng: UniformSource): number;
  /** The expected multiplier at this point, in closed form. */
  meanMultiplier(ageNs: Ns, ordersServed: number): number;
  /** The long-run level of the mean; for a curve with no steady state, its long-run average. */
  readonly steadyMultiplier: number;
  /** The earliest point from which the mean stays within `tolerance` (relative) of `steadyMultiplier`. */
  settling(tolerance: number): WarmupSettling;
}

export const SETTLED_AT_START: WarmupSettling = { ageNs: 0, orders: 0 };
export const NEVER_SETTLES: WarmupSettling = { ageNs: Number.POSITIVE_INFINITY, orders: Number.POSITIVE_INFINITY };

/** A node that is warm from its first order. */
export class NoWarmup implements WarmupCurve {
  readonly name = 'none';
  readonly steadyMultiplier = 1;
  multiplier(_ageNs: Ns, _ordersServed: number, _rng?: UniformSource): number {
    return 1;
  }
  meanMultiplier(_ageNs: Ns, _ordersServed: number): number {
    return 1;
  }
  settling(_tolerance: number): WarmupSettling {
    return SETTLED_AT_START;
  }
}

/**
 * The node's published warm-up progress, 0..1: the share of the way from its initial mean multiplier
 * to its steady level that it has covered (a runtime warm marker such as a JIT hot-method ratio
 * estimates this). A curve that slows down (plateau above its start) or cycles also reaches 1: a warm
 * marker says nothing about whether the steady level is a good one, which is why the router watches
 * latency too.
 */
export function warmupProgress(curve: WarmupCurve, ageNs: Ns, ordersServed: number): number {
  const initial = curve.meanMultiplier(0, 0);
  const excess = initial - curve.steadyMultiplier;
  if (excess === 0) return 1;
  const progress = (initial - curve.meanMultiplier(ageNs, ordersServed)) / excess;
  return Math.min(1, Math.max(0, progress));
}
