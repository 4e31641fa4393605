import { describe, expect, it } from 'vitest';
import type { AppBody, ExecutionReport } from '../../../../venues/fix/codec/index.ts';
import { RouterSideLedger } from '../../../../venues/gateway/failover/router-side-ledger.ts';

const order = (clOrdId: string, qty = 100): AppBody => ({ msgType: 'D', clOrdId, side: '1', symbol: 'XYZ', orderQty: qty, ordType: '2', price: 100 });
const report = (fields: Partial<ExecutionReport>): ExecutionReport => ({
  msgType: '8',
  orderId: '7',
  execId: 'e',
  execType: '0',
  ordStatus: '0',
  side: '1',
  symbol: 'XYZ',
  cumQty: 0,
  leavesQty: 100,
  avgPx: 0,
  ...fields,
});

describe('router-side ledger', () => {
  it('takes CumQty as a maximum, so a replayed fill never counts twice', () => {
    const ledger = new RouterSideLedger();
    ledger.onSent(order('a'));
    ledger.onReport(report({ clOrdId: 'a', execType: 'F', ordStatus: '1', cumQty: 40, leavesQty: 60 }), false);
    ledger.onReport(report({ clOrdId: 'a', execType: 'F', ordStatus: '1', cumQty: 40, leavesQty: 60 }), false);
    ledger.onReport(report({ clOrdId: 'a', execType: '0', ordStatus: '0', cumQty: 0 }), false);
    expect(ledger.beliefs().get('a')).toEqual({ working: true, cumQtyShares: 40 });
  });

  it('follows a cancel chain to the root order', () => {
    const ledger = new RouterSideLedger();
    ledger.onSent(order('a'));
    ledger.onSent({ msgType: 'F', clOrdId: 'a-c', origClOrdId: 'a', side: '1', symbol: 'XYZ' });
    ledger.onReport(report({ clOrdId: 'a-c', origClOrdId: 'a', execType: '4', ordStatus: '4', leavesQty: 0 }), false);
    expect(ledger.order('a')?.status).toBe('done');
    expect(ledger.rootOf('a-c')).toBe('a');
  });

  it('after a failover only a fresh report resolves an uncertain order; "unknown order" means never received', () => {
    const ledger = new RouterSideLedger();
    ledger.onSent(order('a'));
    ledger.onSent(order('b'));
    ledger.onSent(order('done'));
    ledger.onReport(report({ clOrdId: 'done', execType: 'F', ordStatus: '2', cumQty: 100, leavesQty: 0 }), false);
    expect(ledger.markUncertain()).toBe(2);
    expect(ledger.onReport(report({ clOrdId: 'a', execType: '0' }), false)).toBe(false);
    expect(ledger.uncertainCount).toBe(2);
    expect(ledger.onReport(report({ clOrdId: 'a', execType: 'I', ordStatus: '0' }), true)).toBe(true);
    expect(ledger.onReport(report({ clOrdId: 'b', orderId: 'NONE', execType: 'I', ordStatus: '8', leavesQty: 0, text: 'unknown order' }), true)).toBe(true);
    expect(ledger.uncertainCount).toBe(0);
    expect(ledger.beliefs()).toEqual(
      new Map([
        ['a', { working: true, cumQtyShares: 0 }],
        ['b', { working: false, cumQtyShares: 0 }],
        ['done', { working: false, cumQtyShares: 100 }],
      ]),
    );
  });

  it('a node refusing a new order resolves it: it never left the gateway', () => {
    const ledger = new RouterSideLedger();
    ledger.onSent(order('a'));
    ledger.markUncertain();
    expect(ledger.onRefused(order('a'))).toBe(true);
    expect(ledger.beliefs().get('a')).toEqual({ working: false, cumQtyShares: 0 });
  });
});
