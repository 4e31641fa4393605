// VALIDATION.md "Order book flow" (Cont, Stoikov & Talreja 2010): the endogenous CST flow, driving the
// real book on the kernel, against the absorbing chain's next-mid-move probability (cst-chain.ts).
import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { OrderBook, OrderIdCounter } from '../../../venues/book/index.ts';
import { CstFlow } from '../../../venues/flow/index.ts';
import { probabilityUpExact, QUEUE_PAIRS } from './cst-chain.ts';

const BID_TICKS = 1000;
const ASK_TICKS = BID_TICKS + 1;

/** One trial: bid queue b at BID_TICKS, ask queue a one tick above, deeper levels as the flow's starting book; run until a best queue empties. */
function nextMoveIsUp(b: number, a: number, seed: string): boolean {
  const kernel = new Kernel();
  const book = new OrderBook();
  const flow = new CstFlow(
    { timeUnitNs: NS_PER_S, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: BID_TICKS },
    book,
    new OrderIdCounter(),
    new RandomStreams(seed),
  );
  flow.seedSide('buy', BID_TICKS, [b, 2, 2, 2, 2]);
  flow.seedSide('sell', ASK_TICKS, [a, 2, 2, 2, 2]);
  flow.start(kernel);
  while (true) {
    kernel.run({ maxEvents: 1 });
    if (book.bestAskTicks() !== ASK_TICKS) return true;
    if (book.bestBidTicks() !== BID_TICKS) return false;
  }
}

describe('CST flow: next mid move from best queue sizes', () => {
  const trials = 5000;
  for (const [b, a] of QUEUE_PAIRS) {
    it(`matches the absorbing-chain probability of an up move from (bid ${b}, ask ${a})`, () => {
      const exact = probabilityUpExact(b, a);
      let up = 0;
      for (let trial = 0; trial < trials; trial++) if (nextMoveIsUp(b, a, `cst-mid/${b}/${a}/${trial}`)) up++;
      const standardError = Math.sqrt((exact * (1 - exact)) / trials);
      expect(Math.abs(up / trials - exact)).toBeLessThan(4.5 * standardError);
    });
  }

  it('has symmetric and monotone exact probabilities (a check on the test chain itself)', () => {
    expect(probabilityUpExact(2, 2)).toBeCloseTo(0.5, 10);
    expect(probabilityUpExact(3, 1) + probabilityUpExact(1, 3)).toBeCloseTo(1, 10);
    expect(probabilityUpExact(5, 1)).toBeGreaterThan(probabilityUpExact(2, 1));
  });
});
