/**
 * The matching engine: a price-time priority limit order book for one instrument, with integer
 * price ticks and integer share quantities.
 *
 * Models: limit, IOC and market orders; cancel; cancel/replace, which keeps the order's place in the
 * queue only when its price is unchanged and its open quantity does not grow; mass cancel by owner.
 * An incoming order fills against the best opposite level first and, within a level, against the
 * oldest order first, always at the resting order's price. Every outcome is a record given to the
 * `BookOutputSink` (see output.ts for their order); nothing is thrown for a bad request.
 * Leaves out: hidden and iceberg orders, self-trade prevention, auctions, fees, trading halts, tick
 * size tables (a price is a tick count), and time (the book has no clock: the venue stamps outputs).
 *
 * Ids: the caller supplies order ids (safe integers, from the venue's id source); a duplicate is an
 * id currently resting. Owners are integers. A malformed id or owner is a programmer error and throws.
 *
 * Hot path: orders and levels live in typed-array pools (order-pool.ts, book-side.ts), the id index
 * is a Map, and output records are reused (book-emitter.ts), so a request allocates nothing once the
 * pools have grown. This file is over 250 lines because the request paths share the matching loop.
 */
import { invariant } from '../../sim/index.ts';
import { BookSide } from './book-side.ts';
import { NO_SLOT, OrderPool } from './order-pool.ts';
import { BookEmitter } from './book-emitter.ts';
import { NULL_BOOK_SINK, type BookOutputSink } from './output.ts';
import { hashRestingOrders, type BookLevel, type QueuePosition, type RestingOrder } from './snapshots.ts';
import {
  isValidPriceTicks,
  isValidQtyShares,
  type CancelReason,
  type OrderType,
  type RejectedRequest,
  type RejectReason,
  type Side,
} from './types.ts';

const SIDES: readonly Side[] = ['buy', 'sell'];
const BUY = 0;
const SELL = 1;

export class OrderBook {
  private readonly pool = new OrderPool();
  private readonly sides: readonly [BookSide, BookSide];
  private readonly slotById = new Map<number, number>();

  private readonly out: BookEmitter;

  constructor(sink: BookOutputSink = NULL_BOOK_SINK) {
    this.sides = [new BookSide(this.pool, 1), new BookSide(this.pool, -1)];
    this.out = new BookEmitter(sink);
  }

  // ---- requests -------------------------------------------------------------------------------

  /** A limit order: fills what crosses, rests the remainder at its price. */
  submitLimit(orderId: number, ownerId: number, side: Side, priceTicks: number, qtyShares: number): void {
    this.submit(orderId, ownerId, side, 'limit', priceTicks, qtyShares);
  }

  /** An immediate-or-cancel limit order; rejected `would-not-fill` if nothing crosses its price. */
  submitIoc(orderId: number, ownerId: number, side: Side, priceTicks: number, qtyShares: number): void {
    this.submit(orderId, ownerId, side, 'ioc', priceTicks, qtyShares);
  }

  /** A market order: sweeps the opposite side until filled; rejected `would-not-fill` if it is empty. */
  submitMarket(orderId: number, ownerId: number, side: Side, qtyShares: number): void {
    this.submit(orderId, ownerId, side, 'market', 0, qtyShares);
  }

  cancel(orderId: number, ownerId: number): void {
    const slot = this.ownedSlot('cancel', orderId, ownerId);
    if (slot === NO_SLOT) return;
    const sideIndex = this.pool.sideIndex[slot];
    const side = this.sides[sideIndex];
    const level = this.pool.level[slot];
    side.unlink(slot);
    this.emitCancelled(slot, this.pool.leavesQty[slot], 'requested');
    this.discard(slot);
    this.emitLevel(sideIndex, level);
    side.dropIfEmpty(level);
  }

