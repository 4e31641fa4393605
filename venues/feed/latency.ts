/**
 * One-way latency of a network path, as a small model with named implementations (hftbacktest's
 * `LatencyModel`: `ConstantLatency`, ...). Used for the feed's multicast paths, the re-request
 * channel and the snapshot channel.
 *
 * Leaves out: correlation between consecutive packets and time-of-day load; a path built on a model
 * is still FIFO (path.ts), so a slow packet delays those behind it.
 * Units: ns in, ns out; `LogNormalLatency.fromMedianP99` takes its median and p99 in ns.
 */
import { invariant, LogNormal, type Ns, type UniformSource } from '../../sim/index.ts';

export interface LatencyModel {
  readonly name: string;
  /** A latency for something sent at `sentAtNs`, integer ns >= 0. */
  sampleNs(rng: UniformSource, sentAtNs: Ns): Ns;
}

export class ConstantLatency implements LatencyModel {
  readonly name = 'constant';
  constructor(readonly latencyNs: Ns) {
    invariant(Number.isInteger(latencyNs) && latencyNs >= 0, () => `constant latency must be an integer >= 0 ns, got ${latencyNs}`);
  }
  sampleNs(): Ns {
    return this.latencyNs;
  }
}

export class LogNormalLatency implements LatencyModel {
  readonly name = 'lognormal';
  private constructor(private readonly distribution: LogNormal) {}

  static fromMedianP99(medianNs: Ns, p99Ns: Ns): LogNormalLatency {
    return new LogNormalLatency(LogNormal.fromMedianP99(medianNs, p99Ns));
  }

  sampleNs(rng: UniformSource): Ns {
    return Math.round(this.distribution.sample(rng));
  }
}
