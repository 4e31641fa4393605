// The CST flow's market arrivals are common random numbers: what the router does to the book
// changes cancels and prices, never when the market's limit and market orders arrive (DESIGN.md
// principles 4 and 5: an incident run and its control face the same market).
import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { OrderBook, OrderIdCounter, type Side } from '../../../venues/book/index.ts';
import { CstFlow, CST_2010_PARAMETERS, initialDepthOrders, type FlowBook } from '../../../venues/flow/index.ts';

const REFERENCE = 10_000;
const ROUTER = 9;

/** A book that logs when the flow submits, and lets a test intervene as a router would. */
function world(seed: string, routerTakesAtNs: number[]) {
  const kernel = new Kernel();
  const book = new OrderBook();
  const limitTimes: number[] = [];
  const marketTimes: number[] = [];
  const logged: FlowBook = {
    bestBidTicks: () => book.bestBidTicks(),
    bestAskTicks: () => book.bestAskTicks(),
    leavesQtyShares: (id) => book.leavesQtyShares(id),
    submitLimit: (id, owner, side: Side, price, qty) => {
      limitTimes.push(kernel.now);
      book.submitLimit(id, owner, side, price, qty);
    },
    submitMarket: (id, owner, side: Side, qty) => {
      marketTimes.push(kernel.now);
      book.submitMarket(id, owner, side, qty);
    },
    cancel: (id, owner) => book.cancel(id, owner),
  };
  const ids = new OrderIdCounter();
  const flow = new CstFlow({ timeUnitNs: NS_PER_S, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: REFERENCE, intensity: undefined }, logged, ids, new RandomStreams(seed));
  const depth = initialDepthOrders(CST_2010_PARAMETERS, 5);
  flow.seedSide('buy', REFERENCE, depth);
  flow.seedSide('sell', REFERENCE + 1, depth);
  // The router sweeps 500 shares of the ask side: flow orders vanish, N and the quotes change.
  for (const at of routerTakesAtNs) kernel.schedule(at, () => book.submitMarket(ids.nextOrderId(), ROUTER, 'buy', 500));
  flow.start(kernel);
  kernel.run({ until: 120 * NS_PER_S });
  return { limitTimes, marketTimes, book, flow };
}

describe('CstFlow common random numbers', () => {
  it('keeps the times of limit and market arrivals when a router changes the book', () => {
    const control = world('crn', []);
    const incident = world('crn', [20 * NS_PER_S, 40 * NS_PER_S, 60 * NS_PER_S]);
    expect(incident.limitTimes).toEqual(control.limitTimes);
    expect(incident.marketTimes).toEqual(control.marketTimes);
    // The perturbation is real: the books differ afterwards.
    expect(incident.book.stateHash()).not.toBe(control.book.stateHash());
  });

  it('sends nothing while paused and picks up at the same rates on resume', () => {
    const kernel = new Kernel();
    const book = new OrderBook();
    const flow = new CstFlow({ timeUnitNs: NS_PER_S, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: REFERENCE }, book, new OrderIdCounter(), new RandomStreams('pause'));
    const depth = initialDepthOrders(CST_2010_PARAMETERS, 5);
    flow.seedSide('buy', REFERENCE, depth);
    flow.seedSide('sell', REFERENCE + 1, depth);
    flow.start(kernel);
    kernel.run({ until: 100 * NS_PER_S });
    const before = flow.limitOrders + flow.marketOrders + flow.cancels;
    flow.pause();
    expect(flow.isPaused).toBe(true);
    kernel.run({ until: 200 * NS_PER_S });
    expect(flow.limitOrders + flow.marketOrders + flow.cancels).toBe(before);
    flow.resume();
    kernel.run({ until: 300 * NS_PER_S });
    const after = flow.limitOrders + flow.marketOrders + flow.cancels - before;
    // 100 s of flow before the pause and 100 s after it: about as many events (Poisson, thousands each).
    expect(after / before).toBeGreaterThan(0.8);
    expect(after / before).toBeLessThan(1.25);
  });
});
