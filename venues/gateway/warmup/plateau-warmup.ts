/**
 * Plateau: the node's latency levels off, but not at its nominal warm level. Barrett et al.
 * ("Virtual Machine Warmup Blows Hot and Cold", OOPSLA 2017) found at most about 44% of VM/benchmark
 * pairs reach a steady state of the warm-up kind; others settle slower than they started ("slowdown")
 * or at a level that is not the best one. m(t) = p + (m0 - p)·e^(-t/τ), with plateau p != 1: a node
 * whose p > 1 + ε never enters the warm band, however long it runs.
 *
 * Closed forms: mean = m(t); steady level p; settling to within ε of p at t = τ·ln(|m0 - p| / (ε·p))
 * (0 when |m0 - p| <= ε·p). Relative to the nominal warm level 1 it never settles when p > 1 + ε.
 *
 * Parameters: `initialMultiplier`, `plateauMultiplier` (unitless, > 0), `timeConstantNs` (ns, > 0).
 */
import { invariant, type Ns } from '../../../sim/index.ts';
import { SETTLED_AT_START, type WarmupCurve, type WarmupSettling } from './warmup-curve.ts';

export class PlateauWarmup implements WarmupCurve {
  readonly name = 'plateau';
  readonly steadyMultiplier: number;

  constructor(readonly initialMultiplier: number, readonly plateauMultiplier: number, readonly timeConstantNs: Ns) {
    invariant(initialMultiplier > 0 && plateauMultiplier > 0, () => `plateau multipliers must be > 0, got ${initialMultiplier}, ${plateauMultiplier}`);
    invariant(timeConstantNs > 0, () => `plateau timeConstantNs must be > 0, got ${timeConstantNs}`);
    this.steadyMultiplier = plateauMultiplier;
  }

  multiplier(ageNs: Ns, _ordersServed = 0): number {
    return this.meanMultiplier(ageNs);
  }

  meanMultiplier(ageNs: Ns, _ordersServed = 0): number {
    const p = this.plateauMultiplier;
    return p + (this.initialMultiplier - p) * Math.exp(-ageNs / this.timeConstantNs);
  }

  settling(tolerance: number): WarmupSettling {
    const gap = Math.abs(this.initialMultiplier - this.plateauMultiplier);
    const band = tolerance * this.plateauMultiplier;
    if (gap <= band) return SETTLED_AT_START;
    return { ageNs: Math.ceil(this.timeConstantNs * Math.log(gap / band)), orders: 0 };
  }
}
