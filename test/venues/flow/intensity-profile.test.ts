import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { CollectingSink, OrderBook, OrderIdCounter, type OrderAccepted } from '../../../venues/book/index.ts';
import { CstFlow, PiecewiseIntensity, tradingDayIntensity } from '../../../venues/flow/index.ts';

const s = (seconds: number) => seconds * NS_PER_S;

describe('tradingDayIntensity', () => {
  it('is off outside trading hours, relaxes geometrically after the open and builds up into the close', () => {
    const day = tradingDayIntensity({
      openNs: s(100),
      closeNs: s(1000),
      open: { durationNs: s(40), peakIntensity: 16, peakAggression: 4, steps: 4 },
      close: { durationNs: s(20), peakIntensity: 9, peakAggression: 1, steps: 2 },
    });
    expect(day.intensityAt(s(99))).toBe(0);
    // Open: steps of 10 s at 16, 16^(3/4), 16^(1/2), 16^(1/4).
    expect([s(100), s(115), s(125), s(139)].map((t) => day.intensityAt(t))).toEqual([16, 8, 4, 2]);
    expect(day.aggressionAt(s(100))).toBe(4);
    expect(day.intensityAt(s(500))).toBe(1);
    expect(day.aggressionAt(s(500))).toBe(1);
    // Close: 9^(1/2) then 9 in the last 10 s.
    expect([s(985), s(995)].map((t) => day.intensityAt(t))).toEqual([3, 9]);
    expect(day.intensityAt(s(1000))).toBe(0);
    expect(day.nextChangeAfter(s(500))).toBe(s(980));
    expect(day.nextChangeAfter(s(1000))).toBe(Number.POSITIVE_INFINITY);
  });

  it('multiplies overlapping bursts (a transition during the open burst)', () => {
    const day = tradingDayIntensity({
      openNs: 0,
      closeNs: s(100),
      open: { durationNs: s(50), peakIntensity: 3, peakAggression: 1, steps: 1 },
      transitions: [{ atNs: s(40), durationNs: s(20), peakIntensity: 2, peakAggression: 2, steps: 1 }],
    });
    expect([s(10), s(45), s(55), s(70)].map((t) => day.intensityAt(t))).toEqual([3, 6, 2, 1]);
    expect(day.aggressionAt(s(45))).toBe(2);
  });
});

class Counter extends CollectingSink {
  readonly limitTimesNs: number[] = [];
  readonly marketTimesNs: number[] = [];
  kernel: Kernel | undefined;
  override accepted(event: Readonly<OrderAccepted>): void {
    (event.orderType === 'market' ? this.marketTimesNs : this.limitTimesNs).push(this.kernel?.now ?? -1);
  }
  // The flow's limit orders are never rejected; a market order is when the other side is empty.
  override rejected(): void {
    this.marketTimesNs.push(this.kernel?.now ?? -1);
  }
}

describe('CstFlow under an intensity profile', () => {
  it('scales the limit order rate by intensity and the market order rate by intensity x aggression', () => {
    const profile = new PiecewiseIntensity([
      { startNs: 0, intensity: 1, aggression: 1 },
      { startNs: s(400), intensity: 4, aggression: 2 },
      { startNs: s(600), intensity: 0, aggression: 1 },
    ]);
    const sink = new Counter();
    const kernel = new Kernel();
    sink.kernel = kernel;
    const book = new OrderBook(sink);
    const flow = new CstFlow({ timeUnitNs: NS_PER_S, orderSizeShares: 1, maxDistanceTicks: 5, referencePriceTicks: 1000, intensity: profile }, book, new OrderIdCounter(), new RandomStreams('profile'));
    flow.seedSide('buy', 1000, [4, 4, 4, 4, 4]);
    flow.seedSide('sell', 1001, [4, 4, 4, 4, 4]);
    sink.limitTimesNs.length = 0;
    flow.start(kernel);
    kernel.run({ until: s(1000) });
    const limitRatePerSide = [1, 2, 3, 4, 5].reduce((sum, i) => sum + 1.92 / Math.pow(i, 0.52), 0);
    const count = (times: number[], from: number, to: number) => times.filter((t) => t >= s(from) && t < s(to)).length;
    const expectPoisson = (observed: number, mean: number) => expect(Math.abs(observed - mean)).toBeLessThan(4.5 * Math.sqrt(mean));
    expectPoisson(count(sink.limitTimesNs, 0, 400), 2 * limitRatePerSide * 400);
    expectPoisson(count(sink.limitTimesNs, 400, 600), 2 * limitRatePerSide * 4 * 200);
    expectPoisson(count(sink.marketTimesNs, 0, 400), 2 * 0.94 * 400);
    expectPoisson(count(sink.marketTimesNs, 400, 600), 2 * 0.94 * 8 * 200);
    expect(count(sink.limitTimesNs, 600, 1000) + count(sink.marketTimesNs, 600, 1000)).toBe(0);
  });
});
