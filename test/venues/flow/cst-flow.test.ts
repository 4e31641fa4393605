import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { CollectingSink, OrderBook, OrderIdCounter, type BookOutputSink, type OrderAccepted, type OrderCancelled } from '../../../venues/book/index.ts';
import { CstFlow, initialDepthOrders, CST_2010_PARAMETERS, type CstFlowConfig, type FlowBook } from '../../../venues/flow/index.ts';

const REFERENCE = 10_000;
const ROUTER = 9;

function runFlow(seed: string, seconds: number, config: Partial<CstFlowConfig> = {}, sink?: BookOutputSink) {
  const kernel = new Kernel();
  const book = new OrderBook(sink);
  const flow = new CstFlow(
    { timeUnitNs: NS_PER_S, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: REFERENCE, ...config },
    book,
    new OrderIdCounter(),
    new RandomStreams(seed),
  );
  const depth = initialDepthOrders(CST_2010_PARAMETERS, 5);
  flow.seedSide('buy', REFERENCE, depth);
  flow.seedSide('sell', REFERENCE + 1, depth);
  flow.start(kernel);
  return { kernel, book, flow, outcome: kernel.run({ until: seconds * NS_PER_S }) };
}

/** Records each flow limit order's distance from the opposite best quote at the moment it arrives. */
class DistanceRecorder extends CollectingSink {
  book: OrderBook | undefined;
  readonly distances: number[] = [];
  override accepted(event: Readonly<OrderAccepted>): void {
    if (event.orderType !== 'limit' || !this.book) return;
    const opposite = event.side === 'buy' ? this.book.bestAskTicks() : this.book.bestBidTicks();
    if (opposite !== undefined) this.distances.push(Math.abs(opposite - event.priceTicks));
  }
}

