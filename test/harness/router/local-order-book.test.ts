import { describe, expect, it } from 'vitest';
import { LocalOrderBook } from '../../../harness/router/local-order-book.ts';
import type { ExecutionReport } from '../../../venues/fix/codec/messages.ts';

const report = (patch: Partial<ExecutionReport>): ExecutionReport => ({
  msgType: '8',
  avgPx: 0,
  clOrdId: 'C1',
  cumQty: 0,
  execId: 'E0',
  orderId: 'V1',
  ordStatus: '0',
  side: '1',
  symbol: 'XYZ',
  execType: '0',
  leavesQty: 100,
  ...patch,
});
const ack = report({ execId: 'E1' });
const partial = report({ execId: 'E2', execType: 'F', ordStatus: '1', lastQty: 40, lastPx: 10.01, cumQty: 40, leavesQty: 60, avgPx: 10.01 });

function bookWithChild(): LocalOrderBook {
  const book = new LocalOrderBook(0.01);
  book.recordNewOrder({ clOrdId: 'C1', sessionId: 'S1', side: 'buy', priceTicks: 1_001, qtyShares: 100, sentAtNs: 0 });
  return book;
}

describe('LocalOrderBook', () => {
  it('moves a child from pending-new to working on its ack and applies a partial fill', () => {
    const book = bookWithChild();
    expect(book.liveChildren()[0].state).toBe('pending-new');
    book.onExecutionReport(ack, 'entry', 10);
    book.onExecutionReport(partial, 'entry', 20);
    expect(book.liveChildren()[0]).toMatchObject({ state: 'working', leavesQtyShares: 60 });
    expect(book.filledQtyShares).toBe(40);
    expect(book.fills[0]).toMatchObject({ qtyShares: 40, priceTicks: 1_001, inferred: false });
  });

  it('returns a repriced child to working when its Replaced report arrives (the report keeps OrdStatus New)', () => {
    const book = bookWithChild();
    book.onExecutionReport(ack, 'entry', 10);
    book.recordReplaceSent('C1', 'C1-r1');
    expect(book.liveChildren()[0].state).toBe('pending-replace');
    book.onExecutionReport(report({ execId: 'R1', execType: '5', ordStatus: '0', clOrdId: 'C1-r1', origClOrdId: 'C1', price: 10.03 }), 'entry', 20);
    expect(book.liveChildren()[0]).toMatchObject({ state: 'working', priceTicks: 1_003 });
    expect(book.currentClOrdId('C1')).toBe('C1-r1');
  });

  it('never applies a PossDup replay of a fill a second time, and counts it as a duplicate candidate', () => {
    const book = bookWithChild();
    book.onExecutionReport(ack, 'entry', 10);
    book.onExecutionReport(partial, 'entry', 20);
    expect(book.onExecutionReport(partial, 'entry', 30)).toBe('duplicate');
    expect(book.filledQtyShares).toBe(40);
    expect(book.duplicateCandidateCount).toBe(1);
  });

  it('treats the drop copy of a fill as a confirmation, not a second fill', () => {
    const book = bookWithChild();
    book.onExecutionReport(ack, 'entry', 10);
    expect(book.onExecutionReport(partial, 'drop-copy', 15)).toBe('applied');
    expect(book.onExecutionReport(partial, 'entry', 20)).toBe('confirmed');
    expect(book.filledQtyShares).toBe(40);
    expect(book.duplicateCandidateCount).toBe(0);
    expect(book.dropCopyView().fillDisagreementQtyShares).toBe(0);
  });

  it('infers missed fills from a CumQty jump at the price AvgPx implies', () => {
    const book = bookWithChild();
    book.onExecutionReport(ack, 'entry', 10);
    book.onExecutionReport(partial, 'entry', 20);
    // A status answer says 100 filled at an average of 10.02: 60 more at 10.0267 were never reported.
    book.onExecutionReport(report({ execId: 'S1', execType: 'I', ordStatus: '2', cumQty: 100, leavesQty: 0, avgPx: 10.02 }), 'entry', 30);
    expect(book.filledQtyShares).toBe(100);
    expect(book.fills[1]).toMatchObject({ qtyShares: 60, inferred: true, priceTicks: Math.round((1_002 * 100 - 1_001 * 40) / 60) });
    expect(book.liveChildren()).toEqual([]);
  });

  it('marks children with a request in flight on a dropped session as unknown, and counts a fill before its ack as a causality inversion', () => {
    const book = bookWithChild();
    book.onSessionDown('S1');
    expect(book.liveChildren()[0].state).toBe('unknown');
    book.onExecutionReport(partial, 'entry', 50);
    expect(book.causalityInversions).toBe(1);
    expect(book.liveChildren()[0].state).toBe('working');
  });

  it('ignores a stale report whose CumQty is below what was applied, counting the inversion', () => {
    const book = bookWithChild();
    book.onExecutionReport(ack, 'entry', 10);
    book.onExecutionReport(partial, 'entry', 20);
    book.onExecutionReport(report({ execId: 'E9', cumQty: 0, ordStatus: '0' }), 'entry', 30);
    expect(book.causalityInversions).toBe(1);
    expect(book.filledQtyShares).toBe(40);
  });

  it('follows a cancel to its end and a cancel reject that says the order already filled', () => {
    const book = bookWithChild();
    book.onExecutionReport(ack, 'entry', 10);
    book.recordCancelSent('C1', 'C1-x');
    expect(book.liveChildren()[0].state).toBe('pending-cancel');
    book.onExecutionReport(report({ execId: 'E5', execType: 'F', ordStatus: '2', lastQty: 100, lastPx: 10.01, cumQty: 100, leavesQty: 0, avgPx: 10.01 }), 'entry', 15);
    book.onCancelReject({ msgType: '9', clOrdId: 'C1-x', origClOrdId: 'C1', orderId: 'V1', ordStatus: '2', cxlRejResponseTo: '1' }, 20);
    expect(book.liveChildren()).toEqual([]);
  });

  it('keeps a child unknown when a cancel reject says Filled but the fills never arrived, so reconciliation asks', () => {
    const book = bookWithChild();
    book.onExecutionReport(ack, 'entry', 10);
    book.recordCancelSent('C1', 'C1-x');
    book.onCancelReject({ msgType: '9', clOrdId: 'C1-x', origClOrdId: 'C1', orderId: 'V1', ordStatus: '2', cxlRejResponseTo: '1' }, 20);
    expect(book.liveChildren()[0].state).toBe('unknown');
    expect(book.filledQtyShares).toBe(0);
  });
});
