// The exogenous tape and its replay (market-tape.ts, cst-tape.ts, tape-replay.ts): a run without our
// orders is the tape itself; a shift moves where the tape's orders land; every order has an end, so a
// perturbation of the book heals; a halt drops new orders and holds back cancels.
import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { OrderBook, OrderIdCounter } from '../../../venues/book/index.ts';
import { CST_2010_PARAMETERS, initialDepthOrders, recordCstTape, TAPE_CANCEL, TAPE_LIMIT, TapeReplay, type MarketTape, type PriceShift } from '../../../venues/flow/index.ts';
import { ConstantIntensity } from '../../../venues/flow/index.ts';

const REFERENCE = 10_000;
const depth = initialDepthOrders(CST_2010_PARAMETERS, 5);

function tape(seed: string, seconds = 60): MarketTape {
  return recordCstTape(
    { timeUnitNs: NS_PER_S, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: REFERENCE, intensity: new ConstantIntensity(5), startingDepthOrders: { buy: depth, sell: depth }, untilNs: seconds * NS_PER_S },
    new RandomStreams(seed),
  );
}

function replay(t: MarketTape, shift?: PriceShift, intervene?: (kernel: Kernel, book: OrderBook) => void) {
  const kernel = new Kernel();
  const book = new OrderBook();
  const flow = new TapeReplay(t, book, new OrderIdCounter(), 0, shift);
  intervene?.(kernel, book);
  flow.start(kernel);
  // NaN while a side of the book is empty (the tape then reads its last two-sided mid).
  const mids: number[] = [];
  for (let s = 1; s <= 60; s++) {
    kernel.run({ until: s * NS_PER_S });
    mids.push(book.midTicks() ?? Number.NaN);
  }
  return { book, flow, mids };
}

describe('market tape', () => {
  it('is a function of the seed alone', () => {
    const a = tape('same');
    const b = tape('same');
    expect(Array.from(a.timeNs)).toEqual(Array.from(b.timeNs));
    expect(Array.from(a.priceTicks)).toEqual(Array.from(b.priceTicks));
    expect(Array.from(tape('other').timeNs)).not.toEqual(Array.from(a.timeNs));
  });

  it('gives every limit order at most one end, and orders the tape filled an end too (ghost cancels)', () => {
    const t = tape('ends');
    const placed = new Set<number>();
    const ended = new Map<number, number>();
    for (let i = 0; i < t.length; i++) {
      if (t.kind[i] === TAPE_LIMIT) placed.add(t.orderId[i]);
      if (t.kind[i] === TAPE_CANCEL) ended.set(t.orderId[i], (ended.get(t.orderId[i]) ?? 0) + 1);
    }
    expect([...ended.values()].every((count) => count === 1)).toBe(true);
    expect([...ended.keys()].every((id) => placed.has(id))).toBe(true);
    // Market orders filled several hundred tape orders in a minute: each got a ghost end.
    expect(ended.size).toBeGreaterThan(0.9 * placed.size);
  });

  it('replayed into an empty book with no one else trading, is the tape: the same mid at every instant', () => {
    const t = tape('exact');
    const { mids } = replay(t);
    const twoSided = mids.map((mid, i) => [mid, t.midTicksAt((i + 1) * NS_PER_S)]).filter(([mid]) => !Number.isNaN(mid));
    expect(twoSided.length).toBeGreaterThan(50);
    for (const [mid, tapeMid] of twoSided) expect(mid).toBe(tapeMid);
  });

  it('lands every order a whole shift away, and a fractional shift moves that share of them', () => {
    const t = tape('shift');
    const base = replay(t).mids;
    const shifted = replay(t, { shiftTicksAt: () => 3 }).mids;
    shifted.forEach((mid, i) => {
      if (!Number.isNaN(mid) && !Number.isNaN(base[i])) expect(mid - base[i]).toBe(3);
    });
    // Shift 0.25: about a quarter of the orders a tick higher, so the mid sits about 0.25 tick higher.
    const quarter = replay(t, { shiftTicksAt: () => 0.25 }).mids;
    const lifts = quarter.map((mid, i) => mid - base[i]).filter((lift) => !Number.isNaN(lift));
    const meanLift = lifts.reduce((sum, lift) => sum + lift, 0) / lifts.length;
    expect(meanLift).toBeGreaterThan(0.1);
    expect(meanLift).toBeLessThan(0.4);
  });

  it('heals a perturbation within a few order lifetimes: a 500-share sweep at 10 s is gone by 20 s', () => {
    const t = tape('heal');
    const base = replay(t).mids;
    const swept = replay(t, undefined, (kernel, book) => kernel.schedule(10 * NS_PER_S, () => book.submitMarket(9_999_999, 7, 'buy', 500))).mids;
    expect(swept[9]).not.toBe(base[9]);
    for (let s = 20; s < 60; s++) expect(Object.is(swept[s], base[s])).toBe(true);
  });

  it('drops new orders while paused and sends the held cancels on resume', () => {
    const t = tape('pause');
    const kernel = new Kernel();
    const book = new OrderBook();
    const flow = new TapeReplay(t, book, new OrderIdCounter(), 0);
    flow.start(kernel);
    kernel.run({ until: 10 * NS_PER_S });
    flow.pause();
    const limitsBefore = flow.limitOrders;
    const cancelsBefore = flow.cancels;
    kernel.run({ until: 12 * NS_PER_S });
    expect(flow.limitOrders).toBe(limitsBefore);
    expect(flow.cancels).toBe(cancelsBefore);
    expect(flow.droppedWhilePaused).toBeGreaterThan(0);
    flow.resume();
    expect(flow.cancels).toBeGreaterThan(cancelsBefore);
    kernel.run({ until: 13 * NS_PER_S });
    expect(flow.limitOrders).toBeGreaterThan(limitsBefore);
  });
});
