import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_MS, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { runWorld } from '../../../harness/episode/world.ts';
import { gatewayKpis } from '../../../harness/episode/gateway-kpis.ts';
import { parseScenario, loadScenarioFile, type Scenario } from '../../../harness/scenario/index.ts';
import { GatewayPoolSide } from '../../../harness/world/gateway-pool-side.ts';
import { withPoolWeights } from '../../../harness/world/gateway-policy.ts';
import { resolveParams, type PolicyDefinition } from '../../../policies/index.ts';
import { naive } from '../../../policies/naive.ts';
import { warmupAware } from '../../../policies/warmup-aware.ts';

const FILE = 'scenarios/003-autoscaling-cold-start.yaml';
const loaded = loadScenarioFile(FILE);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const scenario003: Scenario = loaded.scenario;

function pool(text: string): Scenario {
  const base = `name: t\ntitle: t\ndescription: t\nkind: synthetic\nmarket: { flow: { model: cst } }\nsessions: [{ id: s1, gateway: gw1 }]\nparent: { side: buy, qtyShares: 1000, horizon: 10s }\n`;
  const parsed = parseScenario(base + text, 'inline.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
}

const run = (definition: PolicyDefinition, mode: 'incident' | 'control', seed = 1) => runWorld(scenario003, FILE, definition, resolveParams(definition), seed, mode);

describe('gateway pool inside an episode (seed 003)', () => {
  const naiveRun = run(naive, 'incident');
  const naiveControl = run(naive, 'control');
  const awareRun = run(warmupAware, 'incident');
  const awareControl = run(warmupAware, 'control');

  it('sends every router child order through a pool node before its FIX session', () => {
    const orders = naiveRun.orderEntry.gatewayPool?.routerOrders ?? [];
    expect(orders.map((o) => o.clOrdId)).toEqual(naiveRun.router.childLog.map((c) => c.clOrdId));
    expect(orders.every((o) => o.nodeId.startsWith('gw1-') && o.decisionToWireNs !== undefined && o.decisionToWireNs > 0)).toBe(true);
    expect(naiveRun.router.book.ackLatenciesNs.length).toBeGreaterThan(0);
  });

  it('scales out under the load spike and not without it', () => {
    const scaleUps = (r: typeof naiveRun) => (r.orderEntry.gatewayPool?.autoscaler?.decisions ?? []).filter((d) => d.scaledTo > d.currentReplicas);
    const spike = naiveRun.faults[0];
    expect(spike.kind).toBe('load-spike');
    expect(scaleUps(naiveRun).length).toBeGreaterThan(0);
    expect(scaleUps(naiveRun)[0].atNs).toBeGreaterThan(spike.atNs);
    expect(scaleUps(naiveControl)).toEqual([]);
    expect(naiveRun.orderEntry.gatewayPool?.joins.every((j) => j.tradingReadyAtNs === undefined || j.tradingReadyAtNs - j.bootAtNs === 15 * NS_PER_S)).toBe(true);
  });

  it('gives non-null autoscaling KPIs, with the warm-up-aware policy sending less flow to cold nodes and breaching less', () => {
    const n = gatewayKpis(naiveRun, naiveControl);
    const a = gatewayKpis(awareRun, awareControl);
    for (const k of [n, a]) {
      expect(k.WARMUP_T95_SEC).toBeGreaterThan(15);
      expect(k.SCALE_EVENTS).toBeGreaterThan(0);
      expect(k.POST_SCALE_IS_BPS_DELTA).not.toBeNull();
    }
    expect(n.COLD_FLOW_SHARE).toBeGreaterThan(0);
    expect(a.COLD_FLOW_SHARE as number).toBeLessThan(n.COLD_FLOW_SHARE as number);
    expect(a.TAIL_BREACH_AFTER_SCALE as number).toBeLessThan(n.TAIL_BREACH_AFTER_SCALE as number);
    expect(awareRun.router.regimeTimeline.map((r) => r.regime)).toContain('SCALE_OUT_BOOT');
  });

  it('gives the same trace hash for the same seed', () => {
    expect(run(naive, 'incident').traceHash).toBe(naiveRun.traceHash);
  });

  it('leaves a scenario without a pool on the direct path, with null autoscaling KPIs', () => {
    const direct = pool('');
    const r = runWorld(direct, 'inline.yaml', naive, resolveParams(naive), 1, 'incident');
    expect(r.orderEntry.gatewayPool).toBeUndefined();
    expect(r.orderEntry.routerPorts).toEqual(r.orderEntry.ports);
    expect(gatewayKpis(r, r).COLD_FLOW_SHARE).toBeNull();
  });
});

describe('a cold node in the pool', () => {
  it('adds the latency its warm-up curve says: service x (1 + (m0 - 1) e^(-t/tau))', () => {
    const spec = pool(`gateways:
  nodes: [{ id: gw1 }]
  pool:
    fronts: gw1
    initialReplicas: 1
    serviceTime: { model: constant, value: 1ms }
    inboundLatency: { model: constant, value: 10us }
    wireLatency: { model: constant, value: 10us }
    warmup: { model: exponential-ramp, coldMultiplier: 5, timeConstant: 10s }
    bootTime: 1s
    platformToTradingReady: 1s
`).gateways.pool;
    if (spec === undefined) throw new Error('no pool');
    const kernel = new Kernel();
    const side = new GatewayPoolSide(kernel, new RandomStreams(1), spec, 60 * NS_PER_S);
    side.start();
    const cold = side.pool.bootNode();
    const sent: number[] = [];
    // Platform-ready at 1 s; trading-ready at 2 s; orders at 2 s and 12 s, one per node each.
    for (const atS of [2, 12]) {
      kernel.schedule(atS * NS_PER_S + 1, () => {
        side.setPolicyShares({ [cold.id]: 1 });
        side.sendNew(`cold-${atS}`, () => sent.push(kernel.now));
        side.setPolicyShares({ 'gw1-1': 1 });
        side.sendNew(`warm-${atS}`, () => sent.push(kernel.now));
      });
    }
    kernel.run({ until: 20 * NS_PER_S });
    const latency = (id: string) => side.routerOrders.find((o) => o.clOrdId === id)?.decisionToWireNs as number;
    const hops = 0.02 * NS_PER_MS;
    const expected = (ageS: number) => hops + Math.round(NS_PER_MS * (1 + 4 * Math.exp(-ageS / 10)));
    expect(latency('cold-2')).toBeCloseTo(expected(1 + 10e-6 + 1e-9), -3);
    expect(latency('cold-12')).toBeCloseTo(expected(11 + 10e-6 + 1e-9), -3);
    expect(latency('warm-2')).toBeCloseTo(hops + NS_PER_MS, -3);
    expect(side.routerOrders.find((o) => o.clOrdId === 'cold-2')?.cold).toBe(true);
    expect(sent).toHaveLength(4);
  });
});

describe('withPoolWeights', () => {
  it('hands node shares to the pool and keeps session weights for the router', () => {
    const shares: Record<string, number>[] = [];
    const fakePool = { ownsNode: (id: string) => id.startsWith('gw1-'), setPolicyShares: (s: Record<string, number>) => shares.push(s) };
    const policy = withPoolWeights(
      { name: 'p', version: '1', decide: () => ({ gatewayWeights: { 'gw1-1': 0.97, 'gw1-2': 0.03, gw2: 1 } }) as never },
      fakePool as unknown as GatewayPoolSide,
    );
    const decision = policy.decide({} as never);
    expect(shares).toEqual([{ 'gw1-1': 0.97, 'gw1-2': 0.03 }]);
    expect(decision.gatewayWeights).toEqual({ gw2: 1 });
  });
});

describe('gateway faults in a scenario', () => {
  it('need a gateways.pool section, and a crash names a pool node', () => {
    const base = `name: t\ntitle: t\ndescription: t\nkind: synthetic\nmarket: { flow: { model: cst } }\nsessions: [{ id: s1, gateway: gw1 }]\nparent: { side: buy, qtyShares: 1000, horizon: 10s }\n`;
    const noPool = parseScenario(`${base}faults:\n  - { kind: load-spike, at: 1s, duration: 1s, ratePerSec: 10 }\n`, 'x.yaml');
    expect(noPool.ok ? [] : noPool.issues.map((i) => i.path)).toEqual(['faults[0].kind']);
    const badNode = parseScenario(`${base}gateways: { nodes: [{ id: gw1 }], pool: { fronts: gw1 } }\nfaults:\n  - { kind: gateway-crash, at: 1s, node: gw9-1 }\n`, 'x.yaml');
    expect(badNode.ok ? [] : badNode.issues.map((i) => i.path)).toEqual(['faults[0].node']);
  });
});
