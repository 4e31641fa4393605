// Nodes present at time 0 with a warm history (GatewayNode.startTradingReady(history)) are as old as their
// history on every clock a slow-start ramp reads, not only on the warm-up curve's: an Envoy or HAProxy pool
// that stands before the episode gives them full weight from its first instant (issue 19).
import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, NS_PER_US, RandomStreams } from '../../../../sim/index.ts';
import { ConstantLatency } from '../../../../venues/gateway/latency-model.ts';
import type { GatewayNodeModels } from '../../../../venues/gateway/node/gateway-node.ts';
import type { FlowAllocationStrategy } from '../../../../venues/gateway/pool/allocation-strategy.ts';
import { EnvoySlowStart } from '../../../../venues/gateway/pool/envoy-slow-start.ts';
import { GatewayPool } from '../../../../venues/gateway/pool/gateway-pool.ts';
import { HaproxySlowStart } from '../../../../venues/gateway/pool/haproxy-slow-start.ts';
import { WeightedRouting } from '../../../../venues/gateway/pool/pool-routing.ts';
import { NoWarmup } from '../../../../venues/gateway/warmup/warmup-curve.ts';
import { RecordingListener } from '../recording-listener.ts';

const WINDOW = 60 * NS_PER_S;
const WARM = { upForNs: 6 * 3_600 * NS_PER_S, ordersServed: 1_000_000 };
const models: GatewayNodeModels = {
  serviceTime: new ConstantLatency(100 * NS_PER_US),
  warmup: new NoWarmup(),
  inboundLatency: new ConstantLatency(10 * NS_PER_US),
  wireLatency: new ConstantLatency(10 * NS_PER_US),
  returnLatency: new ConstantLatency(10 * NS_PER_US),
  bootLatency: new ConstantLatency(10 * NS_PER_S),
  sessionLogonLatency: new ConstantLatency(20 * NS_PER_S),
};

function pool(strategy: FlowAllocationStrategy) {
  const kernel = new Kernel();
  const streams = new RandomStreams(5);
  const routing = new WeightedRouting<number, number>(strategy, streams.get('gateway.pool.dispatch'));
  return { kernel, pool: new GatewayPool<number>(kernel, streams, new RecordingListener<number>(kernel), { idPrefix: 'gw', models, routing }) };
}

describe('nodes present at time 0 with a warm history', () => {
  it('have been trading-ready for their whole history, as the observation says', () => {
    const { pool: p } = pool(new EnvoySlowStart(WINDOW));
    p.startNode(WARM);
    expect(p.node('gw1').tradingReadySinceNs).toBe(-WARM.upForNs);
    expect(p.observe().nodes[0].tradingReadyForNs).toBe(WARM.upForNs);
  });

  it('Envoy: full weight at time 0, so a node joining at 30 s gets min/(min + 2) of the flow, not min/(min + 2 x 0.5)', () => {
    const { kernel, pool: p } = pool(new EnvoySlowStart(WINDOW));
    p.startNode(WARM);
    p.startNode(WARM);
    expect(p.observe().nodes.map((n) => n.flowShare)).toEqual([0.5, 0.5]);
    p.bootNode(); // trading-ready at 30 s (10 s boot, 20 s logon)
    kernel.run({ until: 30 * NS_PER_S });
    expect(p.node('gw3').lifecycle).toBe('trading-ready');
    const shares = p.observe().nodes.map((n) => n.flowShare);
    // The new node is at Envoy's 10% floor; the warm ones at full weight 1 (before the fix: 30/60 = 0.5 each).
    expect(shares[2]).toBeCloseTo(0.1 / 2.1, 12);
    expect(shares[0]).toBeCloseTo(1 / 2.1, 12);
  });

  it('Envoy: a node started without history still ramps from time 0', () => {
    const { kernel, pool: p } = pool(new EnvoySlowStart(WINDOW));
    p.startNode(WARM);
    p.startNode();
    kernel.run({ until: 15 * NS_PER_S });
    const shares = p.observe().nodes.map((n) => n.flowShare);
    expect(shares[1]).toBeCloseTo(0.25 / 1.25, 12);
  });

  it('HAProxy: the connection limit is maxconn from time 0, not 1', () => {
    const { pool: p } = pool(new HaproxySlowStart(WINDOW, 100));
    p.startNode(WARM);
    for (let i = 0; i < 150; i++) p.submit(i);
    expect(p.node('gw1').inFlight).toBe(100);
  });
});
