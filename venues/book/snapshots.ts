/**
 * Read-only views of the book, as plain values: the L2 view (price levels with their aggregated
 * quantity), the L3 view (every resting order, in priority order), an order's place in its queue,
 * and a hash of the L3 state. Views allocate; they are for observers, tests and journals, not for
 * the matching hot path.
 */
import { createHash } from 'node:crypto';
import type { Side } from './types.ts';

export interface BookLevel {
  priceTicks: number;
  qtyShares: number;
  orderCount: number;
}

export interface RestingOrder {
  orderId: number;
  ownerId: number;
  side: Side;
  priceTicks: number;
  /** Total order quantity, filled part included. */
  orderQtyShares: number;
  leavesQtyShares: number;
}

/** What stands ahead of a resting order at its price: it fills once all of it has gone. */
export interface QueuePosition {
  ordersAhead: number;
  qtyAheadShares: number;
}

/**
 * SHA-256 over the L3 state in a canonical text form (bids best first, then asks best first; one
 * line per order), so that two books hold the same orders in the same priority order iff their
 * hashes agree. The journal-replay test compares a replayed book with the live one by this hash.
 */
export function hashRestingOrders(bids: readonly RestingOrder[], asks: readonly RestingOrder[]): string {
  const hash = createHash('sha256');
  for (const orders of [bids, asks]) {
    for (const o of orders) {
      hash.update(`${o.side}|${o.priceTicks}|${o.orderId}|${o.ownerId}|${o.leavesQtyShares}|${o.orderQtyShares}\n`);
    }
  }
  return hash.digest('hex');
}
