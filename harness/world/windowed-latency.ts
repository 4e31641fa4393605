/** A latency model with extra delay during given windows of simulated time (a lagging drop copy). */
import type { Kernel, Ns, UniformSource } from '../../sim/index.ts';
import type { LatencyModel } from '../../venues/gateway/latency-model.ts';

export class WindowedExtraLatency implements LatencyModel {
  constructor(
    private readonly kernel: Kernel,
    private readonly base: LatencyModel,
    private readonly windows: readonly { fromNs: Ns; untilNs: Ns; extraNs: Ns }[],
  ) {}

  get meanNs(): number {
    return this.base.meanNs;
  }

  sampleNs(rng: UniformSource): Ns {
    const now = this.kernel.now;
    let extra = 0;
    for (const window of this.windows) if (now >= window.fromNs && now < window.untilNs) extra += window.extraNs;
    return this.base.sampleNs(rng) + extra;
  }
}
