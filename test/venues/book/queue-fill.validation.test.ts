// VALIDATION.md Q2 and Q3: a passive order behind q = 5 unit orders on a FIFO level, unit market
// orders arriving as a Poisson process (mu = 2/s), with and without cancellations of the orders ahead
// (theta = 0.1/s each). Driven through the real book and the real kernel, one trial after another.
import { describe, expect, it } from 'vitest';
import { Exponential, Kernel, NS_PER_S, RandomStreams, type EventHandler, type RandomStream } from '../../../sim/index.ts';
import { NULL_BOOK_SINK, OrderBook, type BookOutputSink, type Fill } from '../../../venues/book/index.ts';

const MARKET_RATE_PER_S = 2;
const ORDERS_AHEAD = 5;
const PRICE_TICKS = 100;
const AHEAD_OWNER = 1;
const OUR_OWNER = 2;
const SELLER_OWNER = 3;

/** Unit market sells at Poisson times, one pending arrival at a time. */
class MarketSells implements EventHandler {
  pending = -1;
  private nextId = 1_000_000;
  private readonly gap = new Exponential(MARKET_RATE_PER_S);
  constructor(
    private readonly book: OrderBook,
    private readonly rng: RandomStream,
  ) {}
  start(kernel: Kernel): void {
    this.pending = kernel.scheduleAfter(Math.round(this.gap.sample(this.rng) * NS_PER_S), this);
  }
  handleEvent(_kind: number, _data: unknown, kernel: Kernel): void {
    this.book.submitMarket(this.nextId++, SELLER_OWNER, 'sell', 1);
    this.start(kernel);
  }
}

/** Notes when our order is filled and stops the kernel there. */
class WatchOurFill implements BookOutputSink {
  filledAtNs = -1;
  kernel: Kernel | undefined;
  ourOrderId = 0;
  fill(event: Readonly<Fill>): void {
    if (event.makerOrderId === this.ourOrderId && event.makerLeavesQtyShares === 0 && this.kernel) {
      this.filledAtNs = this.kernel.now;
      this.kernel.stop();
    }
  }
  accepted = NULL_BOOK_SINK.accepted;
  rejected = NULL_BOOK_SINK.rejected;
  cancelled = NULL_BOOK_SINK.cancelled;
  replaced = NULL_BOOK_SINK.replaced;
  massCancelled = NULL_BOOK_SINK.massCancelled;
  level = NULL_BOOK_SINK.level;
}

/** Places the q orders ahead and ours; returns our order id. */
function setUpQueue(book: OrderBook, trial: number): number {
  const base = trial * 10;
  for (let k = 0; k < ORDERS_AHEAD; k++) book.submitLimit(base + k, AHEAD_OWNER, 'buy', PRICE_TICKS, 1);
  book.submitLimit(base + ORDERS_AHEAD, OUR_OWNER, 'buy', PRICE_TICKS, 1);
  return base + ORDERS_AHEAD;
}

function clearBook(book: OrderBook): void {
  book.massCancel(AHEAD_OWNER);
  book.massCancel(OUR_OWNER);
}

describe('passive fills against a FIFO queue (VALIDATION.md Q2, Q3)', () => {
  it('Q2: fills within T = 3 s with probability 1 - P(Poisson(6) <= 5) = 0.5543', () => {
    const trials = 200_000;
    const streams = new RandomStreams(2002);
    const kernel = new Kernel();
    const book = new OrderBook();
    const sells = new MarketSells(book, streams.get('q2.market'));
    let filled = 0;
    for (let trial = 0; trial < trials; trial++) {
      const ours = setUpQueue(book, trial);
      sells.start(kernel);
      kernel.run({ until: kernel.now + 3 * NS_PER_S });
      kernel.cancel(sells.pending);
      if (book.leavesQtyShares(ours) === 0) filled++;
      clearBook(book);
    }
    // Published value; its standard error at this many trials is 0.0011, the tolerance 0.005.
    expect(Math.abs(filled / trials - 0.5543)).toBeLessThan(0.005);
  });

  it('Q3: with each order ahead cancelling at theta = 0.1/s, the mean time to fill is 2.6822 s', () => {
    const trials = 40_000;
    const cancelAfter = new Exponential(0.1);
    const streams = new RandomStreams(2003);
    const cancelRng = streams.get('q3.cancels');
    const kernel = new Kernel();
    const watch = new WatchOurFill();
    watch.kernel = kernel;
    const book = new OrderBook(watch);
    const sells = new MarketSells(book, streams.get('q3.market'));
    const cancelIds: number[] = [];
    let totalSeconds = 0;
    for (let trial = 0; trial < trials; trial++) {
      const startNs = kernel.now;
      watch.ourOrderId = setUpQueue(book, trial);
      watch.filledAtNs = -1;
      cancelIds.length = 0;
      for (let k = 0; k < ORDERS_AHEAD; k++) {
        const orderId = trial * 10 + k;
        const delayNs = Math.round(cancelAfter.sample(cancelRng) * NS_PER_S);
        // A cancel of an order already filled is rejected by the book (unknown order), as at a venue.
        cancelIds.push(kernel.scheduleAfter(delayNs, () => book.cancel(orderId, AHEAD_OWNER)));
      }
      sells.start(kernel);
      kernel.run();
      expect(watch.filledAtNs).toBeGreaterThanOrEqual(startNs);
      totalSeconds += (watch.filledAtNs - startNs) / NS_PER_S;
      kernel.cancel(sells.pending);
      for (const id of cancelIds) kernel.cancel(id);
      clearBook(book);
    }
    const mean = totalSeconds / trials;
    // Published value; standard error at this many trials is about 0.0055 s, the tolerance (1%) 0.027 s.
    expect(Math.abs(mean - 2.6822) / 2.6822).toBeLessThan(0.01);
  });
});