  /**
   * Cancel/replace with FIX semantics: `orderQtyShares` is the new total order quantity, filled part
   * included, so the open quantity becomes orderQty - filled (rejected `bad-quantity` if that is not
   * positive). Same price and open quantity not increased: the order keeps its place. Otherwise it
   * goes to the back of the queue at its new price, matching first if that price crosses.
   */
  replace(orderId: number, ownerId: number, priceTicks: number, orderQtyShares: number): void {
    const slot = this.ownedSlot('replace', orderId, ownerId);
    if (slot === NO_SLOT) return;
    const pool = this.pool;
    const filled = pool.orderQty[slot] - pool.leavesQty[slot];
    const leaves = orderQtyShares - filled;
    if (!isValidPriceTicks(priceTicks)) return this.out.rejected('replace', orderId, ownerId, 'bad-price');
    if (!isValidQtyShares(orderQtyShares) || leaves <= 0) return this.out.rejected('replace', orderId, ownerId, 'bad-quantity');
    const sideIndex = pool.sideIndex[slot];
    const side = this.sides[sideIndex];
    const level = pool.level[slot];
    const oldPriceTicks = pool.priceTicks[slot];
    const priorityKept = priceTicks === oldPriceTicks && leaves <= pool.leavesQty[slot];
    side.unlink(slot);
    pool.priceTicks[slot] = priceTicks;
    pool.orderQty[slot] = orderQtyShares;
    pool.leavesQty[slot] = leaves;
    if (priorityKept) this.relinkInPlace(side, level, slot);
    this.emitReplaced(slot, oldPriceTicks, priorityKept);
    if (priorityKept) return this.emitLevel(sideIndex, level);
    if (priceTicks === oldPriceTicks) {
      side.append(level, slot);
      return this.emitLevel(sideIndex, level);
    }
    this.emitLevel(sideIndex, level);
    side.dropIfEmpty(level);
    const remaining = this.match(sideIndex, priceTicks, leaves, orderId, ownerId);
    if (remaining === 0) return this.discard(slot);
    pool.leavesQty[slot] = remaining;
    this.rest(sideIndex, slot);
  }

  /** Cancels every resting order of an owner (on one side, or both), best price first. Returns the count. */
  massCancel(ownerId: number, side?: Side): number {
    let cancelled = 0;
    for (let sideIndex = BUY; sideIndex <= SELL; sideIndex++) {
      if (side !== undefined && SIDES[sideIndex] !== side) continue;
      cancelled += this.massCancelSide(sideIndex, ownerId);
    }
    this.out.massCancelled(ownerId, side, cancelled);
    return cancelled;
  }

  // ---- queries --------------------------------------------------------------------------------

  bestBidTicks(): number | undefined {
    return this.bestPrice(BUY);
  }

  bestAskTicks(): number | undefined {
    return this.bestPrice(SELL);
  }

  /** Open quantity at the best bid; 0 when there is no bid. */
  bestBidQtyShares(): number {
    const level = this.sides[BUY].bestLevel();
    return level === NO_SLOT ? 0 : this.sides[BUY].levelQty[level];
  }

  /** Open quantity at the best ask; 0 when there is no ask. */
  bestAskQtyShares(): number {
    const level = this.sides[SELL].bestLevel();
    return level === NO_SLOT ? 0 : this.sides[SELL].levelQty[level];
  }

  /** (best bid + best ask) / 2 in ticks (a half tick when the spread is odd); undefined if a side is empty. */
  midTicks(): number | undefined {
    const bid = this.bestPrice(BUY);
    const ask = this.bestPrice(SELL);
    return bid === undefined || ask === undefined ? undefined : (bid + ask) / 2;
  }

  spreadTicks(): number | undefined {
    const bid = this.bestPrice(BUY);
    const ask = this.bestPrice(SELL);
    return bid === undefined || ask === undefined ? undefined : ask - bid;
  }

  get restingOrderCount(): number {
    return this.slotById.size;
  }

  /** Open quantity of a resting order; 0 when no order with this id rests. */
  leavesQtyShares(orderId: number): number {
    const slot = this.slotById.get(orderId);
    return slot === undefined ? 0 : this.pool.leavesQty[slot];
  }

  /** Total quantity of a resting order, filled part included; 0 when no order with this id rests. */
  orderQtyShares(orderId: number): number {
    const slot = this.slotById.get(orderId);
    return slot === undefined ? 0 : this.pool.orderQty[slot];
  }

  order(orderId: number): RestingOrder | undefined {
    const slot = this.slotById.get(orderId);
    return slot === undefined ? undefined : this.restingOrderAt(slot);
  }

  /** Exact place of a resting order in its queue (walks the orders ahead of it). */
  queuePosition(orderId: number): QueuePosition | undefined {
    const slot = this.slotById.get(orderId);
    if (slot === undefined) return undefined;
    const pool = this.pool;
    let ordersAhead = 0;
    let qtyAheadShares = 0;
    for (let ahead = pool.prev[slot]; ahead !== NO_SLOT; ahead = pool.prev[ahead]) {
      ordersAhead++;
      qtyAheadShares += pool.leavesQty[ahead];
    }
    return { ordersAhead, qtyAheadShares };
  }

