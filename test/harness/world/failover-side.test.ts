import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../../sim/index.ts';
import { runWorld, type WorldRun } from '../../../harness/episode/world.ts';
import { checkInvariants } from '../../../harness/episode/invariants.ts';
import { failoverKpis } from '../../../harness/episode/gateway-kpis.ts';
import { playbookNamed, runbookTimeline } from '../../../harness/playbooks/index.ts';
import { loadScenarioFile, parseScenario, type Scenario } from '../../../harness/scenario/index.ts';
import { resolveParams, type PolicyDefinition } from '../../../policies/index.ts';
import { naive } from '../../../policies/naive.ts';
import { failoverFsm } from '../../../policies/failover-fsm.ts';

// Small worlds: a 60 s parent through a primary/backup pair; the venue session's HeartBtInt is 5 s,
// so after a silent host loss the venue holds the primary's connection for 2 x 5 x 1.2 = 12 s.
const base = (pair: string) => `name: t
title: t
description: t
kind: synthetic
market: { flow: { model: cst, intensity: 5 } }
sessions: [{ id: s1, gateway: gw1, heartbeat: 5s, reconnectInitial: 50ms, reconnectMax: 1s }]
gateways:
  nodes: [{ id: gw1 }]
  failover: { fronts: gw1, ${pair} }
parent: { side: buy, qtyShares: 3000, start: 5s, horizon: 60s, mustComplete: true }
`;

