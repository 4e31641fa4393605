import { describe, expect, it } from 'vitest';
import { Exponential, Kernel, NS_PER_S, RandomStreams, type EventHandler, type Ns, type RandomStream } from '../../../../sim/index.ts';
import { HpaAutoscaler } from '../../../../venues/gateway/autoscaler/hpa-autoscaler.ts';
import { CpuUtilisation, RequestRate, type ScalableNode, type ScalableTarget, type ScalingMetric } from '../../../../venues/gateway/autoscaler/scaling-metric.ts';
import { ConstantLatency, ExponentialLatency } from '../../../../venues/gateway/latency-model.ts';
import type { GatewayLifecycle } from '../../../../venues/gateway/node/node-observation.ts';
import { GatewayPool } from '../../../../venues/gateway/pool/gateway-pool.ts';
import { EqualWeights } from '../../../../venues/gateway/pool/allocation-strategy.ts';
import { WeightedRouting } from '../../../../venues/gateway/pool/pool-routing.ts';
import { NoWarmup } from '../../../../venues/gateway/warmup/warmup-curve.ts';
import { RecordingListener } from '../recording-listener.ts';

const S = NS_PER_S;

/** A target whose nodes report whatever value the test sets; new nodes are booting (unready). */
class StubTarget implements ScalableTarget {
  nodes: StubNode[] = [];
  constructor(replicas: number) {
    for (let i = 0; i < replicas; i++) this.nodes.push(new StubNode(`n${i}`, 'trading-ready', 0));
  }
  get replicas(): number {
    return this.nodes.length;
  }
  scaleTo(replicas: number): void {
    while (this.nodes.length < replicas) this.nodes.push(new StubNode(`n${this.nodes.length}`, 'booting', undefined));
    this.nodes.length = replicas;
  }
}

class StubNode implements ScalableNode {
  readonly serverCount = 1;
  readonly ordersAccepted = 0;
  constructor(readonly id: string, readonly lifecycle: GatewayLifecycle, readonly platformReadySinceNs: Ns | undefined) {}
  busyNs(): Ns {
    return 0;
  }
}

/** Every node reads `ratio` times the target (after its first reading). */
class FixedRatioMetric implements ScalingMetric {
  readonly name = 'fixed';
  readonly target = 0.5;
  private seen = new Set<string>();
  constructor(public ratio: number) {}
  read(node: ScalableNode): number | undefined {
    if (!this.seen.has(node.id)) {
      this.seen.add(node.id);
      return undefined;
    }
    return this.ratio * this.target;
  }
}

function stubHpa(replicas: number, ratio: number, maxReplicas = 100) {
  const kernel = new Kernel();
  const target = new StubTarget(replicas);
  const metric = new FixedRatioMetric(ratio);
  const hpa = new HpaAutoscaler(kernel, target, { metric, maxReplicas });
  hpa.start();
  return { kernel, target, metric, hpa };
}

describe('HPA defaults (VALIDATION.md W4)', () => {
  it('4 replicas at 2x target become 8 after one 15 s period', () => {
    const { kernel, target, hpa } = stubHpa(4, 2);
    kernel.run({ until: 14.999 * S });
    expect(target.replicas).toBe(4);
    kernel.run({ until: 15 * S });
    expect(target.replicas).toBe(8);
    expect(hpa.decisions[0]).toMatchObject({ atNs: 15 * S, currentReplicas: 4, usageRatio: 2, recommended: 8, scaledTo: 8 });
  });

  it('3 replicas at 1.05x target do not change (within the 10% tolerance)', () => {
    const { kernel, target, hpa } = stubHpa(3, 1.05);
    kernel.run({ until: 60 * S });
    expect(target.replicas).toBe(3);
    expect(hpa.decisions.map((d) => d.scaledTo)).toEqual([3, 3, 3, 3]);
  });

  it('limits a scale-up to max(+100%, +4 pods) per 15 s', () => {
    const { kernel, target } = stubHpa(2, 10);
    kernel.run({ until: 15 * S });
    expect(target.replicas).toBe(6); // 2 + 4 beats 2·2
  });

  it('counts unready nodes at 0% on a scale-up, which holds the count while new nodes boot', () => {
    const { kernel, target, hpa } = stubHpa(4, 2);
    kernel.run({ until: 30 * S });
    // At 30 s: 4 ready at 2x, 4 booting at 0: ratio 1.0, within tolerance.
    expect(hpa.decisions[1]).toMatchObject({ readyNodes: 4, unreadyNodes: 4, recommended: 8, scaledTo: 8 });
    expect(target.replicas).toBe(8);
  });

  it('stabilises a scale-down over 300 s: the count drops exactly 300 s after the last high recommendation', () => {
    const { kernel, target, metric } = stubHpa(8, 1);
    kernel.run({ until: 60 * S }); // recommendations of 8 at 15, 30, 45, 60 s
    metric.ratio = 0.25; // from the 75 s sync on, the calculator recommends ⌈8·0.25⌉ = 2
    kernel.run({ until: 345 * S });
    expect(target.replicas).toBe(8);
    kernel.run({ until: 360 * S });
    expect(target.replicas).toBe(2);
  });

  it('never goes below minReplicas or above maxReplicas', () => {
    const { kernel, target } = stubHpa(4, 2, 6);
    kernel.run({ until: 15 * S });
    expect(target.replicas).toBe(6);
    const low = stubHpa(4, 0.01);
    low.kernel.run({ until: 400 * S });
    expect(low.target.replicas).toBe(1);
  });
});

