/**
 * Exponential ramp: the node starts `initialMultiplier` times slower and the excess decays with age,
 * m(t) = 1 + (m0 - 1)·e^(-t/τ). Seed 003's generic "warm-up curve" when nothing finer is known.
 *
 * Closed forms: mean = m(t); steady level 1; settling to within tolerance ε at
 * t = τ·ln((m0 - 1)/ε) (0 when m0 - 1 <= ε). Deterministic: every order at age t sees m(t).
 *
 * Parameters: `initialMultiplier` (unitless, >= 1), `timeConstantNs` (ns, > 0).
 */
import { invariant, type Ns } from '../../../sim/index.ts';
import { SETTLED_AT_START, type WarmupCurve, type WarmupSettling } from './warmup-curve.ts';

export class ExponentialRampWarmup implements WarmupCurve {
  readonly name = 'exponential-ramp';
  readonly steadyMultiplier = 1;

  constructor(readonly initialMultiplier: number, readonly timeConstantNs: Ns) {
    invariant(initialMultiplier >= 1, () => `exponential ramp initialMultiplier must be >= 1, got ${initialMultiplier}`);
    invariant(timeConstantNs > 0, () => `exponential ramp timeConstantNs must be > 0, got ${timeConstantNs}`);
  }

  multiplier(ageNs: Ns, _ordersServed = 0): number {
    return this.meanMultiplier(ageNs);
  }

  meanMultiplier(ageNs: Ns, _ordersServed = 0): number {
    return 1 + (this.initialMultiplier - 1) * Math.exp(-ageNs / this.timeConstantNs);
  }

  settling(tolerance: number): WarmupSettling {
    const excess = this.initialMultiplier - 1;
    if (excess <= tolerance) return SETTLED_AT_START;
    return { ageNs: Math.ceil(this.timeConstantNs * Math.log(excess / tolerance)), orders: 0 };
  }
}
