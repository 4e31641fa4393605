/**
 * Latency and service-time models for a gateway node: how long one order takes on one path.
 *
 * Models: a small interface with named implementations, chosen by a scenario by name with
 * parameters (`{ model: lognormal, medianUs: 40, p99Us: 400 }`). A service time and a path latency
 * are the same kind of thing (a non-negative duration drawn per order), so `ServiceTimeModel` is the
 * same interface under the name a queueing reader expects.
 *
 * Left out: correlation between successive draws (each order draws independently) and any
 * dependence on load; load enters through the node's queue, warm-up through its multiplier.
 *
 * Units: every draw is in integer nanoseconds; constructor parameters say their unit in their name.
 */
import { Exponential, LogNormal, invariant, type Distribution, type Ns, type UniformSource } from '../../sim/index.ts';

export interface LatencyModel {
  /** One draw, in nanoseconds, never negative. */
  sampleNs(rng: UniformSource): Ns;
  /** The exact mean in nanoseconds (validation tests and reports use it). */
  readonly meanNs: number;
}

/** A node's service time: the same contract, named for the queueing reader. */
export type ServiceTimeModel = LatencyModel;

export class ConstantLatency implements LatencyModel {
  readonly meanNs: number;
  constructor(readonly latencyNs: Ns) {
    invariant(Number.isInteger(latencyNs) && latencyNs >= 0, () => `constant latency must be a whole number of ns >= 0, got ${latencyNs}`);
    this.meanNs = latencyNs;
  }
  sampleNs(): Ns {
    return this.latencyNs;
  }
}

/** Exponential service at `ratePerSec` completions per second: the M in M/M/c. */
export class ExponentialLatency implements LatencyModel {
  private readonly distribution: Exponential;
  readonly meanNs: number;
  constructor(readonly ratePerSec: number) {
    // Drawn in seconds then rounded: rounding to the nanosecond biases the mean by < 0.5 ns.
    this.distribution = new Exponential(ratePerSec);
    this.meanNs = 1e9 / ratePerSec;
  }
  sampleNs(rng: UniformSource): Ns {
    return Math.round(this.distribution.sample(rng) * 1e9);
  }
}

/** Lognormal given by its median and 99th percentile, the way latency is usually reported. */
export class LogNormalLatency implements LatencyModel {
  private readonly distribution: LogNormal;
  readonly meanNs: number;
  constructor(readonly medianNs: Ns, readonly p99Ns: Ns) {
    this.distribution = LogNormal.fromMedianP99(medianNs, p99Ns);
    this.meanNs = this.distribution.mean;
  }
  sampleNs(rng: UniformSource): Ns {
    return Math.round(this.distribution.sample(rng));
  }
}

/** Any kernel distribution whose draws are durations in `unitNs` (1 for ns, 1000 for µs...). */
export class DistributionLatency implements LatencyModel {
  readonly meanNs: number;
  constructor(private readonly distribution: Distribution, private readonly unitNs: number) {
    invariant(unitNs > 0, () => `unitNs must be > 0, got ${unitNs}`);
    this.meanNs = distribution.mean * unitNs;
  }
  sampleNs(rng: UniformSource): Ns {
    const ns = Math.round(this.distribution.sample(rng) * this.unitNs);
    invariant(ns >= 0, () => `latency draw must be >= 0, got ${ns} ns`);
    return ns;
  }
}
