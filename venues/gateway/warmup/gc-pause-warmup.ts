/**
 * GC pauses: an order is occasionally caught by a collector pause and takes `pauseMultiplier` times
 * as long. A young process collects more often while its heap sizes itself, so the chance per order
 * decays with age from `initialPauseProbability` to `steadyPauseProbability`:
 * p(t) = pS + (p0 - pS)·e^(-t/τ). With p0 = pS it is a stationary stall process with no warm-up.
 * Seed 003: "GC baseline", "gc_state".
 *
 * Closed forms: mean = 1 + p(t)(M - 1); steady level s = 1 + pS(M - 1); settling to within ε of s at
 * t = τ·ln((p0 - pS)(M - 1) / (ε·s)) (0 when that is <= 0). The multiplier's distribution at age t is
 * two-point: M with probability p(t), else 1, so its q-quantile is M exactly when q > 1 - p(t).
 *
 * Left out: pauses that stop every order in flight at once (each order draws its own), and pause
 * lengths that vary (one multiplier for all pauses).
 *
 * Parameters: probabilities per order in [0, 1]; `decayNs` (ns, > 0); `pauseMultiplier` (unitless, >= 1).
 */
import { invariant, type Ns, type UniformSource } from '../../../sim/index.ts';
import { SETTLED_AT_START, type WarmupCurve, type WarmupSettling } from './warmup-curve.ts';

export class GcPauseWarmup implements WarmupCurve {
  readonly name = 'gc-pause';
  readonly steadyMultiplier: number;

  constructor(
    readonly initialPauseProbability: number,
    readonly steadyPauseProbability: number,
    readonly decayNs: Ns,
    readonly pauseMultiplier: number,
  ) {
    for (const [what, p] of [['initialPauseProbability', initialPauseProbability], ['steadyPauseProbability', steadyPauseProbability]] as const) {
      invariant(p >= 0 && p <= 1, () => `gc ${what} must be in [0, 1], got ${p}`);
    }
    invariant(decayNs > 0, () => `gc decayNs must be > 0, got ${decayNs}`);
    invariant(pauseMultiplier >= 1, () => `gc pauseMultiplier must be >= 1, got ${pauseMultiplier}`);
    this.steadyMultiplier = 1 + steadyPauseProbability * (pauseMultiplier - 1);
  }

  pauseProbability(ageNs: Ns): number {
    const { initialPauseProbability: p0, steadyPauseProbability: pS } = this;
    return pS + (p0 - pS) * Math.exp(-ageNs / this.decayNs);
  }

  multiplier(ageNs: Ns, _ordersServed: number, rng: UniformSource): number {
    return rng.next() < this.pauseProbability(ageNs) ? this.pauseMultiplier : 1;
  }

  meanMultiplier(ageNs: Ns, _ordersServed = 0): number {
    return 1 + this.pauseProbability(ageNs) * (this.pauseMultiplier - 1);
  }

  settling(tolerance: number): WarmupSettling {
    const excess = Math.abs(this.initialPauseProbability - this.steadyPauseProbability) * (this.pauseMultiplier - 1);
    const band = tolerance * this.steadyMultiplier;
    if (excess <= band) return SETTLED_AT_START;
    return { ageNs: Math.ceil(this.decayNs * Math.log(excess / band)), orders: 0 };
  }
}
