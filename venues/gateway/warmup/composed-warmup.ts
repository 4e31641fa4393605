/**
 * Several warm-up effects at once (JIT and pool fill and GC...): the multipliers multiply, each curve
 * drawing independently, so the mean is the product of the means and so is the steady level.
 *
 * Settling of a product has no closed form in general; `settling(ε)` returns a sufficient point: the
 * latest of the components' settling points at ε' = (1 + ε)^(1/n) - 1, where every factor is within
 * ε' and the product within ε. It is an upper bound, not the earliest point.
 */
import { invariant, type Ns, type UniformSource } from '../../../sim/index.ts';
import type { WarmupCurve, WarmupSettling } from './warmup-curve.ts';

export class ComposedWarmup implements WarmupCurve {
  readonly name: string;
  readonly steadyMultiplier: number;

  constructor(readonly curves: readonly WarmupCurve[]) {
    invariant(curves.length > 0, 'a composed warm-up needs at least one curve (use NoWarmup for none)');
    this.name = curves.map((curve) => curve.name).join('*');
    this.steadyMultiplier = curves.reduce((product, curve) => product * curve.steadyMultiplier, 1);
  }

  multiplier(ageNs: Ns, ordersServed: number, rng: UniformSource): number {
    let product = 1;
    for (let i = 0; i < this.curves.length; i++) product *= this.curves[i].multiplier(ageNs, ordersServed, rng);
    return product;
  }

  meanMultiplier(ageNs: Ns, ordersServed: number): number {
    let product = 1;
    for (let i = 0; i < this.curves.length; i++) product *= this.curves[i].meanMultiplier(ageNs, ordersServed);
    return product;
  }

  settling(tolerance: number): WarmupSettling {
    const each = Math.pow(1 + tolerance, 1 / this.curves.length) - 1;
    let ageNs = 0;
    let orders = 0;
    for (const curve of this.curves) {
      const settling = curve.settling(each);
      ageNs = Math.max(ageNs, settling.ageNs);
      orders = Math.max(orders, settling.orders);
    }
    return { ageNs, orders };
  }
}