  /** L2: the levels of a side, best first. */
  levels(side: Side, maxLevels = Number.POSITIVE_INFINITY): BookLevel[] {
    const bookSide = this.sides[side === 'buy' ? BUY : SELL];
    const levels: BookLevel[] = [];
    for (let rank = 0; rank < bookSide.depth && rank < maxLevels; rank++) {
      const level = bookSide.levelAtRank(rank);
      levels.push({ priceTicks: bookSide.levelPrice[level], qtyShares: bookSide.levelQty[level], orderCount: bookSide.levelCount[level] });
    }
    return levels;
  }

  /** L3: the resting orders of a side in priority order (best price first, oldest first within it). */
  orders(side: Side): RestingOrder[] {
    const bookSide = this.sides[side === 'buy' ? BUY : SELL];
    const orders: RestingOrder[] = [];
    for (let rank = 0; rank < bookSide.depth; rank++) {
      for (let slot = bookSide.levelHead[bookSide.levelAtRank(rank)]; slot !== NO_SLOT; slot = this.pool.next[slot]) {
        orders.push(this.restingOrderAt(slot));
      }
    }
    return orders;
  }

  /** Every resting order's id and owner, both sides, in no promised order; builds nothing (a per-sample scan of a deep book). */
  forEachRestingOrder(visit: (orderId: number, ownerId: number) => void): void {
    const pool = this.pool;
    for (const bookSide of this.sides) {
      for (let rank = 0; rank < bookSide.depth; rank++) {
        for (let slot = bookSide.levelHead[bookSide.levelAtRank(rank)]; slot !== NO_SLOT; slot = pool.next[slot]) visit(pool.orderId[slot], pool.ownerId[slot]);
      }
    }
  }

  /** A hash of the L3 state (snapshots.ts): equal books, equal hashes. */
  stateHash(): string {
    return hashRestingOrders(this.orders('buy'), this.orders('sell'));
  }

  // ---- internals ------------------------------------------------------------------------------

  private submit(orderId: number, ownerId: number, side: Side, orderType: OrderType, priceTicks: number, qtyShares: number): void {
    if (!Number.isSafeInteger(orderId) || !Number.isSafeInteger(ownerId)) {
      invariant(false, () => `order id and owner id must be safe integers, got ${orderId} and ${ownerId}`);
    }
    const sideIndex = side === 'buy' ? BUY : SELL;
    const isMarket = orderType === 'market';
    const limitTicks = isMarket ? (sideIndex === BUY ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY) : priceTicks;
    let reason: RejectReason | undefined;
    if (!isMarket && !isValidPriceTicks(priceTicks)) reason = 'bad-price';
    else if (!isValidQtyShares(qtyShares)) reason = 'bad-quantity';
    else if (this.slotById.has(orderId)) reason = 'duplicate-order-id';
    else if (orderType !== 'limit' && !this.crosses(sideIndex, limitTicks)) reason = 'would-not-fill';
    if (reason !== undefined) return this.out.rejected('new', orderId, ownerId, reason);

    this.out.accepted(orderId, ownerId, side, orderType, priceTicks, qtyShares);

    const remaining = this.match(sideIndex, limitTicks, qtyShares, orderId, ownerId);
    if (remaining === 0) return;
    if (orderType === 'limit') {
      this.rest(sideIndex, this.pool.allocate(orderId, ownerId, sideIndex, priceTicks, remaining, qtyShares));
      return;
    }
    this.out.cancelled(orderId, ownerId, side, priceTicks, remaining, 'unfilled-remainder');
  }

  /** True if an order of this side at this limit would fill against the best opposite level. */
  private crosses(sideIndex: number, limitTicks: number): boolean {
    const opposite = this.sides[1 - sideIndex];
    const level = opposite.bestLevel();
    if (level === NO_SLOT) return false;
    const best = opposite.levelPrice[level];
    return sideIndex === BUY ? best <= limitTicks : best >= limitTicks;
  }

  /** Fills an incoming order against the opposite side up to its limit; returns what is left of it. */
  private match(sideIndex: number, limitTicks: number, qtyShares: number, takerOrderId: number, takerOwnerId: number): number {
    const pool = this.pool;
    const opposite = this.sides[1 - sideIndex];
    this.out.taker(takerOrderId, takerOwnerId, SIDES[sideIndex]);
    let remaining = qtyShares;
    while (remaining > 0) {
      const level = opposite.bestLevel();
      if (level === NO_SLOT) break;
      const levelPrice = opposite.levelPrice[level];
      if (sideIndex === BUY ? levelPrice > limitTicks : levelPrice < limitTicks) break;
      let maker = opposite.levelHead[level];
      while (remaining > 0 && maker !== NO_SLOT) {
        const makerLeaves = pool.leavesQty[maker];
        const qty = makerLeaves < remaining ? makerLeaves : remaining;
        remaining -= qty;
        const next = pool.next[maker];
        if (qty === makerLeaves) opposite.unlink(maker);
        else {
          pool.leavesQty[maker] = makerLeaves - qty;
          opposite.levelQty[level] -= qty;
        }
        this.out.fill(pool.orderId[maker], pool.ownerId[maker], levelPrice, qty, makerLeaves - qty, remaining);
        if (qty === makerLeaves) {
          this.discard(maker);
          maker = next;
        }
      }
      this.emitLevel(1 - sideIndex, level);
      opposite.dropIfEmpty(level);
    }
    return remaining;
  }

