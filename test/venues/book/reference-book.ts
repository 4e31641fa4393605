/**
 * A deliberately simple order book for differential tests: one array of orders, linear scans, and a
 * sequence number for time priority. It follows the same rules as venues/book/order-book.ts (see its
 * header) but shares none of its code, so that the two agreeing on random request sequences is
 * evidence that the fast book's pools, linked lists and sorted levels implement price-time priority.
 * It records the same outputs, minus the level updates (checked separately against the L2 view).
 */
import type { BookEvent, RejectReason, RestingOrder, Side } from '../../../venues/book/index.ts';

interface RefOrder {
  orderId: number;
  ownerId: number;
  side: Side;
  priceTicks: number;
  orderQtyShares: number;
  leavesQtyShares: number;
  sequence: number;
}

const validPrice = (p: number) => Number.isInteger(p) && p >= 1 && p <= 0x7fffffff;
const validQty = (q: number) => Number.isSafeInteger(q) && q >= 1;

export class ReferenceBook {
  readonly events: BookEvent[] = [];
  private orders: RefOrder[] = [];
  private sequence = 0;

  submit(orderType: 'limit' | 'ioc' | 'market', orderId: number, ownerId: number, side: Side, priceTicks: number, qty: number): void {
    const limit = orderType === 'market' ? (side === 'buy' ? Infinity : -Infinity) : priceTicks;
    let reason: RejectReason | undefined;
    if (orderType !== 'market' && !validPrice(priceTicks)) reason = 'bad-price';
    else if (!validQty(qty)) reason = 'bad-quantity';
    else if (this.orders.some((o) => o.orderId === orderId)) reason = 'duplicate-order-id';
    else if (orderType !== 'limit' && this.bestOpposite(side, limit) === undefined) reason = 'would-not-fill';
    if (reason) {
      this.events.push({ type: 'rejected', request: 'new', orderId, ownerId, reason });
      return;
    }
    const price = orderType === 'market' ? 0 : priceTicks;
    this.events.push({ type: 'accepted', orderId, ownerId, side, orderType, priceTicks: price, orderQtyShares: qty });
    const left = this.match(side, limit, qty, orderId, ownerId);
    if (left === 0) return;
    if (orderType === 'limit') {
      this.orders.push({ orderId, ownerId, side, priceTicks, orderQtyShares: qty, leavesQtyShares: left, sequence: this.sequence++ });
    } else {
      this.events.push({ type: 'cancelled', orderId, ownerId, side, priceTicks: price, cancelledQtyShares: left, reason: 'unfilled-remainder' });
    }
  }

  cancel(orderId: number, ownerId: number): void {
    const order = this.owned('cancel', orderId, ownerId);
    if (!order) return;
    this.orders = this.orders.filter((o) => o !== order);
    this.events.push({ type: 'cancelled', orderId, ownerId, side: order.side, priceTicks: order.priceTicks, cancelledQtyShares: order.leavesQtyShares, reason: 'requested' });
  }

  replace(orderId: number, ownerId: number, priceTicks: number, orderQty: number): void {
    const order = this.owned('replace', orderId, ownerId);
    if (!order) return;
    const leaves = orderQty - (order.orderQtyShares - order.leavesQtyShares);
    if (!validPrice(priceTicks)) return void this.events.push({ type: 'rejected', request: 'replace', orderId, ownerId, reason: 'bad-price' });
    if (!validQty(orderQty) || leaves <= 0) return void this.events.push({ type: 'rejected', request: 'replace', orderId, ownerId, reason: 'bad-quantity' });
    const oldPrice = order.priceTicks;
    const kept = priceTicks === oldPrice && leaves <= order.leavesQtyShares;
    order.priceTicks = priceTicks;
    order.orderQtyShares = orderQty;
    order.leavesQtyShares = leaves;
    this.events.push({ type: 'replaced', orderId, ownerId, side: order.side, oldPriceTicks: oldPrice, priceTicks, orderQtyShares: orderQty, leavesQtyShares: leaves, priorityKept: kept });
    if (kept) return;
    this.orders = this.orders.filter((o) => o !== order);
    const left = this.match(order.side, priceTicks, leaves, orderId, ownerId);
    if (left === 0) return;
    order.leavesQtyShares = left;
    order.sequence = this.sequence++;
    this.orders.push(order);
  }

  massCancel(ownerId: number, side?: Side): void {
    const victims = [...this.sorted('buy'), ...this.sorted('sell')].filter((o) => o.ownerId === ownerId && (side === undefined || o.side === side));
    for (const o of victims) {
      this.events.push({ type: 'cancelled', orderId: o.orderId, ownerId, side: o.side, priceTicks: o.priceTicks, cancelledQtyShares: o.leavesQtyShares, reason: 'mass-cancel' });
    }
    this.orders = this.orders.filter((o) => !victims.includes(o));
    this.events.push({ type: 'mass-cancelled', ownerId, side, cancelledOrders: victims.length });
  }

  /** Resting orders of a side in priority order, as the book's L3 view shows them. */
  l3(side: Side): RestingOrder[] {
    return this.sorted(side).map(({ orderId, ownerId, priceTicks, orderQtyShares, leavesQtyShares }) => ({ orderId, ownerId, side, priceTicks, orderQtyShares, leavesQtyShares }));
  }

  private match(side: Side, limit: number, qty: number, takerId: number, takerOwner: number): number {
    let left = qty;
    while (left > 0) {
      const maker = this.bestOpposite(side, limit);
      if (!maker) break;
      const q = Math.min(left, maker.leavesQtyShares);
      left -= q;
      maker.leavesQtyShares -= q;
      this.events.push({
        type: 'fill',
        makerOrderId: maker.orderId,
        makerOwnerId: maker.ownerId,
        takerOrderId: takerId,
        takerOwnerId: takerOwner,
        aggressorSide: side,
        priceTicks: maker.priceTicks,
        qtyShares: q,
        makerLeavesQtyShares: maker.leavesQtyShares,
        takerLeavesQtyShares: left,
      });
      if (maker.leavesQtyShares === 0) this.orders = this.orders.filter((o) => o !== maker);
    }
    return left;
  }

  /** The first opposite order in priority order, if its price crosses the limit. */
  private bestOpposite(side: Side, limit: number): RefOrder | undefined {
    const best = this.sorted(side === 'buy' ? 'sell' : 'buy')[0];
    if (!best) return undefined;
    return (side === 'buy' ? best.priceTicks <= limit : best.priceTicks >= limit) ? best : undefined;
  }

  private sorted(side: Side): RefOrder[] {
    const better = side === 'buy' ? (a: RefOrder, b: RefOrder) => b.priceTicks - a.priceTicks : (a: RefOrder, b: RefOrder) => a.priceTicks - b.priceTicks;
    return this.orders.filter((o) => o.side === side).sort((a, b) => better(a, b) || a.sequence - b.sequence);
  }

  private owned(request: 'cancel' | 'replace', orderId: number, ownerId: number): RefOrder | undefined {
    const order = this.orders.find((o) => o.orderId === orderId);
    if (!order || order.ownerId !== ownerId) {
      this.events.push({ type: 'rejected', request, orderId, ownerId, reason: order ? 'not-owner' : 'unknown-order' });
      return undefined;
    }
    return order;
  }
}
