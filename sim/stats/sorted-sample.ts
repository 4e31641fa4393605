/**
 * A sample sorted once, for repeated questions about it: a report that asks for p50, p95, p99, VaR
 * and CVaR of the same costs sorts once and then answers each in O(1) (quantiles) or O(tail) (ES).
 * The constructor is private so that holding a `SortedSample` means holding sorted, finite data.
 *
 * Definitions: quantiles are Hyndman & Fan type 7 (see quantile.ts); value at risk and expected
 * shortfall are upper-tail, Acerbi & Tasche (2002) (see tail-risk.ts).
 */
import {
  expectedShortfallSorted,
  quantileType7Sorted,
  requireProbability,
  requireTailLevel,
  valueAtRiskRank,
} from './_internals/order-statistics.ts';
import { sortAscending } from './_internals/sort-ascending.ts';

export class SortedSample {
  private constructor(readonly values: Float64Array) {}

  /** Copies and sorts `sample`; throws on an empty sample or a non-finite value. */
  static of(sample: ArrayLike<number>): SortedSample {
    return new SortedSample(sortAscending(sample, 'SortedSample.of'));
  }

  get count(): number {
    return this.values.length;
  }

  get min(): number {
    return this.values[0];
  }

  get max(): number {
    return this.values[this.values.length - 1];
  }

  quantile(p: number): number {
    requireProbability(p, 'quantile p');
    return quantileType7Sorted(this.values, p);
  }

  valueAtRisk(level: number): number {
    requireTailLevel(level);
    return this.values[valueAtRiskRank(this.values.length, level)];
  }

  expectedShortfall(level: number): number {
    requireTailLevel(level);
    return expectedShortfallSorted(this.values, level);
  }
}