function scenario(pair: string, faults: string): Scenario {
  const parsed = parseScenario(`${base(pair)}faults:\n${faults}`, 'inline.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
}

const SHARED = 'design: shared-store, recovery: status-requests, controllerHeartbeat: 1s, missedHeartbeats: 3, promotion: { model: constant, value: 100ms }';
const hostLoss = scenario(SHARED, '  - { kind: gateway-failover, at: 30.5s, failure: host-loss }\n');
const crash = scenario(SHARED, '  - { kind: gateway-failover, at: 30.5s, failure: process-crash }\n');
const ownSession = scenario('design: own-session, recovery: await-evidence, recoveryDeadline: 5s', '  - { kind: gateway-failover, at: 30.5s, failure: host-loss }\n');
const run = (s: Scenario, mode: 'incident' | 'control' | 'oracle', definition: PolicyDefinition = naive, seed = 1): WorldRun =>
  runWorld(s, 'inline.yaml', definition, resolveParams(definition), seed, mode);
const persists = new Map([['s1', true]]);

describe('failover pair inside an episode (seed 000)', () => {
  const control = run(hostLoss, 'control');
  const lost = run(hostLoss, 'incident', failoverFsm);

  it('carries every router child order through the primary to the venue when nothing fails', () => {
    const side = control.orderEntry.failovers[0];
    expect(control.orderEntry.fixPorts).toHaveLength(0);
    expect(control.router.childLog.length).toBeGreaterThan(0);
    expect(side.gateway.ledger.sentOrderIds()).toEqual(control.router.childLog.map((child) => child.clOrdId));
    expect(control.truth.filledShares).toBeGreaterThan(0);
    expect(control.router.book.filledQtyShares).toBe(control.truth.filledShares);
    expect(side.gateway.timeline.failedAtNs).toBeUndefined();
    expect(Object.values(failoverKpis(control)).every((value) => value === null)).toBe(true);
    expect(checkInvariants(control, persists).every((r) => r.ok)).toBe(true);
  });

  it('a silent host loss is detected by missed controller heartbeats, and the venue refuses the backup until its own heartbeat timeout', () => {
    const t = lost.orderEntry.failovers[0].gateway.timeline;
    expect(t.failedAtNs).toBe(30.5 * NS_PER_S);
    // Last controller heartbeat at 30 s, three missed at 1 s intervals.
    expect(t.detectedAtNs).toBe(33 * NS_PER_S);
    expect(t.detectionSignal).toBe('heartbeat-timeout');
    expect(t.takeoverStartedAtNs).toBe(33.1 * NS_PER_S);
    // The venue drops the dead connection only after 2 x HeartBtInt x 1.2 of silence.
    expect(t.backupLoggedOnAtNs as number).toBeGreaterThan(30.5 * NS_PER_S + 12 * NS_PER_S);
    expect(t.liveSetReconciledAtNs as number).toBeGreaterThanOrEqual(t.backupLoggedOnAtNs as number);
  });

  it('the router sees nothing in the blind window, then the session down until the backup logs on', () => {
    const side = lost.orderEntry.failovers[0];
    const t = side.gateway.timeline;
    const types = side.port.events.map((e) => `${e.event.type}@${e.atNs}`);
    expect(types).toContain(`disconnected@${t.detectedAtNs}`);
    expect(types).toContain(`logged-on@${t.backupLoggedOnAtNs}`);
    const blind = side.port.events.filter((e) => e.atNs > (t.failedAtNs as number) && e.atNs < (t.detectedAtNs as number));
    expect(blind).toEqual([]);
    const down = lost.samples.filter((s) => s.atNs > (t.detectedAtNs as number) && s.atNs < (t.backupLoggedOnAtNs as number));
    expect(down.length).toBeGreaterThan(0);
    expect(down.every((s) => s.anySessionDown)).toBe(true);
    const blindSamples = lost.samples.filter((s) => s.atNs > (t.failedAtNs as number) && s.atNs < (t.detectedAtNs as number));
    expect(blindSamples.every((s) => !s.anySessionDown)).toBe(true);
  });

  it('failover-fsm leaves its healthy state on the detection and comes back once the live set is reconciled', () => {
    const t = lost.orderEntry.failovers[0].gateway.timeline;
    const regimes = lost.router.regimeTimeline;
    const left = regimes.find((r) => r.regime !== 'HEALTHY');
    expect(left?.atNs as number).toBeGreaterThanOrEqual(t.detectedAtNs as number);
    expect(regimes[regimes.length - 1].regime).toBe('HEALTHY');
    expect(runbookTimeline(lost, playbookNamed('000')).controlledReentryMs).not.toBeNull();
  });

  it('every order through the pair is accounted for and the position reconciles after a host loss', () => {
    const results = checkInvariants(lost, persists);
    expect(results.map((r) => r.name)).toContain('failover-accounting');
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(lost.router.book.filledQtyShares).toBe(lost.truth.filledShares);
  });

  it('the failover KPIs read the pair timeline and its loss records', () => {
    const side = lost.orderEntry.failovers[0];
    const t = side.gateway.timeline;
    const kpis = failoverKpis(lost);
    expect(kpis.FO_DETECTION_MS).toBe(((t.detectedAtNs as number) - (t.failedAtNs as number)) / NS_PER_MS);
    expect(kpis.FO_TRANSPORT_MS).toBe(((t.backupLoggedOnAtNs as number) - (t.detectedAtNs as number)) / NS_PER_MS);
    expect(kpis.FO_UNCERTAIN_ORDERS).toBe(t.uncertainAtDetection);
    expect(kpis.FO_LOST_REQUESTS).toBe(side.gateway.losses.filter((l) => l.reason === 'inside-primary' || l.reason === 'sent-to-dead-primary').length);
  });

  it('a process crash is detected by the connection reset within the reset notice, and the backup resumes at once', () => {
    const t = run(crash, 'incident').orderEntry.failovers[0].gateway.timeline;
    expect(t.detectionSignal).toBe('connection-reset');
    // resetNotice defaults to a constant 1 ms.
    expect(t.detectedAtNs).toBe(30.5 * NS_PER_S + 1 * NS_PER_MS);
    expect(t.backupLoggedOnAtNs as number).toBeLessThan(31 * NS_PER_S);
  });

  it('own-session takeover without status requests leaves quiet orders unresolved at the deadline, and still accounts for them', () => {
    const own = run(ownSession, 'incident', failoverFsm);
    const side = own.orderEntry.failovers[0];
    const t = side.gateway.timeline;
    expect(t.statusRequestsSent).toBe(0);
    // The backup's own identity: the venue takes it while the primary's connection is still open.
    expect(t.backupLoggedOnAtNs as number).toBeLessThan((t.detectedAtNs as number) + 1 * NS_PER_S);
    if (t.uncertainAtDetection > 0 && t.liveSetReconciledAtNs === undefined) expect(side.gateway.losses.some((l) => l.reason === 'unresolved')).toBe(true);
    expect(checkInvariants(own, persists).filter((r) => !r.ok)).toEqual([]);
  });

  it('same scenario, policy and seed give the same trace hash; the fault changes it', () => {
    expect(run(hostLoss, 'incident', failoverFsm).traceHash).toBe(lost.traceHash);
    expect(lost.traceHash).not.toBe(run(hostLoss, 'control', failoverFsm).traceHash);
  });
});

describe('bundled scenario 000-gateway-failover', () => {
  const file = 'scenarios/000-gateway-failover.yaml';
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  // The first seed that puts a child order into the blind window and fills a resting one while the backup
  // is kept out (the market decides which seeds do; the tests below need both to happen).
  const incidentOf = (seed: number) => runWorld(loaded.scenario, file, failoverFsm, resolveParams(failoverFsm), seed, 'incident');
  const both = (run: ReturnType<typeof incidentOf>) => {
    const side = run.orderEntry.failovers[0];
    const t = side.gateway.timeline;
    const blind = side.gateway.losses.some((l) => l.reason === 'sent-to-dead-primary' && l.msgType === 'D');
    const diverged = run.samples.some((s) => s.atNs > (t.detectedAtNs as number) && s.atNs < (t.backupLoggedOnAtNs as number) && s.liveSetSimilarity < 1);
    return blind && diverged;
  };
  let bundled: ReturnType<typeof incidentOf> | undefined;
  for (let seed = 1; seed <= 30 && bundled === undefined; seed++) {
    const run = incidentOf(seed);
    if (both(run)) bundled = run;
  }
  if (bundled === undefined) throw new Error('no seed in 1..30 puts an order into the blind window and diverges while the backup is kept out');
  const found = bundled;

  it('an order sent into the blind window never reaches the venue, and the status answer ends it in the router book', () => {
    const side = found.orderEntry.failovers[0];
    const blind = side.gateway.losses.filter((l) => l.reason === 'sent-to-dead-primary' && l.msgType === 'D');
    expect(blind.length).toBeGreaterThan(0);
    const truth = side.venueTruth();
    const live = new Set(found.router.book.liveChildren().map((child) => child.clOrdId));
    for (const loss of blind) {
      expect(truth.has(loss.clOrdId)).toBe(false);
      expect(live.has(loss.clOrdId)).toBe(false);
    }
  });

  it('belief and truth diverge while the backup is kept out, and every invariant holds at the end', () => {
    const t = found.orderEntry.failovers[0].gateway.timeline;
    const during = found.samples.filter((s) => s.atNs > (t.detectedAtNs as number) && s.atNs < (t.backupLoggedOnAtNs as number));
    expect(Math.min(...during.map((s) => s.liveSetSimilarity))).toBeLessThan(1);
    expect(checkInvariants(found, new Map([['s1', true]])).filter((r) => !r.ok)).toEqual([]);
  });
});

describe('failover scenario validation', () => {
  const issues = (text: string) => {
    const parsed = parseScenario(text, 'bad.yaml');
    return parsed.ok ? [] : parsed.issues.map((issue) => issue.path);
  };

  it('rejects a gateway-failover fault without a failover section', () => {
    const text = base('design: shared-store').replace(/ {2}failover: .*\n/, '') + 'faults:\n  - { kind: gateway-failover, at: 10s }\n';
    expect(issues(text)).toContain('faults[0].kind');
  });

  it('rejects a pair fronting a gateway that is not in gateways.nodes', () => {
    const text = base('design: shared-store').replace('fronts: gw1', 'fronts: gw9');
    expect(issues(text)).toContain('gateways.failover.fronts');
  });

  it('rejects an unknown design and an unknown failure kind', () => {
    expect(issues(base('design: hot-hot'))).toContain('gateways.failover.design');
    expect(issues(`${base('design: shared-store')}faults:\n  - { kind: gateway-failover, at: 10s, failure: meteor }\n`)).toContain('faults[0].failure');
  });
});
