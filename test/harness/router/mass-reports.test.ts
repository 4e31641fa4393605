// The router's book and the mass requests: reports answering an OrderMassStatusRequest resolve the
// children they name as status answers do; OrderMassCancelReports and BusinessMessageRejects are kept;
// and the router turns a policy's massCancel into one OrderMassCancelRequest per session that speaks it.
import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S } from '../../../sim/index.ts';
import type { Policy } from '../../../policies/index.ts';
import { scripted } from './scripted-policy.ts';
import { LocalOrderBook } from '../../../harness/router/local-order-book.ts';
import { Router, type RouterConfig } from '../../../harness/router/router.ts';
import { TwapSchedule } from '../../../harness/router/schedule.ts';
import type { OrderEntryPort } from '../../../harness/router/ports.ts';
import type { ExecutionReport } from '../../../venues/fix/codec/messages.ts';
import { cleanSession } from '../../policies/observation-builder.ts';

const report = (patch: Partial<ExecutionReport>): ExecutionReport => ({
  msgType: '8', avgPx: 0, clOrdId: 'C1', cumQty: 0, execId: 'E0', orderId: 'V1', ordStatus: '0', side: '1', symbol: 'XYZ', execType: '0', leavesQty: 100, ...patch,
});

/** Two children on S1 whose session dropped with their NewOrderSingles in flight: both `unknown`. */
function unknownChildren(): LocalOrderBook {
  const book = new LocalOrderBook(0.01);
  book.recordNewOrder({ clOrdId: 'C1', sessionId: 'S1', side: 'buy', priceTicks: 1_000, qtyShares: 100, sentAtNs: 0 });
  book.recordNewOrder({ clOrdId: 'C2', sessionId: 'S1', side: 'buy', priceTicks: 999, qtyShares: 50, sentAtNs: 0 });
  book.onSessionDown('S1');
  return book;
}

describe('LocalOrderBook and mass status', () => {
  it('resolves unknown children from the mass status answers that name them, fills they imply included', () => {
    const book = unknownChildren();
    expect(book.liveChildren().map((c) => c.state)).toEqual(['unknown', 'unknown']);
    const massStatus = { massStatusReqId: 'MS1', totNumReports: 2, execType: 'I' as const, execId: 'L1' };
    book.onExecutionReport(report({ ...massStatus, clOrdId: 'C1', ordStatus: '1', cumQty: 30, leavesQty: 70, avgPx: 10, lastRptRequested: false }), 'entry', 10);
    book.onExecutionReport(report({ ...massStatus, execId: 'L2', clOrdId: 'C2', orderId: 'V2', ordStatus: '0', leavesQty: 50, lastRptRequested: true }), 'entry', 11);
    expect(book.liveChildren().map((c) => [c.clOrdId, c.state, c.leavesQtyShares])).toEqual([
      ['C1', 'working', 70],
      ['C2', 'working', 50],
    ]);
    expect(book.fills).toEqual([expect.objectContaining({ rootClOrdId: 'C1', qtyShares: 30, priceTicks: 1_000, inferred: true })]);
    expect(book.massStatusReports).toBe(2);
  });

  it('counts the "no working orders" answer and leaves unknown children unknown', () => {
    const book = unknownChildren();
    const none = report({ clOrdId: undefined, orderId: 'NONE', execType: 'I', ordStatus: '8', leavesQty: 0, execId: 'L3', massStatusReqId: 'MS2', totNumReports: 0, lastRptRequested: true });
    expect(book.onExecutionReport(none, 'entry', 10)).toBe('unknown-order');
    expect(book.massStatusReports).toBe(1);
    expect(book.liveChildren().map((c) => c.state)).toEqual(['unknown', 'unknown']);
  });
});

describe('LocalOrderBook and mass cancel', () => {
  it('cancels the unknown children from their Canceled reports and records the mass cancel report after them', () => {
    const book = unknownChildren();
    book.onExecutionReport(report({ execId: 'X1', execType: '4', ordStatus: '4', leavesQty: 0 }), 'entry', 10);
    book.onExecutionReport(report({ execId: 'X2', clOrdId: 'C2', orderId: 'V2', execType: '4', ordStatus: '4', leavesQty: 0 }), 'entry', 10);
    book.onMassCancelReport({ msgType: 'r', clOrdId: 'P1-m1', orderId: '100.M1', massCancelRequestType: '1', massCancelResponse: '1', totalAffectedOrders: 2 }, 'S1', 11);
    book.onMassCancelReport({ msgType: 'r', clOrdId: 'P1-m2', orderId: '100.M2', massCancelRequestType: '7', massCancelResponse: '0', massCancelRejectReason: 99, text: 'venue unavailable' }, 'S1', 12);
    expect(book.liveChildren()).toEqual([]);
    expect(book.massCancelReports).toEqual([
      { sessionId: 'S1', clOrdId: 'P1-m1', accepted: true, totalAffectedOrders: 2, rejectReason: undefined, text: undefined, receivedAtNs: 11 },
      { sessionId: 'S1', clOrdId: 'P1-m2', accepted: false, totalAffectedOrders: undefined, rejectReason: 99, text: 'venue unavailable', receivedAtNs: 12 },
    ]);
  });

  it('keeps the BusinessMessageRejects it receives', () => {
    const book = new LocalOrderBook(0.01);
    book.onBusinessReject({ msgType: 'j', refSeqNum: 5, refMsgType: 'AF', businessRejectRefId: 'MS1', businessRejectReason: 3, text: 'not supported' }, 'S1', 7);
    expect(book.businessRejects).toEqual([{ sessionId: 'S1', refMsgType: 'AF', refId: 'MS1', reason: 3, text: 'not supported', receivedAtNs: 7 }]);
  });
});

