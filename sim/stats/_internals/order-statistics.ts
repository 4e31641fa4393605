/**
 * Kernels over a sample sorted ascending, shared by the public functions, `SortedSample` and the
 * bootstrap. Each kernel has two forms: on the sorted array itself, and on a resample given as
 * multiplicities (`counts[i]` copies of `sorted[i]`, the counts summing to `sorted.length`). The
 * counts may be fractional masses (a stratified resample weighs each stratum equally: stratified-bootstrap.ts);
 * the kernels read them as mass, the whole-number case being the ordinary multiset. The
 * second form is why a bootstrap never sorts a resample: a multiset over a sorted array is already
 * in order, so an order statistic is a walk over the counts from the nearer end.
 *
 * Definitions (stated once here; the public files repeat them for their readers):
 * - quantile: Hyndman & Fan (1996) type 7, h = (n - 1)p, Q = x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]), 0-based.
 * - value at risk (upper tail): x[⌈n·level⌉ - 1], the inverse empirical CDF (type 1).
 * - expected shortfall (upper tail, Acerbi & Tasche 2002): the mean of the top m = n(1 - level) units
 *   of mass, each observation carrying one unit; the boundary observation carries the fraction m - ⌊m⌋.
 */
import { InvariantViolation, invariant } from '../../invariant.ts';

/** A resample as multiplicities over a sorted sample: whole counts, or masses (stratified) summing to its length. */
export type Multiplicities = Uint32Array | Float64Array;

/** Type 7 quantile of an ascending array. */
export function quantileType7Sorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const j = Math.floor(h);
  const fraction = h - j;
  const below = sorted[j];
  // At p = 1 (or an integral h) the upper neighbour is not needed and may not exist.
  return fraction === 0 ? below : interpolate(below, sorted[j + 1], fraction);
}

/**
 * below + fraction·(above - below), capped at `above`: the rounded difference can overshoot by an ulp,
 * which would make the quantile step down where p crosses an order statistic.
 */
function interpolate(below: number, above: number, fraction: number): number {
  const value = below + fraction * (above - below);
  return value > above ? above : value;
}

/** Type 7 quantile of the multiset with counts[i] copies of sorted[i]. */
export function quantileType7Counts(sorted: Float64Array, counts: Multiplicities, p: number): number {
  const h = (sorted.length - 1) * p;
  const j = Math.floor(h);
  const fraction = h - j;
  const below = orderStatisticCounts(sorted, counts, j);
  if (fraction === 0) return below;
  return interpolate(below, orderStatisticCounts(sorted, counts, j + 1), fraction);
}

/**
 * The element at 0-based position `rank` of the multiset, walking from whichever end is nearer:
 * for an upper-tail quantile that is a walk over the top few percent of the counts only.
 */
export function orderStatisticCounts(sorted: Float64Array, counts: Multiplicities, rank: number): number {
  const n = sorted.length;
  if (rank < n / 2) {
    let seen = 0;
    for (let i = 0; i < n; i++) {
      seen += counts[i];
      if (seen > rank) return sorted[i];
    }
  } else {
    // Element i holds ranks [mass below it, mass below it + its own): from the top, the first whose mass
    // from the top reaches n - rank. With whole counts that is "more than n - 1 - rank"; with fractional
    // masses only this form agrees with the walk from the bottom.
    let seen = 0;
    for (let i = n - 1; i >= 0; i--) {
      seen += counts[i];
      if (seen >= n - rank) return sorted[i];
    }
  }
  throw new InvariantViolation(`counts sum to less than ${rank + 1}: not a resample of size ${n}`);
}

/**
 * The upper-tail mass m = n(1 - level). A level such as 0.95 is not exact in binary, so n(1 - level)
 * can land a hair off an integer (1000 × (1 - 0.95) = 50.00000000000004); snapping it keeps the
 * boundary observation where the arithmetic in decimal puts it.
 */
export function upperTailMass(n: number, level: number): number {
  const mass = n * (1 - level);
  const nearest = Math.round(mass);
  return Math.abs(mass - nearest) <= 1e-9 * Math.max(1, mass) ? nearest : mass;
}

/** 0-based position of the upper-tail value at risk: ⌈n·level⌉ - 1 = n - 1 - ⌊m⌋. */
export function valueAtRiskRank(n: number, level: number): number {
  return n - 1 - Math.min(n - 1, Math.floor(upperTailMass(n, level)));
}

