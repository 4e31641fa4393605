/**
 * Sample quantiles, Hyndman & Fan (1996) type 7: with the sample sorted ascending as x[0..n-1] and
 * h = (n - 1)p, Q(p) = x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋ + 1] - x[⌊h⌋]).
 *
 * Why type 7: it is the default of R's `quantile`, NumPy's `percentile` and Excel's PERCENTILE.INC,
 * so a p95 in an execdrill report is the number an engineer gets by loading the same costs into any of
 * them. It is continuous in the data, stays within [min, max], and gives the median as the midpoint
 * for even n.
 *
 * Each call sorts a copy: use `quantiles` for several p, or `SortedSample` for repeated calls.
 */
import { quantileType7Sorted, requireProbability } from './_internals/order-statistics.ts';
import { sortAscending } from './_internals/sort-ascending.ts';

export function quantile(sample: ArrayLike<number>, p: number): number {
  requireProbability(p, 'quantile p');
  return quantileType7Sorted(sortAscending(sample, 'quantile'), p);
}

/** Type 7 quantiles at each p, sorting the sample once; results in the order of `ps`. */
export function quantiles(sample: ArrayLike<number>, ps: readonly number[]): number[] {
  for (const p of ps) requireProbability(p, 'quantile p');
  const sorted = sortAscending(sample, 'quantiles');
  return ps.map((p) => quantileType7Sorted(sorted, p));
}
