// Properties of the matching engine on random request sequences (METRICS.md "Invariants": the book is
// never crossed after matching; quantity is conserved; price-time priority holds), the last checked
// differentially against the simple reference book beside this file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CollectingSink, OrderBook, type BookEvent, type RestingOrder, type Side } from '../../../venues/book/index.ts';
import { ReferenceBook } from './reference-book.ts';

type Op =
  | { kind: 'limit' | 'ioc' | 'market'; side: Side; price: number; qty: number; owner: number; reuseId: number | null }
  | { kind: 'cancel'; pick: number; owner: number }
  | { kind: 'replace'; pick: number; owner: number; price: number | 'same'; qty: number }
  | { kind: 'mass'; owner: number; side: Side | null };

const side = fc.constantFrom<Side>('buy', 'sell');
const owner = fc.integer({ min: 1, max: 3 });
// Mostly valid prices in a narrow band so that orders meet; now and then an invalid one.
const price = fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 97, max: 103 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -3, 100.5) });
const qty = fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 2.5) });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('limit' as const), side, price, qty, owner, reuseId: fc.option(fc.nat(), { freq: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('ioc' as const, 'market' as const), side, price, qty, owner, reuseId: fc.constant(null) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), owner }) },
  // Half the replaces keep the price, so that keeping (or losing) priority within a queue is exercised.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), owner, price: fc.oneof(price, fc.constant('same' as const)), qty }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mass' as const), owner, side: fc.option(side) }) },
);

interface Harness {
  book: OrderBook;
  sink: CollectingSink;
  reference: ReferenceBook;
  ids: number[];
  ownerOf: Map<number, number>;
}

function newHarness(): Harness {
  const sink = new CollectingSink();
  return { book: new OrderBook(sink), sink, reference: new ReferenceBook(), ids: [], ownerOf: new Map() };
}

/** Applies one request to both books. Cancel and replace pick among ids issued so far (live or dead), or an unknown one. */
function apply(h: Harness, o: Op): void {
  switch (o.kind) {
    case 'limit':
    case 'ioc':
    case 'market': {
      const id = o.reuseId !== null && h.ids.length > 0 ? h.ids[o.reuseId % h.ids.length] : h.ids.length + 1;
      if (id === h.ids.length + 1) h.ids.push(id);
      if (!h.ownerOf.has(id)) h.ownerOf.set(id, o.owner);
      if (o.kind === 'limit') h.book.submitLimit(id, o.owner, o.side, o.price, o.qty);
      else if (o.kind === 'ioc') h.book.submitIoc(id, o.owner, o.side, o.price, o.qty);
      else h.book.submitMarket(id, o.owner, o.side, o.qty);
      h.reference.submit(o.kind, id, o.owner, o.side, o.price, o.qty);
      return;
    }
    case 'cancel':
    case 'replace': {
      const id = o.pick % (h.ids.length + 1) === h.ids.length ? 10_000 : h.ids[o.pick % (h.ids.length + 1)];
      // Mostly the rightful owner, sometimes another one.
      const who = o.owner === 3 ? o.owner : (h.ownerOf.get(id) ?? o.owner);
      if (o.kind === 'cancel') {
        h.book.cancel(id, who);
        h.reference.cancel(id, who);
      } else {
        const newPrice = o.price === 'same' ? (h.book.order(id)?.priceTicks ?? 100) : o.price;
        h.book.replace(id, who, newPrice, o.qty);
        h.reference.replace(id, who, newPrice, o.qty);
      }
      return;
    }
    case 'mass':
      h.book.massCancel(o.owner, o.side ?? undefined);
      h.reference.massCancel(o.owner, o.side ?? undefined);
  }
}

