import { describe, expect, it } from 'vitest';
import { CollectingSink, OrderBook, type BookEvent } from '../../../venues/book/index.ts';

const FLOW = 0;
const ROUTER = 7;

function newBook(): { book: OrderBook; sink: CollectingSink } {
  const sink = new CollectingSink();
  return { book: new OrderBook(sink), sink };
}

const ofType = <T extends BookEvent['type']>(events: BookEvent[], type: T) => events.filter((e): e is Extract<BookEvent, { type: T }> => e.type === type);

describe('OrderBook matching', () => {
  it('fills an incoming order at the resting price, oldest order first within a level', () => {
    const { book, sink } = newBook();
    book.submitLimit(1, FLOW, 'sell', 101, 5);
    book.submitLimit(2, FLOW, 'sell', 101, 5);
    sink.take();
    book.submitLimit(3, ROUTER, 'buy', 103, 7);
    const fills = ofType(sink.take(), 'fill');
    expect(fills.map((f) => [f.makerOrderId, f.priceTicks, f.qtyShares, f.makerLeavesQtyShares, f.takerLeavesQtyShares])).toEqual([
      [1, 101, 5, 0, 2],
      [2, 101, 2, 3, 0],
    ]);
    expect(fills[0]).toMatchObject({ takerOrderId: 3, takerOwnerId: ROUTER, makerOwnerId: FLOW, aggressorSide: 'buy' });
    expect(book.order(2)?.leavesQtyShares).toBe(3);
    expect(book.order(3)).toBeUndefined();
  });

  it('sweeps levels best price first and rests the remainder of a limit order at its price', () => {
    const { book, sink } = newBook();
    book.submitLimit(1, FLOW, 'buy', 99, 2);
    book.submitLimit(2, FLOW, 'buy', 100, 2);
    book.submitLimit(3, FLOW, 'buy', 98, 2);
    sink.take();
    book.submitLimit(4, ROUTER, 'sell', 99, 6);
    expect(ofType(sink.take(), 'fill').map((f) => f.makerOrderId)).toEqual([2, 1]);
    expect(book.bestAskTicks()).toBe(99);
    expect(book.bestBidTicks()).toBe(98);
    expect(book.order(4)).toMatchObject({ leavesQtyShares: 2, orderQtyShares: 6 });
  });

  it('emits outputs in the documented order: accepted, fills, level updates, then where the order rests', () => {
    const { book, sink } = newBook();
    book.submitLimit(1, FLOW, 'sell', 101, 1);
    sink.take();
    book.submitLimit(2, ROUTER, 'buy', 101, 3);
    expect(sink.take().map((e) => e.type)).toEqual(['accepted', 'fill', 'level', 'level']);
  });

  it('cancels the unfilled remainder of an IOC and rejects an IOC that cannot fill at all', () => {
    const { book, sink } = newBook();
    book.submitLimit(1, FLOW, 'sell', 101, 2);
    book.submitIoc(2, ROUTER, 'buy', 100, 5);
    expect(ofType(sink.take(), 'rejected')).toEqual([{ type: 'rejected', request: 'new', orderId: 2, ownerId: ROUTER, reason: 'would-not-fill' }]);
    book.submitIoc(3, ROUTER, 'buy', 101, 5);
    const events = sink.take();
    expect(ofType(events, 'fill')[0].qtyShares).toBe(2);
    expect(ofType(events, 'cancelled')).toEqual([
      { type: 'cancelled', orderId: 3, ownerId: ROUTER, side: 'buy', priceTicks: 101, cancelledQtyShares: 3, reason: 'unfilled-remainder' },
    ]);
    expect(book.restingOrderCount).toBe(0);
  });

  it('sweeps a market order through every level and rejects one facing an empty side', () => {
    const { book, sink } = newBook();
    book.submitMarket(1, ROUTER, 'sell', 3);
    expect(ofType(sink.take(), 'rejected')[0].reason).toBe('would-not-fill');
    book.submitLimit(2, FLOW, 'buy', 90, 1);
    book.submitLimit(3, FLOW, 'buy', 50, 1);
    book.submitMarket(4, ROUTER, 'sell', 3);
    const events = sink.take();
    expect(ofType(events, 'fill').map((f) => f.priceTicks)).toEqual([90, 50]);
    expect(ofType(events, 'cancelled')[0]).toMatchObject({ orderId: 4, cancelledQtyShares: 1, priceTicks: 0 });
  });
});