describe('CstFlow', () => {
  it('is deterministic: the same seed gives the same book, another seed a different one', () => {
    const a = runFlow('s1', 200);
    const b = runFlow('s1', 200);
    const c = runFlow('s2', 200);
    expect(a.book.stateHash()).toBe(b.book.stateHash());
    expect([a.flow.limitOrders, a.flow.marketOrders, a.flow.cancels]).toEqual([b.flow.limitOrders, b.flow.marketOrders, b.flow.cancels]);
    expect(a.book.stateHash()).not.toBe(c.book.stateHash());
  });

  it('lets the mid price wander while keeping a two-sided book of modest depth', () => {
    const { book, outcome } = runFlow('wander', 2000);
    expect(outcome.eventsRun).toBeGreaterThan(20_000);
    expect(book.midTicks()).toBeDefined();
    expect(book.midTicks()).not.toBe(REFERENCE + 0.5);
    expect(book.restingOrderCount).toBeLessThan(500);
  });

  it('places limit orders at distance i with probability proportional to k / i^alpha', () => {
    const sink = new DistanceRecorder();
    const kernel = new Kernel();
    const book = new OrderBook(sink);
    sink.book = book;
    const flow = new CstFlow({ timeUnitNs: NS_PER_S, orderSizeShares: 1, maxDistanceTicks: 5, referencePriceTicks: REFERENCE }, book, new OrderIdCounter(), new RandomStreams('distances'));
    flow.seedSide('buy', REFERENCE, [3, 3, 3, 3, 3]);
    flow.seedSide('sell', REFERENCE + 1, [3, 3, 3, 3, 3]);
    sink.distances.length = 0;
    flow.start(kernel);
    kernel.run({ until: 3000 * NS_PER_S });
    const n = sink.distances.length;
    const weights = [1, 2, 3, 4, 5].map((i) => 1.92 / Math.pow(i, 0.52));
    const total = weights.reduce((s, w) => s + w, 0);
    for (let i = 1; i <= 5; i++) {
      const p = weights[i - 1] / total;
      const observed = sink.distances.filter((d) => d === i).length / n;
      expect(Math.abs(observed - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('cancels a resting order at distance i at hazard theta(i) (mean lifetime 1 / theta(i))', () => {
    // No arrivals to speak of and no market orders; a router ask one tick above the flow's best bid
    // pins every flow order's distance for its whole life.
    const thetas = [0.5, 2];
    const cancelledAtNs = new Map<number, number>();
    const kernel = new Kernel();
    const sink = new (class extends CollectingSink {
      override cancelled(event: Readonly<OrderCancelled>): void {
        cancelledAtNs.set(event.priceTicks, (cancelledAtNs.get(event.priceTicks) ?? 0) + kernel.now);
      }
    })();
    const book = new OrderBook(sink);
    book.submitLimit(1, ROUTER, 'sell', REFERENCE + 1, 1);
    const flow = new CstFlow(
      { parameters: { limitRateK: 1e-12, limitRateAlpha: 0, marketRate: 0, cancelHazards: thetas }, timeUnitNs: NS_PER_S, orderSizeShares: 1, maxDistanceTicks: 2, referencePriceTicks: REFERENCE },
      book,
      new OrderIdCounter(2),
      new RandomStreams('hazards'),
    );
    const perLevel = 3000;
    flow.seedSide('buy', REFERENCE, [perLevel, perLevel]);
    flow.start(kernel);
    kernel.run();
    expect(book.restingOrderCount).toBe(1);
    thetas.forEach((theta, j) => {
      const meanLifetimeSeconds = (cancelledAtNs.get(REFERENCE - j) ?? 0) / perLevel / NS_PER_S;
      // Exponential lifetimes: standard error of the mean is 1 / (theta sqrt(n)), about 1.8%.
      expect(Math.abs(meanLifetimeSeconds * theta - 1)).toBeLessThan(0.08);
    });
  });

  it('never cancels an order it does not own, however long it rests at the best bid', () => {
    const kernel = new Kernel();
    const book = new OrderBook();
    book.submitLimit(1, ROUTER, 'buy', REFERENCE, 100);
    const flow = new CstFlow(
      { parameters: { ...CST_2010_PARAMETERS, marketRate: 0 }, timeUnitNs: NS_PER_S, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: REFERENCE },
      book,
      new OrderIdCounter(2),
      new RandomStreams('owner'),
    );
    flow.seedSide('sell', REFERENCE + 1, [2, 2]);
    flow.start(kernel);
    kernel.run({ until: 500 * NS_PER_S });
    expect(flow.cancels).toBeGreaterThan(100);
    expect(book.leavesQtyShares(1)).toBe(100);
  });

  it('cancels again an order whose cancel the venue refused (as during a failover)', () => {
    const kernel = new Kernel();
    const book = new OrderBook();
    let refuseCancels = true;
    const venue: FlowBook = {
      bestBidTicks: () => book.bestBidTicks(),
      bestAskTicks: () => book.bestAskTicks(),
      leavesQtyShares: (id) => book.leavesQtyShares(id),
      submitLimit: (...args) => book.submitLimit(...args),
      submitMarket: (...args) => book.submitMarket(...args),
      cancel: (id, owner) => (refuseCancels ? undefined : book.cancel(id, owner)),
    };
    const flow = new CstFlow(
      { parameters: { limitRateK: 1e-12, limitRateAlpha: 0, marketRate: 0, cancelHazards: [1] }, timeUnitNs: NS_PER_S, orderSizeShares: 1, maxDistanceTicks: 1, referencePriceTicks: REFERENCE },
      venue,
      new OrderIdCounter(),
      new RandomStreams('refused'),
    );
    flow.seedSide('buy', REFERENCE, [20]);
    flow.start(kernel);
    kernel.run({ until: 30 * NS_PER_S });
    expect(book.restingOrderCount).toBe(20);
    refuseCancels = false;
    kernel.run({ until: 100 * NS_PER_S });
    expect(book.restingOrderCount).toBe(0);
  });

  it('stops drawing events when stopped and leaves nothing pending', () => {
    const { kernel, flow } = runFlow('stop', 10);
    flow.stop(kernel);
    expect(kernel.pendingCount).toBe(0);
    const before = flow.limitOrders;
    kernel.run({ until: 20 * NS_PER_S });
    expect(flow.limitOrders).toBe(before);
  });
});