export function expectedShortfallSorted(sorted: ArrayLike<number>, level: number): number {
  const n = sorted.length;
  const mass = upperTailMass(n, level);
  const whole = Math.floor(mass);
  let total = 0;
  for (let i = n - whole; i < n; i++) total += sorted[i];
  const boundaryWeight = mass - whole;
  if (boundaryWeight > 0) total += boundaryWeight * sorted[n - 1 - whole];
  return total / mass;
}

export function expectedShortfallCounts(sorted: Float64Array, counts: Multiplicities, level: number): number {
  const mass = upperTailMass(sorted.length, level);
  return upperTailSum(sorted, counts, mass) / mass;
}

/** The sum of the top `tail` of mass, `masses[i]` of it at `sorted[i]`: the numerator of an expected shortfall. */
export function upperTailSum(sorted: Float64Array, masses: ArrayLike<number>, tail: number): number {
  let remaining = tail;
  let total = 0;
  // i >= 0: fractional masses can leave a rounding residue in `remaining` after the last observation.
  for (let i = sorted.length - 1; remaining > 0 && i >= 0; i--) {
    const mass = masses[i];
    if (mass === 0) continue;
    const take = remaining < mass ? remaining : mass;
    total += take * sorted[i];
    remaining -= take;
  }
  return total;
}

export function meanCounts(sorted: Float64Array, counts: Multiplicities): number {
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += counts[i] * sorted[i];
  return total / sorted.length;
}

export function requireProbability(p: number, what: string): void {
  invariant(p >= 0 && p <= 1, () => `${what} must be in [0, 1], got ${p}`);
}

/** Tail levels exclude 1: the tail above level 1 holds no mass to average. */
export function requireTailLevel(level: number): void {
  invariant(level >= 0 && level < 1, () => `tail level must be in [0, 1), got ${level}`);
}

/**
 * Leave-one-out views of an ascending array: the array without its element of rank `i` is still
 * ascending, and its k-th element is sorted[k] below i and sorted[k + 1] from i on. With prefix sums,
 * a sum over a range of it costs O(1), so a jackknife of a quantile, a value at risk or an expected
 * shortfall is O(n) over all n left-out ranks.
 */
export class LeaveOneOut {
  private readonly prefix: Float64Array;

  constructor(private readonly sorted: Float64Array) {
    this.prefix = new Float64Array(sorted.length + 1);
    for (let k = 0; k < sorted.length; k++) this.prefix[k + 1] = this.prefix[k] + sorted[k];
  }

  /** Element k of the array without rank i. */
  at(i: number, k: number): number {
    return this.sorted[k < i ? k : k + 1];
  }

  /** Sum of elements lo..hi (inclusive) of the array without rank i. */
  sum(i: number, lo: number, hi: number): number {
    if (hi < lo) return 0;
    const p = this.prefix;
    if (i <= lo) return p[hi + 2] - p[lo + 1];
    if (i > hi) return p[hi + 1] - p[lo];
    return p[i] - p[lo] + (p[hi + 2] - p[i + 1]);
  }
}

/** The type 7 quantile of the array without each rank in turn. */
export function quantileType7LeaveOneOut(sorted: Float64Array, p: number): Float64Array {
  const n = sorted.length;
  const view = new LeaveOneOut(sorted);
  const h = (n - 2) * p;
  const j = Math.floor(h);
  const fraction = h - j;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fraction === 0 ? view.at(i, j) : interpolate(view.at(i, j), view.at(i, j + 1), fraction);
  return out;
}

/** The value at risk of the array without each rank in turn. */
export function valueAtRiskLeaveOneOut(sorted: Float64Array, level: number): Float64Array {
  const n = sorted.length;
  const view = new LeaveOneOut(sorted);
  const rank = valueAtRiskRank(n - 1, level);
  return Float64Array.from({ length: n }, (_, i) => view.at(i, rank));
}

/** The expected shortfall of the array without each rank in turn. */
export function expectedShortfallLeaveOneOut(sorted: Float64Array, level: number): Float64Array {
  const n = sorted.length;
  const view = new LeaveOneOut(sorted);
  const mass = upperTailMass(n - 1, level);
  const whole = Math.floor(mass);
  const boundaryWeight = mass - whole;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let total = view.sum(i, n - 1 - whole, n - 2);
    if (boundaryWeight > 0) total += boundaryWeight * view.at(i, n - 2 - whole);
    out[i] = total / mass;
  }
  return out;
}

/** The mean of the array without each rank in turn. */
export function meanLeaveOneOut(sorted: Float64Array): Float64Array {
  const n = sorted.length;
  let total = 0;
  for (let k = 0; k < n; k++) total += sorted[k];
  return Float64Array.from(sorted, (value) => (total - value) / (n - 1));
}