describe('OrderBook cancel and replace', () => {
  it('keeps queue priority on a size decrease and loses it on a size increase or a price change', () => {
    const { book } = newBook();
    for (const id of [1, 2, 3]) book.submitLimit(id, FLOW, 'buy', 100, 10);
    book.replace(2, FLOW, 100, 4);
    expect(book.orders('buy').map((o) => o.orderId)).toEqual([1, 2, 3]);
    book.replace(1, FLOW, 100, 11);
    expect(book.orders('buy').map((o) => o.orderId)).toEqual([2, 3, 1]);
    book.replace(2, FLOW, 99, 4);
    book.replace(2, FLOW, 100, 4);
    expect(book.orders('buy').map((o) => o.orderId)).toEqual([3, 1, 2]);
  });

  it('treats the replace quantity as the total order quantity, filled part included', () => {
    const { book, sink } = newBook();
    book.submitLimit(1, FLOW, 'sell', 101, 10);
    book.submitMarket(2, ROUTER, 'buy', 6);
    book.replace(1, FLOW, 101, 8);
    expect(book.order(1)).toMatchObject({ orderQtyShares: 8, leavesQtyShares: 2 });
    sink.take();
    book.replace(1, FLOW, 101, 6);
    expect(ofType(sink.take(), 'rejected')[0]).toMatchObject({ request: 'replace', reason: 'bad-quantity' });
  });

  it('matches a replace whose new price crosses the book, then rests what is left at its new price', () => {
    const { book, sink } = newBook();
    book.submitLimit(1, FLOW, 'sell', 102, 3);
    book.submitLimit(2, ROUTER, 'buy', 100, 5);
    book.submitLimit(3, FLOW, 'buy', 101, 1);
    sink.take();
    book.replace(2, ROUTER, 102, 5);
    const events = sink.take();
    expect(events.map((e) => e.type)).toEqual(['replaced', 'level', 'fill', 'level', 'level']);
    expect(ofType(events, 'fill')[0]).toMatchObject({ makerOrderId: 1, takerOrderId: 2, qtyShares: 3, takerLeavesQtyShares: 2 });
    expect(book.orders('buy').map((o) => [o.orderId, o.priceTicks, o.leavesQtyShares])).toEqual([
      [2, 102, 2],
      [3, 101, 1],
    ]);
  });

  it('rejects requests naming unknown orders, other owners, bad prices, bad quantities and live ids', () => {
    const { book, sink } = newBook();
    book.submitLimit(1, FLOW, 'buy', 100, 1);
    sink.take();
    book.cancel(42, FLOW);
    book.cancel(1, ROUTER);
    book.replace(1, FLOW, 0, 1);
    book.replace(1, FLOW, 100, 0);
    book.submitLimit(2, FLOW, 'buy', 100.5, 1);
    book.submitLimit(3, FLOW, 'buy', 100, 1.5);
    book.submitLimit(1, FLOW, 'buy', 100, 1);
    expect(ofType(sink.take(), 'rejected').map((r) => [r.request, r.orderId, r.reason])).toEqual([
      ['cancel', 42, 'unknown-order'],
      ['cancel', 1, 'not-owner'],
      ['replace', 1, 'bad-price'],
      ['replace', 1, 'bad-quantity'],
      ['new', 2, 'bad-price'],
      ['new', 3, 'bad-quantity'],
      ['new', 1, 'duplicate-order-id'],
    ]);
    expect(book.order(1)).toMatchObject({ leavesQtyShares: 1, priceTicks: 100 });
  });

  it('mass-cancels only the named owner, on one side or both, and reports the count', () => {
    const { book, sink } = newBook();
    book.submitLimit(1, ROUTER, 'buy', 100, 1);
    book.submitLimit(2, FLOW, 'buy', 100, 1);
    book.submitLimit(3, ROUTER, 'sell', 105, 1);
    book.submitLimit(4, ROUTER, 'buy', 99, 1);
    sink.take();
    expect(book.massCancel(ROUTER, 'buy')).toBe(2);
    const events = sink.take();
    expect(ofType(events, 'cancelled').map((c) => c.orderId)).toEqual([1, 4]);
    expect(events[events.length - 1]).toEqual({ type: 'mass-cancelled', ownerId: ROUTER, side: 'buy', cancelledOrders: 2 });
    expect(book.massCancel(ROUTER)).toBe(1);
    expect(book.orders('buy').map((o) => o.orderId)).toEqual([2]);
  });
});