describe('Router and the mass requests', () => {
  const config: RouterConfig = {
    parentId: 'P1',
    parent: { side: 'buy', qtyShares: 10_000, startNs: 0, horizonNs: 100 * NS_PER_S, mustComplete: false },
    tickSize: 0.01,
    decisionIntervalNs: NS_PER_S,
    minChildQtyShares: 1,
    repriceTicks: 2,
    statusRequestIntervalNs: NS_PER_S,
    cleanupSweepTicks: 5,
    workingHorizonNs: 0,
    ladderLevels: 1,
  };
  type Sent = { sessionId: string; kind: string; clOrdId: string };

  function port(sessionId: string, sent: Sent[], speaksMass: boolean): OrderEntryPort {
    const push = (kind: string, clOrdId: string) => sent.push({ sessionId, kind, clOrdId });
    return {
      sessionId,
      gatewayId: `gw-${sessionId}`,
      canSend: () => true,
      view: () => cleanSession({ sessionId, gatewayId: `gw-${sessionId}` }),
      sendNewOrder: (o) => push('new', o.clOrdId),
      sendCancel: (r) => push('cancel', r.origClOrdId),
      sendReplace: (r) => push('replace', r.clOrdId),
      sendStatusRequest: (r) => push('status', r.clOrdId),
      sendMassCancel: (r) => speaksMass && push('mass-cancel', r.clOrdId) > 0,
      sendMassStatus: (r) => speaksMass && push('mass-status', r.massStatusReqId) > 0,
    };
  }

  /** A router on `ports` over a market standing still at 999 / 1001. */
  function routerOn(kernel: Kernel, policy: Policy, ports: OrderEntryPort[]): Router {
    const market = { view: () => ({ bestBidTicks: 999, bestAskTicks: 1_001, bestBidQtyShares: 100, bestAskQtyShares: 100, venueTimeNs: 0, ageNs: 0, lastChangeAgeNs: 0, recovering: false, gapCount: 0, tradedQtyShares: 0 }) };
    return new Router(kernel, config, policy, new TwapSchedule(10_000, 0, config.parent.horizonNs), ports, market, undefined, () => undefined);
  }

  it('sends one mass cancel per session that speaks it, order-by-order cancels elsewhere, and owes the believed leaves of both', () => {
    const kernel = new Kernel();
    const sent: Sent[] = [];
    const policy = scripted((t) => (t === NS_PER_S ? { cancelResting: true, massCancel: true, pause: true } : { pause: t > NS_PER_S }), 50);
    const router = routerOn(kernel, policy, [port('S1', sent, true), port('S2', sent, false)]);
    router.start();
    kernel.run({ until: 0 });
    // Two children of 50 at t=0, one per session: S1's session drops before its ack (the child is
    // `unknown`, invisible to order-by-order cancels); S2's is acknowledged and working.
    const children = sent.filter((s) => s.kind === 'new');
    expect(children.map((c) => c.sessionId)).toEqual(['S1', 'S2']);
    router.book.onSessionDown('S1');
    router.book.onExecutionReport(report({ clOrdId: children[1].clOrdId, execId: 'A-2', leavesQty: 50 }), 'entry', 1);
    expect(router.book.liveChildren().map((c) => c.state)).toEqual(['unknown', 'working']);
    kernel.run({ until: NS_PER_S });
    expect(sent.filter((s) => s.kind === 'mass-cancel').map((s) => [s.sessionId, s.clOrdId])).toEqual([['S1', 'P1-m1']]);
    expect(sent.filter((s) => s.kind === 'cancel').map((s) => [s.sessionId, s.clOrdId])).toEqual([['S2', children[1].clOrdId]]);
    expect(router.cancelsSent.map((c) => [c.clOrdId, c.qtyShares])).toEqual([
      [children[0].clOrdId, 50],
      [children[1].clOrdId, 50],
    ]);
  });

  it('asks about unknown children with one mass status per session that speaks it, then order by order', () => {
    const kernel = new Kernel();
    const sent: Sent[] = [];
    const policy = scripted((t) => (t >= 2 * NS_PER_S ? { pause: true, reconcileUnknown: true } : {}), 50);
    const router = routerOn(kernel, policy, [port('S1', sent, true), port('S2', sent, false)]);
    router.start();
    kernel.run({ until: NS_PER_S });
    // Both sessions drop with every child unacknowledged: each holds children of unknown fate.
    router.book.onSessionDown('S1');
    router.book.onSessionDown('S2');
    const unknownOn = (sessionId: string) => router.book.liveChildren().filter((c) => c.sessionId === sessionId && c.state === 'unknown').map((c) => c.clOrdId);
    expect(unknownOn('S1').length).toBeGreaterThanOrEqual(2);
    expect(unknownOn('S2').length).toBeGreaterThanOrEqual(2);
    const asked = (from: number) => sent.slice(from).filter((s) => s.kind === 'status' || s.kind === 'mass-status').map((s) => [s.sessionId, s.kind, s.clOrdId]);
    const before = sent.length;
    kernel.run({ until: 2 * NS_PER_S });
    expect(asked(before)).toEqual([['S1', 'mass-status', 'P1-s1'], ...unknownOn('S2').map((id) => ['S2', 'status', id])]);
    // Still unknown a status interval later (the venue did not name them): each is asked about on its own.
    const later = sent.length;
    kernel.run({ until: 3 * NS_PER_S });
    expect(asked(later)).toEqual([...unknownOn('S1').map((id) => ['S1', 'status', id]), ...unknownOn('S2').map((id) => ['S2', 'status', id])]);
  });
});
