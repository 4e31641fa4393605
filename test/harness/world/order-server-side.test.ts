import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../../sim/index.ts';
import { runWorld, type WorldRun } from '../../../harness/episode/world.ts';
import { checkInvariants } from '../../../harness/episode/invariants.ts';
import { orderServerKpis } from '../../../harness/episode/gateway-kpis.ts';
import { parseScenario, type Scenario } from '../../../harness/scenario/index.ts';
import { resolveParams, type PolicyDefinition } from '../../../policies/index.ts';
import { naive } from '../../../policies/naive.ts';
import { failoverFsm } from '../../../policies/failover-fsm.ts';

// Small worlds: a 60 s parent through an order server whose log holds 500,000 earlier records
// (10 s of reading at 20 us each, after a 1 s base).
const BASE = `name: t
title: t
description: t
kind: synthetic
market: { flow: { model: cst, intensity: 5 } }
sessions: [{ id: s1, gateway: gw1 }]
gateways:
  nodes: [{ id: gw1 }]
  orderServer: { fronts: gw1, startupBase: 1s, startupPerRecord: 20us, earlierLogRecords: 500000, phoneDelay: { model: constant, value: 8s } }
parent: { side: buy, qtyShares: 3000, start: 5s, horizon: 60s }
`;

function scenario(faults: string): Scenario {
  const parsed = parseScenario(`${BASE}faults:\n${faults}`, 'inline.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
}

const crash = scenario('  - { kind: order-server-crash, at: 25s, restartAfter: 3s }\n');
const diskLoss = scenario('  - { kind: order-server-disk-loss, at: 25s, restartAfter: 20s }\n');
const run = (s: Scenario, mode: 'incident' | 'control' | 'oracle', definition: PolicyDefinition = naive, seed = 1): WorldRun =>
  runWorld(s, 'inline.yaml', definition, resolveParams(definition), seed, mode);
const persists = new Map([['s1', true]]);

describe('order server inside an episode (seed 004)', () => {
  const control = run(crash, 'control');
  const crashed = run(crash, 'incident');
  const lost = run(diskLoss, 'incident');

  it('carries every router child order through the server to the venue, with fills priced', () => {
    const side = control.orderEntry.orderServers[0];
    expect(control.orderEntry.fixPorts).toHaveLength(0);
    expect(control.router.childLog.length).toBeGreaterThan(0);
    for (const child of control.router.childLog) expect(side.port.children.childOf(child.clOrdId)).toBeDefined();
    expect(control.truth.filledShares).toBeGreaterThan(0);
    expect(control.router.book.filledQtyShares).toBe(control.truth.filledShares);
    const priced = control.router.book.fills.every((fill) => fill.priceTicks > 9_000 && fill.priceTicks < 11_000);
    expect(priced).toBe(true);
    expect(checkInvariants(control, persists).every((r) => r.ok)).toBe(true);
  });

  it('a crash takes the gateway away for the restart delay plus a startup that reads the whole log', () => {
    const outage = crashed.orderEntry.orderServers[0].outages[0];
    expect(outage.downAtNs).toBe(25 * NS_PER_S);
    expect(outage.restartAtNs).toBe(28 * NS_PER_S);
    expect(outage.recordsRead).toBeGreaterThanOrEqual(500_000);
    // startupBase + startupPerRecord x records read, as the scenario says.
    expect(outage.startupEndsAtNs).toBe(28 * NS_PER_S + 1 * NS_PER_S + 20_000 * (outage.recordsRead as number));
    expect(outage.bookAtNs).toBeGreaterThan(outage.startupEndsAtNs as number);
    // Nothing goes out while the server is down or starting.
    const sentDuring = crashed.router.childLog.filter((c) => c.sentAtNs > outage.downAtNs && c.sentAtNs < (outage.startupEndsAtNs as number));
    expect(sentDuring).toHaveLength(0);
    const kpis = orderServerKpis(crashed);
    expect(kpis.OS_OUTAGE_SEC).toBeCloseTo(((outage.bookAtNs as number) - outage.downAtNs) / NS_PER_S, 9);
    expect(kpis.OS_STARTUP_SEC).toBeGreaterThan(11);
    expect(orderServerKpis(control).OS_OUTAGE_SEC).toBeNull();
  });

  it('after a crash the order book brings the router back to the venue truth', () => {
    expect(crashed.router.book.filledQtyShares).toBe(crashed.truth.filledShares);
    expect(checkInvariants(crashed, persists).every((r) => r.ok)).toBe(true);
    const after = crashed.samples.filter((s) => s.atNs > (crashed.orderEntry.orderServers[0].outages[0].bookAtNs as number) + NS_PER_S);
    expect(after.every((s) => s.residualObsShares === s.residualTrueShares)).toBe(true);
  });

  it('a disk loss hides working orders until the phone call cancels them and books their fills', () => {
    const side = lost.orderEntry.orderServers[0];
    expect(side.outages[0].diskLost).toBe(true);
    // The replacement drive is empty: startup is the base only.
    expect(side.outages[0].recordsRead).toBe(0);
    expect(side.phone.calls).toHaveLength(1);
    expect(side.phone.calls[0].atNs).toBe(33 * NS_PER_S);
    expect(side.phone.calls[0].ordersReported).toBeGreaterThan(0);
    expect(side.orphans.records.length).toBeGreaterThan(0);
    expect(orderServerKpis(lost).ORPHANED_ORDERS).toBeGreaterThan(0);
    expect(lost.router.book.filledQtyShares).toBe(lost.truth.filledShares);
    expect(checkInvariants(lost, persists).every((r) => r.ok)).toBe(true);
  });

  it('the oracle sees venue truth through the server too, and the failover policy runs', () => {
    const oracle = run(diskLoss, 'oracle', failoverFsm);
    expect(oracle.router.book.filledQtyShares).toBe(oracle.truth.filledShares);
    expect(checkInvariants(oracle, persists).every((r) => r.ok)).toBe(true);
  });

  it('is deterministic: same seed, same trace hash; another seed, another', () => {
    expect(run(crash, 'incident').traceHash).toBe(crashed.traceHash);
    expect(run(crash, 'incident', naive, 2).traceHash).not.toBe(crashed.traceHash);
  });

  it('rejects order-server faults without an order server, and an order server on no session', () => {
    const noServer = parseScenario(
      `name: t\ntitle: t\ndescription: t\nkind: synthetic\nmarket: { flow: { model: cst } }\nsessions: [{ id: s1, gateway: gw1 }]\nparent: { side: buy, qtyShares: 100, horizon: 10s }\nfaults: [{ kind: order-server-crash, at: 1s }]\n`,
      'x.yaml',
    );
    expect(noServer.ok).toBe(false);
    if (!noServer.ok) expect(noServer.issues.map((i) => i.path)).toContain('faults[0].kind');
    const noSession = parseScenario(BASE.replace('fronts: gw1,', 'fronts: gw2,').replace('nodes: [{ id: gw1 }]', 'nodes: [{ id: gw1 }, { id: gw2 }]'), 'x.yaml');
    expect(noSession.ok).toBe(false);
  });
});