class PoissonOrders implements EventHandler {
  private readonly gap: Exponential;
  constructor(private readonly pool: GatewayPool<number>, private readonly rng: RandomStream, rate: number) {
    this.gap = new Exponential(rate);
  }
  handleEvent(_kind: number, _data: unknown, kernel: Kernel): void {
    this.pool.submit(0);
    kernel.scheduleAfter(Math.round(this.gap.sample(this.rng) * 1e9), this);
  }
}

function loadedPool(nodes: number, ratePerSec: number, seed: number) {
  const kernel = new Kernel();
  const streams = new RandomStreams(seed);
  const zero = new ConstantLatency(0);
  const models = {
    serviceTime: new ExponentialLatency(1000),
    warmup: new NoWarmup(),
    inboundLatency: zero,
    wireLatency: zero,
    returnLatency: zero,
    bootLatency: new ConstantLatency(20 * S),
    sessionLogonLatency: new ConstantLatency(10 * S),
  };
  const routing = new WeightedRouting<number, number>(new EqualWeights(), streams.get('gateway.pool.dispatch'));
  const pool = new GatewayPool<number>(kernel, streams, new RecordingListener<number>(kernel), { idPrefix: 'gw', models, routing });
  for (let i = 0; i < nodes; i++) pool.startNode();
  kernel.schedule(0, new PoissonOrders(pool, streams.get('flow.arrivals'), ratePerSec));
  return { kernel, pool };
}

describe('HPA driving a loaded gateway pool', () => {
  it('CPU: 4 nodes at 80% utilisation with a 40% target scale to 8 in one period (W4 end to end)', () => {
    const { kernel, pool } = loadedPool(4, 3200, 5);
    const hpa = new HpaAutoscaler(kernel, pool, { metric: new CpuUtilisation(0.4), maxReplicas: 20 });
    hpa.start();
    kernel.run({ until: 15 * S });
    expect(pool.replicas).toBe(8);
    // Utilisation over 15 s of M/M/1 at ρ = 0.8 is 0.8 within about a percent.
    expect(Math.abs((hpa.decisions[0].usageRatio as number) - 2)).toBeLessThan(0.1);
    expect(pool.nodes.filter((node) => node.lifecycle === 'booting').length).toBe(4);
  });

  it('CPU: 3 nodes at 1.05x target stay at 3', () => {
    const { kernel, pool } = loadedPool(3, 3 * 420, 6);
    const hpa = new HpaAutoscaler(kernel, pool, { metric: new CpuUtilisation(0.4), maxReplicas: 20 });
    hpa.start();
    kernel.run({ until: 60 * S });
    expect(pool.replicas).toBe(3);
  });

  it('request rate: 2 nodes at 400 orders/s each with a 250/s target scale to ⌈2·1.6⌉ = 4', () => {
    const { kernel, pool } = loadedPool(2, 800, 8);
    const hpa = new HpaAutoscaler(kernel, pool, { metric: new RequestRate(250), maxReplicas: 20 });
    hpa.start();
    kernel.run({ until: 15 * S });
    expect(pool.replicas).toBe(4);
  });
});