describe('OrderBook views', () => {
  it('knows the exact queue position of a resting order as it moves up', () => {
    const { book } = newBook();
    book.submitLimit(1, FLOW, 'buy', 100, 3);
    book.submitLimit(2, FLOW, 'buy', 100, 4);
    book.submitLimit(3, ROUTER, 'buy', 100, 5);
    expect(book.queuePosition(3)).toEqual({ ordersAhead: 2, qtyAheadShares: 7 });
    book.submitMarket(4, FLOW, 'sell', 2);
    expect(book.queuePosition(3)).toEqual({ ordersAhead: 2, qtyAheadShares: 5 });
    book.cancel(2, FLOW);
    expect(book.queuePosition(3)).toEqual({ ordersAhead: 1, qtyAheadShares: 1 });
    expect(book.queuePosition(2)).toBeUndefined();
  });

  it('reports best quotes, mid, spread and L2 levels best first', () => {
    const { book } = newBook();
    expect([book.bestBidTicks(), book.midTicks(), book.spreadTicks(), book.bestBidQtyShares()]).toEqual([undefined, undefined, undefined, 0]);
    book.submitLimit(1, FLOW, 'buy', 100, 3);
    book.submitLimit(2, FLOW, 'buy', 98, 4);
    book.submitLimit(3, FLOW, 'buy', 100, 2);
    book.submitLimit(4, FLOW, 'sell', 103, 1);
    expect([book.bestBidTicks(), book.bestAskTicks(), book.midTicks(), book.spreadTicks()]).toEqual([100, 103, 101.5, 3]);
    expect(book.bestBidQtyShares()).toBe(5);
    expect(book.levels('buy')).toEqual([
      { priceTicks: 100, qtyShares: 5, orderCount: 2 },
      { priceTicks: 98, qtyShares: 4, orderCount: 1 },
    ]);
    expect(book.levels('buy', 1)).toHaveLength(1);
  });

  it('gives different state hashes to books holding the same orders in a different priority order', () => {
    const a = newBook().book;
    const b = newBook().book;
    a.submitLimit(1, FLOW, 'buy', 100, 1);
    a.submitLimit(2, FLOW, 'buy', 100, 1);
    b.submitLimit(2, FLOW, 'buy', 100, 1);
    b.submitLimit(1, FLOW, 'buy', 100, 1);
    expect(a.stateHash()).not.toBe(b.stateHash());
    b.cancel(2, FLOW);
    b.submitLimit(2, FLOW, 'buy', 100, 1);
    expect(a.stateHash()).toBe(b.stateHash());
  });

  it('holds prices far apart without trouble (levels are sorted, not a ladder)', () => {
    const { book } = newBook();
    book.submitLimit(1, FLOW, 'buy', 1, 1);
    book.submitLimit(2, FLOW, 'buy', 2_000_000_000, 1);
    book.submitLimit(3, FLOW, 'sell', 2_000_000_001, 1);
    expect(book.levels('buy').map((l) => l.priceTicks)).toEqual([2_000_000_000, 1]);
    expect(book.spreadTicks()).toBe(1);
  });
});
