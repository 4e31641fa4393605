/**
 * The exogenous background flow: a market tape (market-tape.ts) replayed into the venue, the same tape
 * in every run of a seed. Each tape limit order is placed at its tape price plus the reference shift at
 * that instant (our impact and the parent's alpha, venues/market; dithered to whole ticks), each tape cancel cancels the run's
 * copy of that order if it still rests, each tape market order is sent as it is. Our orders meet these
 * orders in the venue's real book: price-time priority, exact queue position, partial fills.
 *
 * What our orders change stays local and short-lived: a tape order we took a fill from, or one that
 * survived because our order took its fill, ends at its own tape cancel (or ghost cancel) a few lifetimes
 * later, and no tape price depends on the run's book. So a run's book follows the tape, shifted by the
 * reference shift, and runs of one seed differ only by what their own orders did.
 *
 * Halts: real participants stop sending to a venue that has gone silent (silence-watch.ts). While paused
 * the replay drops the tape's new orders (they go elsewhere) and holds back its cancels, sending them,
 * for orders that still rest, when the venue answers again.
 * Leaves out: participants reacting to our orders beyond the reference shift.
 * Units: ns, ticks, shares.
 */
import { invariant, type EventHandler, type Kernel, type Ns } from '../../sim/index.ts';
import type { OrderIdSource, Side } from '../book/index.ts';
import type { FlowBook } from './flow-book.ts';
import { TAPE_CANCEL, TAPE_LIMIT, type MarketTape } from './market-tape.ts';

/**
 * Where the tape's prices are placed in a run: ticks (fractional allowed) added to every tape limit
 * price; an order lands on floor(price + shift + its dither), so on average exactly `shift` away.
 */
export interface PriceShift {
  shiftTicksAt(atNs: Ns): number;
}

const NO_PRICE_SHIFT: PriceShift = { shiftTicksAt: () => 0 };

const SIDES: readonly Side[] = ['buy', 'sell'];

export class TapeReplay implements EventHandler {
  /** Counts of what the replay did, for reports and tests. */
  limitOrders = 0;
  marketOrders = 0;
  cancels = 0;
  droppedWhilePaused = 0;
  private readonly runOrderId: Float64Array;
  private next = 0;
  private kernel: Kernel | undefined;
  private paused = false;
  private readonly heldCancels: number[] = [];

  constructor(
    private readonly tape: MarketTape,
    private readonly book: FlowBook,
    private readonly ids: OrderIdSource,
    private readonly ownerId: number,
    private readonly shift: PriceShift = NO_PRICE_SHIFT,
  ) {
    this.runOrderId = new Float64Array(tape.orderIdBound);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Sends what the tape holds up to now (the starting book) and keeps one event pending for the rest. */
  start(kernel: Kernel): void {
    invariant(this.kernel === undefined, 'the tape replay is already running');
    this.kernel = kernel;
    this.replayUntil(kernel.now);
    this.scheduleNext();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const tapeOrderId of this.heldCancels.splice(0)) this.cancel(tapeOrderId);
  }

  handleEvent(_kind: number, _data: unknown, kernel: Kernel): void {
    this.replayUntil(kernel.now);
    this.scheduleNext();
  }

  private scheduleNext(): void {
    if (this.next < this.tape.length) (this.kernel as Kernel).schedule(this.tape.timeNs[this.next], this);
  }

  private replayUntil(nowNs: Ns): void {
    const tape = this.tape;
    while (this.next < tape.length && tape.timeNs[this.next] <= nowNs) this.apply(this.next++, nowNs);
  }

  private apply(i: number, nowNs: Ns): void {
    const tape = this.tape;
    const kind = tape.kind[i];
    if (kind === TAPE_CANCEL) {
      if (this.paused) this.heldCancels.push(tape.orderId[i]);
      else this.cancel(tape.orderId[i]);
      return;
    }
    if (this.paused) {
      this.droppedWhilePaused++;
      return;
    }
    const side = SIDES[tape.sideIndex[i]];
    const orderId = this.ids.nextOrderId();
    if (kind === TAPE_LIMIT) {
      const priceTicks = tape.priceTicks[i] + Math.floor(this.shift.shiftTicksAt(nowNs) + tape.dither[i]);
      if (priceTicks < 1) return;
      this.runOrderId[tape.orderId[i]] = orderId;
      this.book.submitLimit(orderId, this.ownerId, side, priceTicks, tape.qtyShares[i]);
      this.limitOrders++;
    } else {
      this.book.submitMarket(orderId, this.ownerId, side, tape.qtyShares[i]);
      this.marketOrders++;
    }
  }

  private cancel(tapeOrderId: number): void {
    const orderId = this.runOrderId[tapeOrderId];
    // 0: never placed in this run (dropped during a halt, or priced out).
    if (orderId === 0 || this.book.leavesQtyShares(orderId) === 0) return;
    this.book.cancel(orderId, this.ownerId);
    this.cancels++;
  }
}
