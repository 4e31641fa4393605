import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_MS, NS_PER_S, NS_PER_US, RandomStreams } from '../../../../sim/index.ts';
import { ConstantLatency } from '../../../../venues/gateway/latency-model.ts';
import type { GatewayNodeModels } from '../../../../venues/gateway/node/gateway-node.ts';
import { EqualWeights, PolicyShares, type FlowAllocationStrategy } from '../../../../venues/gateway/pool/allocation-strategy.ts';
import { CanaryCap } from '../../../../venues/gateway/pool/canary-cap.ts';
import { GatewayPool } from '../../../../venues/gateway/pool/gateway-pool.ts';
import { HaproxySlowStart } from '../../../../venues/gateway/pool/haproxy-slow-start.ts';
import { WeightedRouting } from '../../../../venues/gateway/pool/pool-routing.ts';
import { GcPauseWarmup } from '../../../../venues/gateway/warmup/gc-pause-warmup.ts';
import { NoWarmup } from '../../../../venues/gateway/warmup/warmup-curve.ts';
import { RecordingListener } from '../recording-listener.ts';

const models: GatewayNodeModels = {
  serviceTime: new ConstantLatency(100 * NS_PER_US),
  warmup: new NoWarmup(),
  inboundLatency: new ConstantLatency(10 * NS_PER_US),
  wireLatency: new ConstantLatency(10 * NS_PER_US),
  returnLatency: new ConstantLatency(10 * NS_PER_US),
  bootLatency: new ConstantLatency(10 * NS_PER_S),
  sessionLogonLatency: new ConstantLatency(20 * NS_PER_S),
};

function setup(strategy: FlowAllocationStrategy, routeOnPlatformReady = false) {
  const kernel = new Kernel();
  const streams = new RandomStreams(3);
  const listener = new RecordingListener<number>(kernel);
  const routing = new WeightedRouting<number, number>(strategy, streams.get('gateway.pool.dispatch'), routeOnPlatformReady);
  const pool = new GatewayPool<number>(kernel, streams, listener, { idPrefix: 'gw', models, routing });
  return { kernel, listener, pool };
}

describe('GatewayPool routing', () => {
  it('routes to platform-ready nodes only when told to, and those hold orders until trading-ready (a delay cluster)', () => {
    const { kernel, listener, pool } = setup(new PolicyShares(1), true);
    pool.bootNode();
    kernel.run({ until: 15 * NS_PER_S });
    for (let i = 0; i < 5; i++) expect(pool.submit(i)).not.toBe('no-routable-node');
    kernel.run();
    const released = 30 * NS_PER_S;
    expect(listener.wired.map((w) => w.atNs - released)).toEqual([1, 2, 3, 4, 5].map((k) => k * 100 * NS_PER_US + 10 * NS_PER_US));
  });

  it('refuses as a value when no node is routable', () => {
    const { kernel, pool } = setup(new EqualWeights());
    pool.bootNode();
    kernel.run({ until: 15 * NS_PER_S });
    expect(pool.submit(1)).toBe('no-routable-node');
  });

  it('a canary node gets its capped share of the flow', () => {
    const { kernel, listener, pool } = setup(new CanaryCap(0.05, 600 * NS_PER_S));
    pool.startNode();
    kernel.run({ until: 700 * NS_PER_S });
    pool.startNode();
    const n = 20_000;
    for (let i = 0; i < n; i++) pool.submit(i);
    kernel.run();
    const toCanary = listener.wired.filter((w) => w.node === 'gw2').length;
    // Binomial(20000, 0.05): sd ≈ 31.
    expect(Math.abs(toCanary - 0.05 * n)).toBeLessThan(150);
    expect(pool.observe().nodes.map((node) => node.flowShare)).toEqual([0.95, 0.05]);
  });

  it('HAProxy slowstart sends a starting node no more than its connection limit in flight', () => {
    const { kernel, listener, pool } = setup(new HaproxySlowStart(60 * NS_PER_S, 100));
    pool.startNode();
    kernel.run({ until: 15 * NS_PER_S });
    for (let i = 0; i < 40; i++) pool.submit(i);
    expect(pool.node('gw1').inFlight).toBe(25);
    kernel.run();
    expect(listener.wired.length).toBe(25);
  });
});

describe('GatewayPool scaling', () => {
  it('scales out with cold nodes and in by draining the most recently ready first', () => {
    const { kernel, pool } = setup(new EqualWeights());
    pool.startNode();
    kernel.run({ until: 1 * NS_PER_S });
    pool.scaleTo(3);
    expect(pool.nodes.map((node) => node.lifecycle)).toEqual(['trading-ready', 'booting', 'booting']);
    kernel.run({ until: 40 * NS_PER_S });
    pool.scaleTo(1);
    expect(pool.nodes.map((node) => node.id)).toEqual(['gw1']);
    expect(pool.replicas).toBe(1);
  });

  it('drops a draining node from the pool once it has served what it held', () => {
    const { kernel, listener, pool } = setup(new PolicyShares(1));
    pool.startNode();
    pool.startNode();
    for (let i = 0; i < 4; i++) pool.submit(i);
    pool.scaleTo(1);
    expect(pool.replicas).toBe(1);
    kernel.run({ until: 1 * NS_PER_MS });
    expect(pool.nodes.length).toBe(1);
    expect(listener.wired.length).toBe(4);
  });
});

describe('GatewayPool scale-out signature (seed 003)', () => {
  function scaleOutRun(seed: number) {
    const kernel = new Kernel();
    const streams = new RandomStreams(seed);
    const listener = new RecordingListener<number>(kernel);
    // A young node stalls 30% of orders (20x), decaying over 10 s: cold tails, warm median.
    const coldModels = { ...models, warmup: new GcPauseWarmup(0.3, 0, 10 * NS_PER_S, 20), bootLatency: new ConstantLatency(1 * NS_PER_S), sessionLogonLatency: new ConstantLatency(1 * NS_PER_S) };
    const routing = new WeightedRouting<number, number>(new EqualWeights(), streams.get('gateway.pool.dispatch'));
    const pool = new GatewayPool<number>(kernel, streams, listener, { idPrefix: 'gw', models: coldModels, routing });
    for (let i = 0; i < 4; i++) pool.startNode();
    kernel.run({ until: 300 * NS_PER_S });
    pool.bootNode();
    kernel.run({ until: 302 * NS_PER_S });
    for (let i = 0; i < 2000; i++) kernel.schedule(kernel.now + i * 10 * NS_PER_MS, () => pool.submit(i));
    kernel.run({ until: 322 * NS_PER_S });
    return { pool, listener };
  }

  it("a new node's p99 decision-to-wire latency is far above the warm nodes' while its median is theirs", () => {
    const { pool } = scaleOutRun(9);
    const [warm, , , , cold] = pool.observe().nodes;
    expect(cold.gatewayId).toBe('gw5');
    expect(cold.warmupProgress).toBeLessThan(0.9);
    expect(warm.warmupProgress).toBeGreaterThan(0.999);
    expect(cold.decisionToWire.p50Ns).toBe(warm.decisionToWire.p50Ns);
    expect(cold.decisionToWire.p99Ns as number).toBeGreaterThan(10 * (warm.decisionToWire.p99Ns as number));
  });

  it('is deterministic: the same seed gives the same timeline, another seed another', () => {
    const timeline = (seed: number) => scaleOutRun(seed).listener.wired.map((w) => `${w.message}@${w.node}@${w.atNs}`).join(',');
    expect(timeline(9)).toBe(timeline(9));
    expect(timeline(9)).not.toBe(timeline(10));
  });
});
