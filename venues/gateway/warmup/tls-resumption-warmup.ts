/**
 * TLS session resumption: the order path talks to `upstreamEndpoints` TLS peers and each order goes
 * to one of them, uniformly. The first contact with a peer needs a full handshake
 * (`fullHandshakeMultiplier`); later ones resume the cached session at no extra cost. Seed 003:
 * "tls_resumption_hit_rate".
 *
 * After n orders, a given peer has not been contacted with probability (1 - 1/P)^n, so the next order
 * needs a full handshake with that probability. The curve draws each order's handshake from this
 * marginal probability rather than tracking which peers were contacted: the per-order law is exact,
 * the joint law is not (the true process has exactly P full handshakes in all).
 *
 * Closed forms: mean = 1 + (H - 1)(1 - 1/P)^n; steady level 1; settling to within ε after
 * n = ⌈ln(ε/(H - 1)) / ln(1 - 1/P)⌉ orders (one order when P = 1; none when H - 1 <= ε).
 *
 * Left out: ticket lifetimes (sessions never expire here) and handshake failures.
 *
 * Parameters: `upstreamEndpoints` (peers, integer >= 1), `fullHandshakeMultiplier` (unitless, >= 1).
 */
import { invariant, type Ns, type UniformSource } from '../../../sim/index.ts';
import { SETTLED_AT_START, type WarmupCurve, type WarmupSettling } from './warmup-curve.ts';

export class TlsResumptionWarmup implements WarmupCurve {
  readonly name = 'tls-resumption';
  readonly steadyMultiplier = 1;
  private readonly logStayCold: number;

  constructor(readonly upstreamEndpoints: number, readonly fullHandshakeMultiplier: number) {
    invariant(Number.isInteger(upstreamEndpoints) && upstreamEndpoints >= 1, () => `tls upstreamEndpoints must be an integer >= 1, got ${upstreamEndpoints}`);
    invariant(fullHandshakeMultiplier >= 1, () => `tls fullHandshakeMultiplier must be >= 1, got ${fullHandshakeMultiplier}`);
    this.logStayCold = Math.log(1 - 1 / upstreamEndpoints);
  }

  /** Probability that the next order needs a full handshake. */
  fullHandshakeProbability(ordersServed: number): number {
    return ordersServed === 0 ? 1 : Math.exp(ordersServed * this.logStayCold);
  }

  multiplier(_ageNs: Ns, ordersServed: number, rng: UniformSource): number {
    return rng.next() < this.fullHandshakeProbability(ordersServed) ? this.fullHandshakeMultiplier : 1;
  }

  meanMultiplier(_ageNs: Ns, ordersServed: number): number {
    return 1 + (this.fullHandshakeMultiplier - 1) * this.fullHandshakeProbability(ordersServed);
  }

  settling(tolerance: number): WarmupSettling {
    const excess = this.fullHandshakeMultiplier - 1;
    if (excess <= tolerance) return SETTLED_AT_START;
    // With one peer the first order handshakes and every later one resumes: ln(1 - 1/P) is -∞.
    if (this.upstreamEndpoints === 1) return { ageNs: 0, orders: 1 };
    return { ageNs: 0, orders: Math.ceil(Math.log(tolerance / excess) / this.logStayCold) };
  }
}
