/**
 * Efron's bias-corrected and accelerated (BCa) bootstrap interval (Efron 1987, "Better bootstrap
 * confidence intervals", JASA 82; Efron & Tibshirani 1993, ch. 14): the percentile interval read at
 * levels moved by the bias z0 (where the estimate falls among the replicates) and the acceleration a
 * (the skewness of the jackknife values). The percentile interval of a tail statistic or of a mean of
 * skewed costs covers less than it says at the seed counts a drill runs (VALIDATION T8); BCa corrects
 * most of that at O(n) extra cost per interval (statistic.ts' leaveOneOut).
 */
import { quantileType7Sorted } from './order-statistics.ts';
import { normalCdf, normalQuantile } from './standard-normal.ts';

/** The acceleration from jackknife values: sum d³ / (6 (sum d²)^1.5), d = mean - value; 0 when they do not vary. */
export function acceleration(jackknife: ArrayLike<number>): number {
  const n = jackknife.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += jackknife[i];
  mean /= n;
  let squares = 0;
  let cubes = 0;
  for (let i = 0; i < n; i++) {
    const d = mean - jackknife[i];
    squares += d * d;
    cubes += d * d * d;
  }
  // Relative to the values' scale, so that rounding noise in equal values does not read as skew.
  return squares <= 1e-24 * Math.max(1, mean * mean) * n ? 0 : cubes / (6 * squares ** 1.5);
}

/**
 * The BCa bounds, from replicates sorted ascending. z0 counts a replicate equal to the estimate as half
 * below (many ties: a difference that is 0 on most pairs), and is kept within the replicates' own
 * resolution (±Φ⁻¹(1 - 1/2B)) so that an estimate outside every replicate does not send a level to 0 or 1.
 */
export function bcaBounds(sortedReplicates: Float64Array, estimate: number, accel: number, level: number): { low: number; high: number } {
  const count = sortedReplicates.length;
  let below = 0;
  for (let r = 0; r < count; r++) {
    const value = sortedReplicates[r];
    if (value < estimate) below++;
    else if (value === estimate) below += 0.5;
    else break;
  }
  const resolution = 0.5 / count;
  const z0 = normalQuantile(Math.min(1 - resolution, Math.max(resolution, below / count)));
  const adjusted = (p: number): number => {
    const z = z0 + normalQuantile(p);
    const denominator = 1 - accel * z;
    // Past the pole of the correction the level runs off to an end: take that end.
    if (denominator <= 0) return p < 0.5 ? 0 : 1;
    return normalCdf(z0 + z / denominator);
  };
  return {
    low: quantileType7Sorted(sortedReplicates, adjusted((1 - level) / 2)),
    high: quantileType7Sorted(sortedReplicates, adjusted((1 + level) / 2)),
  };
}
