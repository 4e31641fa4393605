/** Latency models named in a scenario, built as the gateway's `LatencyModel` implementations. */
import type { Distribution } from '../../sim/index.ts';
import { ConstantLatency, ExponentialLatency, LogNormalLatency, type LatencyModel } from '../../venues/gateway/latency-model.ts';
import type { LatencyModelSpec } from '../scenario/index.ts';

export function buildLatency(spec: LatencyModelSpec): LatencyModel {
  switch (spec.model) {
    case 'constant':
      return new ConstantLatency(spec.value);
    case 'exponential':
      return new ExponentialLatency(1e9 / spec.mean);
    case 'lognormal':
      return new LogNormalLatency(spec.median, spec.p99);
  }
}

/** A latency model where a kernel `Distribution` of nanoseconds is expected (the sequencer, the FIX link). */
export function asDistribution(latency: LatencyModel): Distribution {
  return { mean: latency.meanNs, sample: (rng) => latency.sampleNs(rng) };
}
