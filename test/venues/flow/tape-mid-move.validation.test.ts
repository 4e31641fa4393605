// VALIDATION.md "Order book flow" for the exogenous mode: the CST flow recorded as a tape and replayed into
// a fresh book (the path every scenario's market now takes) moves its mid as the absorbing chain says.
import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { OrderBook, OrderIdCounter } from '../../../venues/book/index.ts';
import { recordCstTape, TapeReplay } from '../../../venues/flow/index.ts';
import { probabilityUpExact, QUEUE_PAIRS } from './cst-chain.ts';

const BID_TICKS = 1000;
const ASK_TICKS = BID_TICKS + 1;

/** Whether the next move is up; a tape that ends first is drawn again, longer, from the same seed (its start is the same). */
function nextMoveIsUp(b: number, a: number, seed: string, tapeSeconds = 4): boolean {
  const tape = recordCstTape(
    { timeUnitNs: NS_PER_S, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: BID_TICKS, startingDepthOrders: { buy: [b, 2, 2, 2, 2], sell: [a, 2, 2, 2, 2] }, untilNs: tapeSeconds * NS_PER_S },
    new RandomStreams(seed),
  );
  const kernel = new Kernel();
  const book = new OrderBook();
  new TapeReplay(tape, book, new OrderIdCounter(), 0).start(kernel);
  while (kernel.pendingCount > 0) {
    kernel.run({ maxEvents: 1 });
    if (book.bestAskTicks() !== ASK_TICKS) return true;
    if (book.bestBidTicks() !== BID_TICKS) return false;
  }
  if (tapeSeconds >= 240) throw new Error(`no mid move within ${tapeSeconds} s of tape (seed ${seed})`);
  return nextMoveIsUp(b, a, seed, tapeSeconds * 4);
}

describe('exogenous CST tape: next mid move from best queue sizes', () => {
  const trials = 3000;
  for (const [b, a] of QUEUE_PAIRS) {
    it(`matches the absorbing-chain probability of an up move from (bid ${b}, ask ${a})`, () => {
      const exact = probabilityUpExact(b, a);
      let up = 0;
      for (let trial = 0; trial < trials; trial++) if (nextMoveIsUp(b, a, `tape-mid/${b}/${a}/${trial}`)) up++;
      const standardError = Math.sqrt((exact * (1 - exact)) / trials);
      expect(Math.abs(up / trials - exact)).toBeLessThan(4.5 * standardError);
    });
  }
});