const withoutLevels = (events: BookEvent[]) => events.filter((e) => e.type !== 'level');
/** L2 aggregated from an L3 list that is in priority order. */
function levelsOf(orders: readonly RestingOrder[]): { priceTicks: number; qtyShares: number; orderCount: number }[] {
  const levels: { priceTicks: number; qtyShares: number; orderCount: number }[] = [];
  for (const o of orders) {
    const last = levels[levels.length - 1];
    if (last?.priceTicks === o.priceTicks) {
      last.qtyShares += o.leavesQtyShares;
      last.orderCount++;
    } else levels.push({ priceTicks: o.priceTicks, qtyShares: o.leavesQtyShares, orderCount: 1 });
  }
  return levels;
}
const sumLeaves = (book: OrderBook) => [...book.orders('buy'), ...book.orders('sell')].reduce((sum, o) => sum + o.leavesQtyShares, 0);

describe('OrderBook properties', () => {
  it('agrees with the reference book on every output and the L3 view after every request (price-time priority)', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 120, size: 'max' }), (ops) => {
        const h = newHarness();
        for (const o of ops) {
          apply(h, o);
          expect(h.book.orders('buy')).toEqual(h.reference.l3('buy'));
          expect(h.book.orders('sell')).toEqual(h.reference.l3('sell'));
        }
        expect(withoutLevels(h.sink.events)).toEqual(h.reference.events);
      }),
      { numRuns: 300 },
    );
  });

  it('is never crossed at rest, and its L2 view agrees with its L3 view and with its level updates', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 120, size: 'max' }), (ops) => {
        const h = newHarness();
        const l2 = new Map<string, { priceTicks: number; qtyShares: number; orderCount: number }>();
        for (const o of ops) {
          apply(h, o);
          for (const e of h.sink.take()) {
            if (e.type !== 'level') continue;
            const key = `${e.side}:${e.priceTicks}`;
            if (e.orderCount === 0) l2.delete(key);
            else l2.set(key, { priceTicks: e.priceTicks, qtyShares: e.qtyShares, orderCount: e.orderCount });
          }
          const bid = h.book.bestBidTicks();
          const ask = h.book.bestAskTicks();
          if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask);
          for (const s of ['buy', 'sell'] as const) {
            const rebuilt = [...l2.entries()].filter(([k]) => k.startsWith(s)).map(([, v]) => v);
            rebuilt.sort((a, b) => (s === 'buy' ? b.priceTicks - a.priceTicks : a.priceTicks - b.priceTicks));
            expect(h.book.levels(s)).toEqual(rebuilt);
            expect(h.book.levels(s)).toEqual(levelsOf(h.book.orders(s)));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('conserves quantity: accepted + replace changes = resting + 2 x filled + cancelled', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 150, size: 'max' }), (ops) => {
        const h = newHarness();
        let added = 0;
        let filled = 0;
        let cancelled = 0;
        for (const o of ops) {
          const leavesBefore = o.kind === 'replace' ? new Map([...h.book.orders('buy'), ...h.book.orders('sell')].map((r) => [r.orderId, r.leavesQtyShares])) : undefined;
          apply(h, o);
          for (const e of h.sink.take()) {
            if (e.type === 'accepted') added += e.orderQtyShares;
            else if (e.type === 'fill') filled += e.qtyShares;
            else if (e.type === 'cancelled') cancelled += e.cancelledQtyShares;
            else if (e.type === 'replaced') added += e.leavesQtyShares - (leavesBefore?.get(e.orderId) ?? 0);
          }
          expect(added).toBe(sumLeaves(h.book) + 2 * filled + cancelled);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same state hash to two books fed the same requests, and a different one after any further change', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 80, size: 'max' }), (ops) => {
        const a = newHarness();
        const b = newHarness();
        for (const o of ops) {
          apply(a, o);
          apply(b, o);
        }
        expect(a.book.stateHash()).toBe(b.book.stateHash());
        const before = a.book.stateHash();
        a.book.submitLimit(99_999, 9, 'buy', 1, 1);
        expect(a.book.stateHash()).not.toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
