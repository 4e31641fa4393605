/**
 * What the matching engine emits. Every outcome of a request is a record handed to a
 * `BookOutputSink` (the venue assembly implements it and numbers the records through its sequencer),
 * never an exception and never a return value the caller might drop.
 *
 * Records are reused: the book owns one record per kind and overwrites it for the next output, so a
 * sink must copy what it keeps (`copyBookEvent`). This keeps the hot path free of allocation.
 *
 * Order of outputs for one request: `accepted` (or `rejected`, and nothing else), then `replaced`
 * for a replace, then the fills in priority order, each price level's `level` update once the request
 * is done with that level, then the `cancelled` of an IOC or market remainder or the `level` update
 * of the level where the order came to rest. A mass cancel emits one `cancelled` per order, the
 * `level` updates, then `mass-cancelled`.
 */
import type { CancelReason, OrderType, RejectedRequest, RejectReason, Side } from './types.ts';

export interface OrderAccepted {
  readonly type: 'accepted';
  orderId: number;
  ownerId: number;
  side: Side;
  orderType: OrderType;
  /** The limit price; 0 for a market order, which has none. */
  priceTicks: number;
  orderQtyShares: number;
}

export interface OrderRejected {
  readonly type: 'rejected';
  request: RejectedRequest;
  orderId: number;
  ownerId: number;
  reason: RejectReason;
}

/** One execution between a resting (maker) order and an incoming (taker) order, at the maker's price. */
export interface Fill {
  readonly type: 'fill';
  makerOrderId: number;
  makerOwnerId: number;
  takerOrderId: number;
  takerOwnerId: number;
  /** The taker's side; the maker is on the other one. */
  aggressorSide: Side;
  priceTicks: number;
  qtyShares: number;
  makerLeavesQtyShares: number;
  takerLeavesQtyShares: number;
}

export interface OrderCancelled {
  readonly type: 'cancelled';
  orderId: number;
  ownerId: number;
  side: Side;
  /** The order's limit price; 0 for the remainder of a market order. */
  priceTicks: number;
  cancelledQtyShares: number;
  reason: CancelReason;
}

export interface OrderReplaced {
  readonly type: 'replaced';
  orderId: number;
  ownerId: number;
  side: Side;
  oldPriceTicks: number;
  priceTicks: number;
  /** The new total order quantity (filled so far included), as in a FIX cancel/replace. */
  orderQtyShares: number;
  leavesQtyShares: number;
  /** True when the order kept its place in the queue (same price, quantity not increased). */
  priorityKept: boolean;
}

export interface MassCancelDone {
  readonly type: 'mass-cancelled';
  ownerId: number;
  /** The side that was cancelled, or undefined for both. */
  side: Side | undefined;
  cancelledOrders: number;
}

/** The new state of one price level; quantity and count 0 mean the level is gone. */
export interface LevelUpdate {
  readonly type: 'level';
  side: Side;
  priceTicks: number;
  qtyShares: number;
  orderCount: number;
}

export type BookEvent = OrderAccepted | OrderRejected | Fill | OrderCancelled | OrderReplaced | MassCancelDone | LevelUpdate;

export interface BookOutputSink {
  accepted(event: Readonly<OrderAccepted>): void;
  rejected(event: Readonly<OrderRejected>): void;
  fill(event: Readonly<Fill>): void;
  cancelled(event: Readonly<OrderCancelled>): void;
  replaced(event: Readonly<OrderReplaced>): void;
  massCancelled(event: Readonly<MassCancelDone>): void;
  level(event: Readonly<LevelUpdate>): void;
}

/** A copy of a (reused) record that the caller may keep. */
export function copyBookEvent<E extends BookEvent>(event: Readonly<E>): E {
  return copyOf(event as Readonly<BookEvent>) as E;
}

// One literal per kind, keys in the records' order: a spread over seven shapes is V8's slow generic clone,
// and copying is on every sequenced output (it was 5% of an episode's time).
function copyOf(e: Readonly<BookEvent>): BookEvent {
  switch (e.type) {
    case 'accepted':
      return { type: e.type, orderId: e.orderId, ownerId: e.ownerId, side: e.side, orderType: e.orderType, priceTicks: e.priceTicks, orderQtyShares: e.orderQtyShares };
    case 'rejected':
      return { type: e.type, request: e.request, orderId: e.orderId, ownerId: e.ownerId, reason: e.reason };
    case 'fill':
      return {
        type: e.type,
        makerOrderId: e.makerOrderId,
        makerOwnerId: e.makerOwnerId,
        takerOrderId: e.takerOrderId,
        takerOwnerId: e.takerOwnerId,
        aggressorSide: e.aggressorSide,
        priceTicks: e.priceTicks,
        qtyShares: e.qtyShares,
        makerLeavesQtyShares: e.makerLeavesQtyShares,
        takerLeavesQtyShares: e.takerLeavesQtyShares,
      };
    case 'cancelled':
      return { type: e.type, orderId: e.orderId, ownerId: e.ownerId, side: e.side, priceTicks: e.priceTicks, cancelledQtyShares: e.cancelledQtyShares, reason: e.reason };
    case 'replaced':
      return {
        type: e.type,
        orderId: e.orderId,
        ownerId: e.ownerId,
        side: e.side,
        oldPriceTicks: e.oldPriceTicks,
        priceTicks: e.priceTicks,
        orderQtyShares: e.orderQtyShares,
        leavesQtyShares: e.leavesQtyShares,
        priorityKept: e.priorityKept,
      };
    case 'mass-cancelled':
      return { type: e.type, ownerId: e.ownerId, side: e.side, cancelledOrders: e.cancelledOrders };
    case 'level':
      return { type: e.type, side: e.side, priceTicks: e.priceTicks, qtyShares: e.qtyShares, orderCount: e.orderCount };
  }
}

/** Discards everything: for benches and for books whose outputs nobody reads. */
export const NULL_BOOK_SINK: BookOutputSink = {
  accepted() {},
  rejected() {},
  fill() {},
  cancelled() {},
  replaced() {},
  massCancelled() {},
  level() {},
};

/** Keeps a copy of every record, in order: for tests and for explaining an episode step by step. */
export class CollectingSink implements BookOutputSink {
  readonly events: BookEvent[] = [];

  accepted(event: Readonly<OrderAccepted>): void {
    this.events.push(copyBookEvent(event));
  }
  rejected(event: Readonly<OrderRejected>): void {
    this.events.push(copyBookEvent(event));
  }
  fill(event: Readonly<Fill>): void {
    this.events.push(copyBookEvent(event));
  }
  cancelled(event: Readonly<OrderCancelled>): void {
    this.events.push(copyBookEvent(event));
  }
  replaced(event: Readonly<OrderReplaced>): void {
    this.events.push(copyBookEvent(event));
  }
  massCancelled(event: Readonly<MassCancelDone>): void {
    this.events.push(copyBookEvent(event));
  }
  level(event: Readonly<LevelUpdate>): void {
    this.events.push(copyBookEvent(event));
  }

  /** Empties the record list and returns what it held. */
  take(): BookEvent[] {
    return this.events.splice(0, this.events.length);
  }
}
