/**
 * No steady state: the node's speed keeps cycling and never settles (Barrett et al., OOPSLA 2017:
 * the majority of VM/benchmark pairs that do not reach a steady state). A periodic swing stands for
 * recurring recompilation, cache and GC cycles: m(t) = b + a·(1 - cos(2πt/T))/2, between b and b + a.
 *
 * Closed forms: mean = m(t); long-run average b + a/2 (reported as `steadyMultiplier`); the mean
 * swings ±a/2 around it for ever, so it settles within ε of that average from the start when
 * a/2 <= ε·(b + a/2), and never otherwise.
 *
 * Parameters: `baseMultiplier` (unitless, > 0), `amplitude` (unitless, >= 0), `periodNs` (ns, > 0).
 */
import { invariant, type Ns } from '../../../sim/index.ts';
import { NEVER_SETTLES, SETTLED_AT_START, type WarmupCurve, type WarmupSettling } from './warmup-curve.ts';

export class NoSteadyStateWarmup implements WarmupCurve {
  readonly name = 'no-steady-state';
  readonly steadyMultiplier: number;

  constructor(readonly baseMultiplier: number, readonly amplitude: number, readonly periodNs: Ns) {
    invariant(baseMultiplier > 0, () => `no-steady-state baseMultiplier must be > 0, got ${baseMultiplier}`);
    invariant(amplitude >= 0, () => `no-steady-state amplitude must be >= 0, got ${amplitude}`);
    invariant(periodNs > 0, () => `no-steady-state periodNs must be > 0, got ${periodNs}`);
    this.steadyMultiplier = baseMultiplier + amplitude / 2;
  }

  multiplier(ageNs: Ns, _ordersServed = 0): number {
    return this.meanMultiplier(ageNs);
  }

  meanMultiplier(ageNs: Ns, _ordersServed = 0): number {
    return this.baseMultiplier + (this.amplitude * (1 - Math.cos((2 * Math.PI * ageNs) / this.periodNs))) / 2;
  }

  settling(tolerance: number): WarmupSettling {
    return this.amplitude / 2 <= tolerance * this.steadyMultiplier ? SETTLED_AT_START : NEVER_SETTLES;
  }
}
