// VALIDATION.md "Order book flow" (Cont, Stoikov & Talreja 2010): with the spread at one tick, the best
// bid and ask queues are independent birth-death chains (birth lambda(1), death mu + theta(1) q), and
// the next mid move is up iff the ask queue empties first. The test solves that absorbing chain
// itself and compares the default CST flow, driving the real book on the kernel, with it.
import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { OrderBook, OrderIdCounter } from '../../../venues/book/index.ts';
import { CstFlow } from '../../../venues/flow/index.ts';

// The published fit, restated here rather than read from the code under test.
const K = 1.92;
const MU = 0.94;
const THETA_1 = 0.71;
const BIRTH = K; // lambda(1) = k / 1^alpha

/**
 * P(ask queue empties before the bid queue | bid b, ask a), by Gauss-Seidel on the embedded jump
 * chain, queues truncated at `cap` (no births there; the death rate at the cap makes that mass negligible).
 */
function probabilityUpExact(b: number, a: number, cap = 120): number {
  const h = Array.from({ length: cap + 1 }, (_, x) => new Float64Array(cap + 1).fill(x === 0 ? 0 : 0.5));
  for (let x = 1; x <= cap; x++) h[x][0] = 1;
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    for (let x = 1; x <= cap; x++) {
      for (let y = 1; y <= cap; y++) {
        const birthX = x < cap ? BIRTH : 0;
        const birthY = y < cap ? BIRTH : 0;
        const deathX = MU + THETA_1 * x;
        const deathY = MU + THETA_1 * y;
        const value =
          (birthX * (x < cap ? h[x + 1][y] : 0) + deathX * h[x - 1][y] + birthY * (y < cap ? h[x][y + 1] : 0) + deathY * h[x][y - 1]) /
          (birthX + birthY + deathX + deathY);
        change = Math.max(change, Math.abs(value - h[x][y]));
        h[x][y] = value;
      }
    }
    if (change < 1e-13) return h[b][a];
  }
  throw new Error('absorbing chain did not converge');
}

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
  for (const [b, a] of [
    [1, 1],
    [1, 3],
    [3, 1],
    [2, 5],
    [6, 2],
  ] as const) {
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
