/**
 * A second background source: the events of a LOBSTER message file (lobster-messages.ts) replayed
 * into the book at their own times, so that a router's orders meet a real day's order flow.
 *
 * Each message becomes a book request from the replay's owner:
 *   1 new limit order   -> a limit order with a fresh venue id (the file's ids are mapped, so they
 *                          can never collide with ids the venue gives router orders);
 *   2 partial cancel    -> a replace to the smaller quantity (keeps priority), or a cancel if nothing
 *                          would be left;
 *   3 delete            -> a cancel;
 *   4 visible execution -> an IOC from the other side at the message's price and size. It meets the
 *                          queue as the real aggressor did, so a router order that stands ahead of
 *                          the named order at that price fills first, and the named order keeps the rest;
 *   5 hidden execution, 6 cross trade -> no effect on the visible book (counted);
 *   7 halt              -> passed to the status listener; the book itself has no halt state.
 * Leaves out: the orders resting before the file starts (LOBSTER's order book file is not loaded),
 * so events naming an order the replay never placed are skipped and counted as `unknownOrderEvents`;
 * an execution of such an order is skipped too, rather than letting it fill orders that stood behind it.
 *
 * Units: `midnightNs` is the kernel time of midnight of the file's day (negative when time zero is
 * later in the day: -34_200 s for time zero at 09:30); messages earlier than the kernel's clock at
 * `start` are skipped and counted.
 */
import type { EventHandler, Kernel, Ns } from '../../sim/index.ts';
import type { OrderIdSource, Side } from '../book/index.ts';
import { BACKGROUND_FLOW_OWNER_ID, type ReplayBook } from './flow-book.ts';
import {
  LOBSTER_CROSS,
  LOBSTER_DELETE,
  LOBSTER_EXECUTE_HIDDEN,
  LOBSTER_EXECUTE_VISIBLE,
  LOBSTER_HALT,
  LOBSTER_NEW,
  LOBSTER_PARTIAL_CANCEL,
  type LobsterMessages,
} from './lobster-messages.ts';

export type TradingStatus = 'halted' | 'quoting' | 'resumed';

export interface TradingStatusListener {
  tradingStatus(status: TradingStatus, timeNs: Ns): void;
}

export interface LobsterReplayConfig {
  midnightNs: Ns;
  ownerId?: number;
  statusListener?: TradingStatusListener;
}

const STATUS: Record<number, TradingStatus> = { [-1]: 'halted', 0: 'quoting', 1: 'resumed' };

export class LobsterReplay implements EventHandler {
  readonly ownerId: number;
  /** Messages applied to the book (or passed on, for halts). */
  applied = 0;
  skippedBeforeStart = 0;
  unknownOrderEvents = 0;
  hiddenExecutions = 0;
  crossTrades = 0;

  private readonly bookIdByFileId = new Map<number, number>();
  private next = 0;

  constructor(
    private readonly messages: LobsterMessages,
    private readonly book: ReplayBook,
    private readonly ids: OrderIdSource,
    private readonly config: LobsterReplayConfig,
  ) {
    this.ownerId = config.ownerId ?? BACKGROUND_FLOW_OWNER_ID;
  }

  /** Schedules the first message at or after the kernel's clock. */
  start(kernel: Kernel): void {
    const m = this.messages;
    while (this.next < m.count && this.kernelTimeNs(this.next) < kernel.now) {
      this.next++;
      this.skippedBeforeStart++;
    }
    this.scheduleNext(kernel);
  }

  /** True once every message has been applied or skipped. */
  get done(): boolean {
    return this.next >= this.messages.count;
  }

  handleEvent(_kind: number, _data: unknown, kernel: Kernel): void {
    this.apply(this.next++, kernel.now);
    this.scheduleNext(kernel);
  }

  private scheduleNext(kernel: Kernel): void {
    if (this.next < this.messages.count) kernel.schedule(this.kernelTimeNs(this.next), this);
  }

  private kernelTimeNs(index: number): Ns {
    return this.config.midnightNs + this.messages.timeNs[index];
  }

  private apply(i: number, nowNs: Ns): void {
    const m = this.messages;
    const type = m.eventType[i];
    const fileId = m.orderId[i];
    const size = m.sizeShares[i];
    const priceTicks = m.priceTicks[i];
    const side: Side = m.direction[i] === 1 ? 'buy' : 'sell';
    if (type === LOBSTER_NEW) {
      const orderId = this.ids.nextOrderId();
      this.bookIdByFileId.set(fileId, orderId);
      this.book.submitLimit(orderId, this.ownerId, side, priceTicks, size);
    } else if (type === LOBSTER_HALT) {
      this.config.statusListener?.tradingStatus(STATUS[priceTicks], nowNs);
    } else if (type === LOBSTER_EXECUTE_HIDDEN) {
      this.hiddenExecutions++;
      return;
    } else if (type === LOBSTER_CROSS) {
      this.crossTrades++;
      return;
    } else if (!this.applyToKnownOrder(type, fileId, size, priceTicks, side)) {
      this.unknownOrderEvents++;
      return;
    }
    this.applied++;
  }

  /** Partial cancel, delete or visible execution of an order the replay placed; false if it is not resting. */
  private applyToKnownOrder(type: number, fileId: number, size: number, priceTicks: number, side: Side): boolean {
    const orderId = this.bookIdByFileId.get(fileId);
    const leaves = orderId === undefined ? 0 : this.book.leavesQtyShares(orderId);
    if (orderId === undefined || leaves === 0) {
      this.bookIdByFileId.delete(fileId);
      return false;
    }
    if (type === LOBSTER_EXECUTE_VISIBLE) {
      this.book.submitIoc(this.ids.nextOrderId(), this.ownerId, side === 'buy' ? 'sell' : 'buy', priceTicks, size);
    } else if (type === LOBSTER_DELETE || (type === LOBSTER_PARTIAL_CANCEL && size >= leaves)) {
      this.book.cancel(orderId, this.ownerId);
    } else {
      this.book.replace(orderId, this.ownerId, priceTicks, this.book.orderQtyShares(orderId) - size);
    }
    if (this.book.leavesQtyShares(orderId) === 0) this.bookIdByFileId.delete(fileId);
    return true;
  }
}
