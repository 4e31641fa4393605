/**
 * The one-line summary a report prints for a sample of costs or latencies. Quantiles are type 7
 * (see quantile.ts); `sd` is the sample standard deviation (divisor n - 1), NaN for a single
 * observation as in R, because one value says nothing about spread.
 */
import { quantileType7Sorted } from './_internals/order-statistics.ts';
import { sortAscending } from './_internals/sort-ascending.ts';

export interface Summary {
  readonly count: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export function summarize(sample: ArrayLike<number>): Summary {
  const sorted = sortAscending(sample, 'summarize');
  const count = sorted.length;
  let total = 0;
  for (let i = 0; i < count; i++) total += sorted[i];
  const mean = total / count;
  // Two passes: the sum of squared deviations from the mean does not cancel the way Σx² - n·mean² does.
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (sorted[i] - mean) ** 2;
  return {
    count,
    mean,
    sd: count > 1 ? Math.sqrt(squares / (count - 1)) : Number.NaN,
    min: sorted[0],
    max: sorted[count - 1],
    p50: quantileType7Sorted(sorted, 0.5),
    p95: quantileType7Sorted(sorted, 0.95),
    p99: quantileType7Sorted(sorted, 0.99),
  };
}
