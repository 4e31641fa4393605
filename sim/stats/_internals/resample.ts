/**
 * The steps every bootstrap here shares: drawing a resample as multiplicities, sorting the replicates,
 * and reading the percentile interval off them.
 */
import { invariant } from '../../invariant.ts';
import type { UniformSource } from '../../random.ts';
import { quantileType7Sorted } from './order-statistics.ts';

/**
 * Fills `counts` with a uniform resample of size counts.length drawn with replacement: one uniform
 * per draw, in draw order, so a seed fixes the resample. The index is ⌊u·n⌋; with 32-bit uniforms
 * its bias is below n / 2^32 (5e-7 at n = 2000).
 */
export function drawResampleCounts(counts: Uint32Array, rng: UniformSource): void {
  const n = counts.length;
  counts.fill(0);
  for (let draw = 0; draw < n; draw++) counts[(rng.next() * n) | 0]++;
}

export function requireResampleOptions(resamples: number, level: number): void {
  invariant(Number.isInteger(resamples) && resamples >= 2, () => `resamples must be an integer >= 2, got ${resamples}`);
  invariant(level > 0 && level < 1, () => `confidence level must be in (0, 1), got ${level}`);
}

/** Sorts the replicates in place, refusing a NaN among them (it would sort last and pass unseen). */
export function sortReplicates(replicates: Float64Array): Float64Array {
  replicates.sort();
  invariant(!Number.isNaN(replicates[replicates.length - 1]), 'a bootstrap replicate of the statistic is NaN');
  return replicates;
}

/** The type 7 quantiles of the replicates at (1 - level)/2 and (1 + level)/2; sorts `replicates` in place. */
export function percentileBounds(replicates: Float64Array, level: number): { low: number; high: number } {
  sortReplicates(replicates);
  return {
    low: quantileType7Sorted(replicates, (1 - level) / 2),
    high: quantileType7Sorted(replicates, (1 + level) / 2),
  };
}
