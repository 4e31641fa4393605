import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S } from '../../../sim/index.ts';
import { normalDecision, type Decision, type MarketView, type Policy } from '../../../policies/index.ts';
import { Router, type RouterConfig } from '../../../harness/router/router.ts';
import { TwapSchedule } from '../../../harness/router/schedule.ts';
import type { OrderEntryPort } from '../../../harness/router/ports.ts';
import { cleanSession } from '../../policies/observation-builder.ts';
import type { ExecutionReport } from '../../../venues/fix/codec/messages.ts';

type Sent = { kind: 'new' | 'cancel' | 'replace' | 'status'; clOrdId: string; qtyShares?: number; priceTicks?: number };

function fakeSession(sessionId: string, gatewayId: string, sent: Sent[]): OrderEntryPort {
  return {
    sessionId,
    gatewayId,
    canSend: () => true,
    view: () => cleanSession({ sessionId, gatewayId }),
    sendNewOrder: (o) => sent.push({ kind: 'new', clOrdId: o.clOrdId, qtyShares: o.qtyShares, priceTicks: o.priceTicks }),
    sendCancel: (r) => sent.push({ kind: 'cancel', clOrdId: r.clOrdId }),
    sendReplace: (r) => sent.push({ kind: 'replace', clOrdId: r.clOrdId, priceTicks: r.priceTicks }),
    sendStatusRequest: (r) => sent.push({ kind: 'status', clOrdId: r.clOrdId }),
  };
}

const market = (bestBidTicks = 999, bestAskTicks = 1_001): { view: () => MarketView } => ({
  view: () => ({ bestBidTicks, bestAskTicks, bestBidQtyShares: 100, bestAskQtyShares: 100, venueTimeNs: 0, ageNs: 0, recovering: false, gapCount: 0, tradedQtyShares: 0 }),
});

const config: RouterConfig = {
  parentId: 'P1',
  parent: { side: 'buy', qtyShares: 10_000, startNs: 0, horizonNs: 100 * NS_PER_S, mustComplete: false },
  tickSize: 0.01,
  decisionIntervalNs: NS_PER_S,
  minChildQtyShares: 1,
  repriceTicks: 2,
  statusRequestIntervalNs: NS_PER_S,
  cleanupSweepTicks: 5,
};

function scripted(decisions: (t: number) => Partial<Decision>): Policy {
  return { name: 'scripted', version: '0', decide: (o) => ({ ...normalDecision('TEST', 60), ...decisions(o.timeNs) }) };
}

function run(policy: Policy, untilNs: number, sessions = 1, cfg = config) {
  const kernel = new Kernel();
  const sent: Sent[] = [];
  const ports = Array.from({ length: sessions }, (_, i) => fakeSession(`S${i + 1}`, `gw${i + 1}`, sent));
  const router = new Router(kernel, cfg, policy, new TwapSchedule(cfg.parent.qtyShares, 0, cfg.parent.horizonNs), ports, market(), undefined, () => undefined);
  router.start();
  kernel.run({ until: untilNs });
  return { router, sent, kernel };
}

describe('Router', () => {
  it('keeps pace with a TWAP schedule, in children no larger than the policy allows', () => {
    const { sent, router } = run(scripted(() => ({})), 0);
    // At t=0 the target for the next decision is 1% of 10,000 = 100 shares, in children of at most 60.
    expect(sent.map((s) => s.qtyShares)).toEqual([60, 40]);
    expect(sent.every((s) => s.priceTicks === 999)).toBe(true);
    expect(router.childLog.map((c) => c.purpose)).toEqual(['normal', 'normal']);
  });

  it('sends nothing while the policy pauses, then catches up no faster than its cap', () => {
    const policy = scripted((t) => (t < 5 * NS_PER_S ? { pause: true } : { catchupCap: 2, childQtyMaxShares: 1_000 }));
    const { sent, router } = run(policy, 5 * NS_PER_S);
    // Behind by 600 shares at t=5 s (target 6% of 10,000), capped at 2 x the 100-share pace:
    // one pace's worth on schedule, the rest labelled catch-up.
    expect(sent.map((s) => s.qtyShares)).toEqual([100, 100]);
    expect(router.childLog.map((c) => c.purpose)).toEqual(['normal', 'catchup']);
  });

  it('serializes: no new child while one is live', () => {
    const { sent } = run(scripted(() => ({ serialize: true })), 3 * NS_PER_S);
    expect(sent.filter((s) => s.kind === 'new')).toHaveLength(1);
  });

  it('crosses at the far touch when the policy says cross', () => {
    const { sent } = run(scripted(() => ({ placement: 'cross' })), 0);
    expect(sent[0].priceTicks).toBe(1_001);
  });

  it('cancels working children on request and labels the replacement flow as re-entry', () => {
    const kernel = new Kernel();
    const sent: Sent[] = [];
    const policy = scripted((t) => (t === NS_PER_S ? { cancelResting: true } : {}));
    const router = new Router(kernel, config, policy, new TwapSchedule(10_000, 0, config.parent.horizonNs), [fakeSession('S1', 'gw1', sent)], market(), undefined, () => undefined);
    router.start();
    kernel.run({ until: 0 });
    const ack = (clOrdId: string): ExecutionReport => ({
      msgType: '8', avgPx: 0, clOrdId, cumQty: 0, execId: `A-${clOrdId}`, orderId: clOrdId, ordStatus: '0', side: '1', symbol: 'X', execType: '0', leavesQty: 60,
    });
    for (const s of [...sent]) router.book.onExecutionReport(ack(s.clOrdId), 'entry', 1);
    kernel.run({ until: NS_PER_S });
    expect(sent.filter((s) => s.kind === 'cancel')).toHaveLength(2);
    const canceled = (id: string): ExecutionReport => ({ ...ack(id), execId: `X-${id}`, ordStatus: '4', execType: '4', leavesQty: 0 });
    for (const id of ['P1-1', 'P1-2']) router.book.onExecutionReport(canceled(id), 'entry', NS_PER_S + 1);
    kernel.run({ until: 2 * NS_PER_S });
    expect(router.childLog.slice(2).map((c) => c.purpose)).toContain('reentry');
  });

  it('spreads children over gateways by the policy weights', () => {
    const policy = scripted(() => ({ gatewayWeights: { gw1: 3, gw2: 1 }, childQtyMaxShares: 10 }));
    const { router } = run(policy, 0, 2);
    const bySession = router.childLog.reduce<Record<string, number>>((m, c) => ({ ...m, [c.sessionId]: (m[c.sessionId] ?? 0) + 1 }), {});
    expect(bySession).toEqual({ S1: 8, S2: 2 });
  });
});
