import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_MS, NS_PER_US, RandomStreams } from '../../../../sim/index.ts';
import { ConstantLatency } from '../../../../venues/gateway/latency-model.ts';
import { GatewayNode, type GatewayNodeModels } from '../../../../venues/gateway/node/gateway-node.ts';
import { JitWarmup } from '../../../../venues/gateway/warmup/jit-warmup.ts';
import { NoWarmup } from '../../../../venues/gateway/warmup/warmup-curve.ts';
import { RecordingListener } from '../recording-listener.ts';

const models = (overrides: Partial<GatewayNodeModels> = {}): GatewayNodeModels => ({
  serviceTime: new ConstantLatency(100 * NS_PER_US),
  warmup: new NoWarmup(),
  inboundLatency: new ConstantLatency(10 * NS_PER_US),
  wireLatency: new ConstantLatency(20 * NS_PER_US),
  returnLatency: new ConstantLatency(30 * NS_PER_US),
  bootLatency: new ConstantLatency(5 * NS_PER_MS),
  sessionLogonLatency: new ConstantLatency(3 * NS_PER_MS),
  ...overrides,
});

function setup(overrides: Partial<GatewayNodeModels> = {}) {
  const kernel = new Kernel();
  const listener = new RecordingListener<string>(kernel);
  const node = new GatewayNode<string>('gw1', kernel, models(overrides), new RandomStreams(1), listener);
  return { kernel, listener, node };
}

describe('GatewayNode paths', () => {
  it('puts an order on the wire after inbound + service + wire latency, and relays its ack after the return latency', () => {
    const { kernel, listener, node } = setup();
    node.startTradingReady();
    node.submit('o1');
    kernel.run();
    expect(listener.wired).toEqual([{ message: 'o1', node: 'gw1', atNs: 130 * NS_PER_US, decisionAtNs: 0 }]);
    expect(node.relayAck('a1', 130 * NS_PER_US)).toBe(true);
    kernel.run();
    expect(listener.acks).toEqual([{ ack: 'a1', node: 'gw1', atNs: 160 * NS_PER_US }]);
    const seen = node.observe();
    expect(seen.decisionToWire.p50Ns).toBe(130 * NS_PER_US);
    expect(seen.wireToAck.p99Ns).toBe(30 * NS_PER_US);
    expect(seen.observedAtNs).toBe(160 * NS_PER_US);
  });

  it('queues orders FIFO behind one server', () => {
    const { kernel, listener, node } = setup();
    node.startTradingReady();
    for (const id of ['a', 'b', 'c']) node.submit(id);
    kernel.run();
    expect(listener.wired.map((w) => [w.message, w.atNs])).toEqual([
      ['a', 130 * NS_PER_US],
      ['b', 230 * NS_PER_US],
      ['c', 330 * NS_PER_US],
    ]);
  });

  it('multiplies service time by the warm-up curve at the orders served so far', () => {
    const { kernel, listener, node } = setup({ warmup: new JitWarmup(3, 1) });
    node.startTradingReady();
    node.submit('first');
    node.submit('second');
    kernel.run();
    // First order: 100 us × 3; second: 100 us × (1 + 2/e).
    expect(listener.wired[0].atNs).toBe((10 + 300 + 20) * NS_PER_US);
    expect(listener.wired[1].atNs).toBe((10 + 300) * NS_PER_US + Math.round(100 * NS_PER_US * (1 + 2 / Math.E)) + 20 * NS_PER_US);
  });
});

describe('GatewayNode lifecycle (seed 003: platform-ready is not trading-ready)', () => {
  it('refuses while booting, holds orders while platform-ready, and releases them in a burst when trading-ready', () => {
    const { kernel, listener, node } = setup();
    node.boot();
    node.submit('early');
    kernel.run({ until: 6 * NS_PER_MS });
    expect(node.lifecycle).toBe('platform-ready');
    node.submit('held-1');
    node.submit('held-2');
    kernel.run();
    expect(listener.rejected.map((r) => [r.message, r.reason])).toEqual([['early', 'node-not-ready']]);
    expect(listener.lifecycle.map((l) => [l.lifecycle, l.atNs])).toEqual([
      ['booting', 0],
      ['platform-ready', 5 * NS_PER_MS],
      ['trading-ready', 8 * NS_PER_MS],
    ]);
    // Both held orders start at 8 ms and leave back to back.
    expect(listener.wired.map((w) => w.atNs)).toEqual([8 * NS_PER_MS + 120 * NS_PER_US, 8 * NS_PER_MS + 220 * NS_PER_US]);
    expect(node.observe().errorCount).toBe(1);
  });

  it('loses what is inside it when it crashes, and says so only as truth', () => {
    const { kernel, listener, node } = setup();
    node.startTradingReady();
    for (const id of ['in-service', 'queued']) node.submit(id);
    kernel.run({ until: 50 * NS_PER_US });
    node.submit('inbound');
    node.crash();
    kernel.run();
    expect(listener.wired).toEqual([]);
    expect(listener.lost.map((l) => [l.message, l.where])).toEqual([
      ['inbound', 'inbound'],
      ['in-service', 'in-service'],
      ['queued', 'queued'],
    ]);
    expect(node.lifecycle).toBe('down');
    node.submit('after');
    kernel.run();
    expect(listener.rejected.map((r) => r.reason)).toEqual(['node-down']);
  });

  it('restarts cold: a reboot resets orders served and so the JIT multiplier', () => {
    const { kernel, node } = setup({ warmup: new JitWarmup(3, 1) });
    node.startTradingReady();
    node.submit('x');
    kernel.run();
    expect(node.observe().warmupProgress).toBeGreaterThan(0.6);
    node.crash();
    node.boot();
    kernel.run();
    expect(node.ordersServed).toBe(0);
    expect(node.observe().warmupProgress).toBe(0);
  });

  it('drains: serves what it holds, then goes down', () => {
    const { kernel, listener, node } = setup();
    node.startTradingReady();
    node.submit('a');
    node.submit('b');
    node.drain();
    kernel.run();
    expect(listener.wired.map((w) => w.message)).toEqual(['a', 'b']);
    expect(node.lifecycle).toBe('down');
  });

  it('drained before it is trading-ready, stops at once and refuses what it held', () => {
    const { kernel, listener, node } = setup();
    node.boot();
    kernel.run({ until: 6 * NS_PER_MS });
    node.submit('held');
    kernel.run({ until: 7 * NS_PER_MS });
    node.submit('on-its-way');
    node.drain();
    kernel.run();
    expect(node.lifecycle).toBe('down');
    expect(listener.wired).toEqual([]);
    expect(listener.rejected.map((r) => [r.message, r.reason])).toEqual([
      ['held', 'node-down'],
      ['on-its-way', 'node-down'],
    ]);
  });

  it('measures server busy time for the CPU metric', () => {
    const { kernel, node } = setup();
    node.startTradingReady();
    node.submit('a');
    kernel.run({ until: 60 * NS_PER_US });
    expect(node.busyNs()).toBe(50 * NS_PER_US);
    kernel.run();
    expect(node.busyNs()).toBe(100 * NS_PER_US);
  });
});
