/**
 * Connection-pool fill: a new node opens its pool of upstream connections (risk service, venue
 * sessions, reference data) one at a time at a steady rate from the moment it is platform-ready. An
 * order that finds no pooled connection pays for opening one (`missMultiplier`); one that finds a
 * pooled connection does not. Seed 003: "conn_pool_warm_ratio", "first N orders per node have
 * disproportionate delay", and a cold path hit with a probability, so tails widen before the median.
 *
 * With c(t) = min(S, ⌊t·r⌋) connections open at age t (S = `poolSize`, r = `connectsPerSec`), an
 * order misses with probability 1 - c(t)/S. Closed forms: mean = 1 + (M - 1)(1 - c(t)/S); steady
 * level 1; settling to within ε once c(t) >= ⌈S·(1 - ε/(M - 1))⌉, i.e. at age that count / r.
 *
 * Left out: connections lost and reopened, and orders opening connections on demand faster than the
 * background fill (a miss does not add to the pool).
 *
 * Parameters: `poolSize` (connections, integer >= 1), `connectsPerSec` (connections per second, > 0),
 * `missMultiplier` (unitless, >= 1).
 */
import { invariant, type Ns, type UniformSource } from '../../../sim/index.ts';
import { SETTLED_AT_START, type WarmupCurve, type WarmupSettling } from './warmup-curve.ts';

export class ConnectionPoolWarmup implements WarmupCurve {
  readonly name = 'connection-pool';
  readonly steadyMultiplier = 1;

  constructor(readonly poolSize: number, readonly connectsPerSec: number, readonly missMultiplier: number) {
    invariant(Number.isInteger(poolSize) && poolSize >= 1, () => `connection pool poolSize must be an integer >= 1, got ${poolSize}`);
    invariant(connectsPerSec > 0, () => `connection pool connectsPerSec must be > 0, got ${connectsPerSec}`);
    invariant(missMultiplier >= 1, () => `connection pool missMultiplier must be >= 1, got ${missMultiplier}`);
  }

  /** Connections open at this age. */
  openConnections(ageNs: Ns): number {
    return Math.min(this.poolSize, Math.floor((ageNs * this.connectsPerSec) / 1e9));
  }

  multiplier(ageNs: Ns, _ordersServed: number, rng: UniformSource): number {
    const missProbability = 1 - this.openConnections(ageNs) / this.poolSize;
    return rng.next() < missProbability ? this.missMultiplier : 1;
  }

  meanMultiplier(ageNs: Ns, _ordersServed = 0): number {
    return 1 + (this.missMultiplier - 1) * (1 - this.openConnections(ageNs) / this.poolSize);
  }

  settling(tolerance: number): WarmupSettling {
    const excess = this.missMultiplier - 1;
    if (excess <= tolerance) return SETTLED_AT_START;
    const connectionsNeeded = Math.ceil(this.poolSize * (1 - tolerance / excess));
    return { ageNs: Math.ceil((connectionsNeeded * 1e9) / this.connectsPerSec), orders: 0 };
  }
}
