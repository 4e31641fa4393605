import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, NS_PER_US, RandomStreams } from '../../../sim/index.ts';
import { failoverSessionView, gatewayNodeView, gatewayNodeViews, PoolGatewayPort } from '../../../harness/world/gateway-view.ts';
import { ConstantLatency, EqualWeights, GatewayPool, NoWarmup, WeightedRouting, type FailoverSessionView, type GatewayNodeModels, type GatewayNodeObservation } from '../../../venues/gateway/index.ts';
import { RecordingListener } from '../../venues/gateway/recording-listener.ts';

const models: GatewayNodeModels = {
  serviceTime: new ConstantLatency(100 * NS_PER_US),
  warmup: new NoWarmup(),
  inboundLatency: new ConstantLatency(10 * NS_PER_US),
  wireLatency: new ConstantLatency(10 * NS_PER_US),
  returnLatency: new ConstantLatency(10 * NS_PER_US),
  bootLatency: new ConstantLatency(10 * NS_PER_S),
  sessionLogonLatency: new ConstantLatency(20 * NS_PER_S),
};

function observation(overrides: Partial<GatewayNodeObservation>): GatewayNodeObservation {
  return {
    gatewayId: 'gw1',
    observedAtNs: 5,
    lifecycle: 'trading-ready',
    ageNs: 7,
    tradingReadyForNs: 3,
    warmupProgress: 0.25,
    decisionToWire: { count: 3, p50Ns: 11, p95Ns: 12, p99Ns: 13 },
    wireToAck: { count: 3, p50Ns: 21, p95Ns: 22, p99Ns: 23 },
    errorCount: 4,
    queuedOrders: 0,
    ordersServed: 3,
    ...overrides,
  };
}

describe('gateway node view for policies', () => {
  it('publishes decision-to-wire quantiles, age, warm-up, errors and the flow share given', () => {
    expect(gatewayNodeView(observation({}), 0.4)).toEqual({
      gatewayId: 'gw1',
      lifecycle: 'trading-ready',
      ageNs: 7,
      warmupProgress: 0.25,
      latencyP50Ns: 11,
      latencyP99Ns: 13,
      errorCount: 4,
      flowShare: 0.4,
    });
  });

  it('shows a draining node as draining, apart from a dead one', () => {
    expect(gatewayNodeView(observation({ lifecycle: 'draining' }), 0).lifecycle).toBe('draining');
  });

  it('keeps each node of a pool with its routing share, a booting node at share 0', () => {
    const kernel = new Kernel();
    const streams = new RandomStreams(1);
    const routing = new WeightedRouting<number, number>(new EqualWeights(), streams.get('gateway.pool.dispatch'));
    const pool = new GatewayPool<number>(kernel, streams, new RecordingListener<number>(kernel), { idPrefix: 'gw', models, routing });
    pool.startNode();
    pool.startNode();
    pool.bootNode();
    const views = new PoolGatewayPort(pool).views(kernel.now);
    expect(views.map((v) => [v.gatewayId, v.lifecycle, v.flowShare])).toEqual([
      ['gw1', 'trading-ready', 0.5],
      ['gw2', 'trading-ready', 0.5],
      ['gw3', 'booting', 0],
    ]);
    expect(gatewayNodeViews(pool.observe())).toEqual(views);
  });
});

describe('failover pair session view for policies', () => {
  const view: FailoverSessionView = {
    observedAtNs: 9,
    pairId: 'pair1',
    activeNodeId: 'gw1',
    phase: 'backup-logging-on',
    loggedOn: false,
    gapOpen: false,
    possDupReceived: 2,
    resendRequests: 1,
    seqsGapFilled: 3,
    lastReceivedAtNs: 4,
    disconnects: 1,
    lastDisconnectAtNs: 5,
    lastLogonAtNs: 1,
    uncertainOrders: 6,
  };

  it('reads connecting while the backup logs on, and counts the uncertain orders as the backlog owed', () => {
    expect(failoverSessionView(view)).toEqual({
      sessionId: 'pair1',
      gatewayId: 'gw1',
      state: 'connecting',
      gapOpen: false,
      resendInProgress: false,
      replayBacklogMsgs: 6,
      possDupCount: 2,
      gapFillCount: 3,
      disconnectCount: 1,
      lastDisconnectAtNs: 5,
      lastLogonAtNs: 1,
      lastReceivedAtNs: 4,
    });
  });

  it('reads logged-on once the backup is up, disconnected in between', () => {
    expect(failoverSessionView({ ...view, loggedOn: true, phase: 'replaying' }).state).toBe('logged-on');
    expect(failoverSessionView({ ...view, phase: 'failover-detected' }).state).toBe('disconnected');
  });
});
