// The exact next-mid-move probability of the CST model (VALIDATION.md "Order book flow"), for tests of
// every flow that claims CST touch dynamics. With the spread at one tick the best bid and ask queues
// are independent birth-death chains (birth lambda(1), death mu + theta(1) q); the next mid move is up
// iff the ask queue empties first. The published fit is restated here, not read from the code under test.

const K = 1.92;
const MU = 0.94;
const THETA_1 = 0.71;
const BIRTH = K; // lambda(1) = k / 1^alpha

/**
 * P(ask queue empties before the bid queue | bid b, ask a), by Gauss-Seidel on the embedded jump
 * chain, queues truncated at `cap` (no births there; the death rate at the cap makes that mass negligible).
 */
export function probabilityUpExact(b: number, a: number, cap = 120): number {
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

/** The (bid, ask) queue sizes the validation tests start from. */
export const QUEUE_PAIRS = [
  [1, 1],
  [1, 3],
  [3, 1],
  [2, 5],
  [6, 2],
] as const;
