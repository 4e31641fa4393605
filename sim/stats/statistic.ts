/**
 * Statistics the bootstrap can evaluate on a resample without sorting it. A resample of a sample
 * sorted ascending is a vector of multiplicities over it (`counts[i]` copies of `sorted[i]`, summing
 * to n), and a multiset over a sorted array is already in order: an upper quantile is a walk over the
 * top few percent of the counts, a mean one pass. That turns each bootstrap replicate from a sort of n
 * values into n counter increments.
 *
 * Named implementations: `quantileStatistic(p)` (type 7), `valueAtRiskStatistic(level)`,
 * `expectedShortfallStatistic(level)` (upper tail, Acerbi & Tasche), `meanStatistic`, and
 * `sortedStatistic(name, fn)` for anything else (it lays the resample out in order, still without sorting).
 */
import {
  expectedShortfallCounts,
  expectedShortfallLeaveOneOut,
  expectedShortfallSorted,
  meanCounts,
  meanLeaveOneOut,
  orderStatisticCounts,
  quantileType7Counts,
  quantileType7LeaveOneOut,
  quantileType7Sorted,
  requireProbability,
  requireTailLevel,
  valueAtRiskLeaveOneOut,
  valueAtRiskRank,
  type Multiplicities,
} from './_internals/order-statistics.ts';
import { invariant } from '../invariant.ts';

export interface Statistic {
  /** For reports: `q0.95`, `es0.95`, `mean`. */
  readonly name: string;
  /** The statistic of a sample sorted ascending. */
  ofSorted(sorted: Float64Array): number;
  /**
   * The statistic of the multiset holding counts[i] copies of sorted[i]; the counts sum to sorted.length.
   * Counts may be fractional masses (a stratified resample), read as weights.
   */
  ofCounts(sorted: Float64Array, counts: Multiplicities): number;
  /** The statistic of the sample without its element of rank i, for every i (the jackknife; n >= 2). */
  leaveOneOut(sorted: Float64Array): Float64Array;
}

export function quantileStatistic(p: number): Statistic {
  requireProbability(p, 'quantile p');
  return {
    name: `q${p}`,
    ofSorted: (sorted) => quantileType7Sorted(sorted, p),
    ofCounts: (sorted, counts) => quantileType7Counts(sorted, counts, p),
    leaveOneOut: (sorted) => quantileType7LeaveOneOut(sorted, p),
  };
}

export function valueAtRiskStatistic(level: number): Statistic {
  requireTailLevel(level);
  return {
    name: `var${level}`,
    ofSorted: (sorted) => sorted[valueAtRiskRank(sorted.length, level)],
    ofCounts: (sorted, counts) => orderStatisticCounts(sorted, counts, valueAtRiskRank(sorted.length, level)),
    leaveOneOut: (sorted) => valueAtRiskLeaveOneOut(sorted, level),
  };
}

export function expectedShortfallStatistic(level: number): Statistic {
  requireTailLevel(level);
  return {
    name: `es${level}`,
    ofSorted: (sorted) => expectedShortfallSorted(sorted, level),
    ofCounts: (sorted, counts) => expectedShortfallCounts(sorted, counts, level),
    leaveOneOut: (sorted) => expectedShortfallLeaveOneOut(sorted, level),
  };
}

export const meanStatistic: Statistic = {
  name: 'mean',
  ofSorted: (sorted) => {
    let total = 0;
    for (let i = 0; i < sorted.length; i++) total += sorted[i];
    return total / sorted.length;
  },
  ofCounts: meanCounts,
  leaveOneOut: meanLeaveOneOut,
};

/**
 * Any statistic of a sorted sample. On a resample it writes the multiset out in order into a buffer
 * reused across replicates (O(n), no sort), so `fn` must not keep the array it is given. It needs
 * whole counts: a fractional mass (a stratified resample of unequal strata) cannot be laid out as copies.
 */
export function sortedStatistic(name: string, fn: (sorted: Float64Array) => number): Statistic {
  // One buffer per sample length: an unpaired difference alternates between two lengths.
  const buffers = new Map<number, Float64Array>();
  return {
    name,
    ofSorted: fn,
    ofCounts: (sorted, counts) => {
      let buffer = buffers.get(sorted.length);
      if (buffer === undefined) {
        buffer = new Float64Array(sorted.length);
        buffers.set(sorted.length, buffer);
      }
      let at = 0;
      for (let i = 0; i < sorted.length; i++) {
        const value = sorted[i];
        invariant(Number.isInteger(counts[i]), () => `${name}: a fractional mass ${counts[i]} cannot be laid out as copies`);
        for (let c = counts[i]; c > 0; c--) buffer[at++] = value;
      }
      return fn(buffer);
    },
    // O(n²), as `fn` is opaque: each left-out sample is laid out anew.
    leaveOneOut: (sorted) => {
      const without = new Float64Array(sorted.length - 1);
      return Float64Array.from(sorted, (_, i) => {
        without.set(sorted.subarray(0, i));
        without.set(sorted.subarray(i + 1), i);
        return fn(without);
      });
    },
  };
}
