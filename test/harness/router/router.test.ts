import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S } from '../../../sim/index.ts';
import type { MarketView, Policy } from '../../../policies/index.ts';
import { Router, type RouterConfig } from '../../../harness/router/router.ts';
import { TwapSchedule } from '../../../harness/router/schedule.ts';
import type { OrderEntryPort } from '../../../harness/router/ports.ts';
import { cleanSession } from '../../policies/observation-builder.ts';
import type { ExecutionReport } from '../../../venues/fix/codec/messages.ts';
import { scripted } from './scripted-policy.ts';

type Sent = { kind: 'new' | 'cancel' | 'replace' | 'status' | 'mass-cancel' | 'mass-status'; clOrdId: string; qtyShares?: number; priceTicks?: number };

/** A port that records what the router sends; `speaksMass` false stands for a FIX 4.2 session or an order server. */
function fakeSession(sessionId: string, gatewayId: string, sent: Sent[], speaksMass = true): OrderEntryPort {
  return {
    sessionId,
    gatewayId,
    canSend: () => true,
    view: () => cleanSession({ sessionId, gatewayId }),
    sendNewOrder: (o) => sent.push({ kind: 'new', clOrdId: o.clOrdId, qtyShares: o.qtyShares, priceTicks: o.priceTicks }),
    sendCancel: (r) => sent.push({ kind: 'cancel', clOrdId: r.clOrdId }),
    sendReplace: (r) => sent.push({ kind: 'replace', clOrdId: r.clOrdId, priceTicks: r.priceTicks }),
    sendStatusRequest: (r) => sent.push({ kind: 'status', clOrdId: r.clOrdId }),
    sendMassCancel: (r) => speaksMass && sent.push({ kind: 'mass-cancel', clOrdId: r.clOrdId }) > 0,
    sendMassStatus: (r) => speaksMass && sent.push({ kind: 'mass-status', clOrdId: r.massStatusReqId }) > 0,
  };
}

const market = (bestBidTicks = 999, bestAskTicks = 1_001): { view: () => MarketView } => ({
  view: () => ({ bestBidTicks, bestAskTicks, bestBidQtyShares: 100, bestAskQtyShares: 100, venueTimeNs: 0, ageNs: 0, lastChangeAgeNs: 0, recovering: false, gapCount: 0, tradedQtyShares: 0 }),
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
  // The mechanics below are pinned one interval at a time, at the touch; the ladder has its own tests.
  workingHorizonNs: 0,
  ladderLevels: 1,
};

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

  describe('working exposure', () => {
    const ladder: RouterConfig = { ...config, workingHorizonNs: 10 * NS_PER_S, ladderLevels: 3 };

    it('keeps the schedule up to the working horizon resting, not just the next interval', () => {
      // Pace 100 shares per 1 s interval; cap 4 x pace; children of 100.
      const policy = scripted(() => ({ catchupCap: 4, childQtyMaxShares: 100 }));
      const { sent } = run(policy, 3 * NS_PER_S, 1, ladder);
      // Nothing fills (the fake venue never answers): by 3 s the router has stocked target(3 + 1 + 10 s) = 1,400 shares.
      const working = sent.filter((s) => s.kind === 'new').reduce((total, s) => total + (s.qtyShares ?? 0), 0);
      expect(working).toBe(1_400);
      // Without the horizon it would stop at the next interval's target: 400 shares.
      const { sent: plain } = run(policy, 3 * NS_PER_S, 1, { ...ladder, workingHorizonNs: 0 });
      expect(plain.filter((s) => s.kind === 'new').reduce((total, s) => total + (s.qtyShares ?? 0), 0)).toBe(400);
    });

    it('labels stocking the horizon as normal flow, not catch-up', () => {
      const policy = scripted(() => ({ catchupCap: 4, childQtyMaxShares: 100 }));
      const { router } = run(policy, 3 * NS_PER_S, 1, ladder);
      expect(new Set(router.childLog.map((c) => c.purpose))).toEqual(new Set(['normal']));
    });

    it('spreads passive children over the touch and the ticks behind it, least stocked level first', () => {
      const policy = scripted(() => ({ catchupCap: 4, childQtyMaxShares: 100 }));
      const { sent } = run(policy, 0, 1, ladder);
      // Best bid 999: levels 999, 998, 997, then the touch again.
      expect(sent.map((s) => s.priceTicks)).toEqual([999, 998, 997, 999]);
    });

    it('reprices a ladder child only when it falls behind its own level', () => {
      const kernel = new Kernel();
      const sent: Sent[] = [];
      let bid = 999;
      const moving = { view: () => ({ ...market().view(), bestBidTicks: bid, bestAskTicks: bid + 2 }) };
      const policy = scripted(() => ({ catchupCap: 3, childQtyMaxShares: 100 }));
      const router = new Router(kernel, { ...ladder, workingHorizonNs: NS_PER_S }, policy, new TwapSchedule(10_000, 0, ladder.parent.horizonNs), [fakeSession('S1', 'gw1', sent)], moving, undefined, () => undefined);
      router.start();
      kernel.run({ until: 0 });
      const ack = (clOrdId: string): ExecutionReport => ({
        msgType: '8', avgPx: 0, clOrdId, cumQty: 0, execId: `A-${clOrdId}`, orderId: clOrdId, ordStatus: '0', side: '1', symbol: 'X', execType: '0', leavesQty: 100,
      });
      for (const s of [...sent]) router.book.onExecutionReport(ack(s.clOrdId), 'entry', 1);
      // Children at 999 (touch) and 998 (one behind). The bid rises by 2: each is now 2 behind its level.
      expect(sent.map((s) => s.priceTicks)).toEqual([999, 998]);
      bid = 1_001;
      kernel.run({ until: NS_PER_S });
      expect(sent.filter((s) => s.kind === 'replace').map((s) => s.priceTicks)).toEqual([1_001, 1_000]);
    });
  });
});
