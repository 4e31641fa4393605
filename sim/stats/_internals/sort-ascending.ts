/**
 * The one place a sample is copied, checked and sorted. A non-finite value in a cost sample is a bug
 * upstream (a NaN would sort to the end and pose as the worst outcome), so it throws here, naming where.
 */
import { invariant } from '../../invariant.ts';

export function requireFiniteSample(sample: ArrayLike<number>, what: string): void {
  invariant(sample.length > 0, () => `${what}: the sample is empty`);
  for (let i = 0; i < sample.length; i++) {
    const value = sample[i];
    invariant(Number.isFinite(value), () => `${what}: sample[${i}] is ${value}, expected a finite number`);
  }
}

/** A sorted copy; the caller's array is never reordered. */
export function sortAscending(sample: ArrayLike<number>, what: string): Float64Array {
  requireFiniteSample(sample, what);
  // Float64Array#sort compares numerically (and is several times faster than Array#sort with a comparator).
  return Float64Array.from(sample).sort();
}

/** Positions 0..n-1 ordered by value (ties by position): rank[i] is where sample[i] sits once sorted. */
export function ranksAscending(sample: ArrayLike<number>): Uint32Array {
  const n = sample.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => sample[i] - sample[j] || i - j);
  const rank = new Uint32Array(n);
  for (let position = 0; position < n; position++) rank[order[position]] = position;
  return rank;
}