  /** Puts an order (slot filled in, leaves set) at the back of the queue at its price. */
  private rest(sideIndex: number, slot: number): void {
    const side = this.sides[sideIndex];
    const level = side.levelFor(this.pool.priceTicks[slot]);
    side.append(level, slot);
    this.slotById.set(this.pool.orderId[slot], slot);
    this.emitLevel(sideIndex, level);
  }

  /** Puts an unlinked order back where it was: between its old neighbours, which `unlink` left pointing past it. */
  private relinkInPlace(side: BookSide, level: number, slot: number): void {
    const pool = this.pool;
    const prev = pool.prev[slot];
    const next = pool.next[slot];
    if (prev === NO_SLOT) side.levelHead[level] = slot;
    else pool.next[prev] = slot;
    if (next === NO_SLOT) side.levelTail[level] = slot;
    else pool.prev[next] = slot;
    side.levelQty[level] += pool.leavesQty[slot];
    side.levelCount[level]++;
  }

  private massCancelSide(sideIndex: number, ownerId: number): number {
    const side = this.sides[sideIndex];
    const pool = this.pool;
    let cancelled = 0;
    let rank = 0;
    while (rank < side.depth) {
      const level = side.levelAtRank(rank);
      let touched = false;
      for (let slot = side.levelHead[level]; slot !== NO_SLOT; ) {
        const next = pool.next[slot];
        if (pool.ownerId[slot] === ownerId) {
          side.unlink(slot);
          this.emitCancelled(slot, pool.leavesQty[slot], 'mass-cancel');
          this.discard(slot);
          cancelled++;
          touched = true;
        }
        slot = next;
      }
      if (touched) this.emitLevel(sideIndex, level);
      if (side.levelCount[level] === 0) side.dropIfEmpty(level);
      else rank++;
    }
    return cancelled;
  }

  /** The slot of a resting order of this owner, or NO_SLOT after emitting the reject. */
  private ownedSlot(request: RejectedRequest, orderId: number, ownerId: number): number {
    const slot = this.slotById.get(orderId);
    if (slot === undefined) {
      this.out.rejected(request, orderId, ownerId, 'unknown-order');
      return NO_SLOT;
    }
    if (this.pool.ownerId[slot] !== ownerId) {
      this.out.rejected(request, orderId, ownerId, 'not-owner');
      return NO_SLOT;
    }
    return slot;
  }

  /** Forgets an order that has left the book (it must already be unlinked from its level). */
  private discard(slot: number): void {
    this.slotById.delete(this.pool.orderId[slot]);
    this.pool.release(slot);
  }

  private bestPrice(sideIndex: number): number | undefined {
    const side = this.sides[sideIndex];
    const level = side.bestLevel();
    return level === NO_SLOT ? undefined : side.levelPrice[level];
  }

  private restingOrderAt(slot: number): RestingOrder {
    const pool = this.pool;
    return {
      orderId: pool.orderId[slot],
      ownerId: pool.ownerId[slot],
      side: SIDES[pool.sideIndex[slot]],
      priceTicks: pool.priceTicks[slot],
      orderQtyShares: pool.orderQty[slot],
      leavesQtyShares: pool.leavesQty[slot],
    };
  }

  private emitCancelled(slot: number, cancelledQtyShares: number, reason: CancelReason): void {
    const pool = this.pool;
    this.out.cancelled(pool.orderId[slot], pool.ownerId[slot], SIDES[pool.sideIndex[slot]], pool.priceTicks[slot], cancelledQtyShares, reason);
  }

  private emitReplaced(slot: number, oldPriceTicks: number, priorityKept: boolean): void {
    const pool = this.pool;
    this.out.replaced(pool.orderId[slot], pool.ownerId[slot], SIDES[pool.sideIndex[slot]], oldPriceTicks, pool.priceTicks[slot], pool.orderQty[slot], pool.leavesQty[slot], priorityKept);
  }

  private emitLevel(sideIndex: number, level: number): void {
    const side = this.sides[sideIndex];
    this.out.level(SIDES[sideIndex], side.levelPrice[level], side.levelQty[level], side.levelCount[level]);
  }
}
