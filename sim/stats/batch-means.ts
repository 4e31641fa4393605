/**
 * Batch-means confidence interval for the mean of a steady-state series (a queue length sampled at
 * fixed intervals, successive waits): the observations are autocorrelated, so the naive s/√n interval
 * is far too narrow. Split the series into k contiguous batches of equal size m; when m is long against
 * the correlation time the batch means are nearly independent and nearly normal, and
 *   mean ± t_{(1+level)/2, k-1} · s_batch / √k
 * covers the steady-state mean at about the nominal level (Law & Kelton, Simulation Modeling and Analysis,
 * §9.5.3). The series is assumed already past its warm-up: deleting the transient is the caller's job.
 *
 * When n is not a multiple of k, the first n - k·m observations are dropped (they are the ones nearest
 * the transient). Parameters: `batches` is a count (k ≥ 2; 10 to 30 is the usual choice).
 */
import { invariant } from '../invariant.ts';
import { requireFiniteSample } from './_internals/sort-ascending.ts';
import { studentTQuantile } from './student-t.ts';

export interface BatchMeansOptions {
  /** Number of batches k; default 20. */
  batches?: number;
  /** Two-sided confidence level; default 0.95. */
  level?: number;
}

export interface BatchMeansInterval {
  /** The grand mean of the observations used (the mean of the batch means). */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly halfWidth: number;
  readonly level: number;
  readonly batches: number;
  readonly batchSize: number;
  /** Observations dropped from the start so that the batches are equal. */
  readonly dropped: number;
}

export function batchMeansInterval(
  series: ArrayLike<number>,
  { batches = 20, level = 0.95 }: BatchMeansOptions = {},
): BatchMeansInterval {
  requireFiniteSample(series, 'batchMeansInterval');
  invariant(Number.isInteger(batches) && batches >= 2, () => `batches must be an integer >= 2, got ${batches}`);
  invariant(level > 0 && level < 1, () => `confidence level must be in (0, 1), got ${level}`);
  const batchSize = Math.floor(series.length / batches);
  invariant(batchSize >= 1, () => `${series.length} observations cannot fill ${batches} batches`);
  const dropped = series.length - batches * batchSize;

  const batchMeans = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    const start = dropped + b * batchSize;
    let total = 0;
    for (let i = start; i < start + batchSize; i++) total += series[i];
    batchMeans[b] = total / batchSize;
  }
  let estimate = 0;
  for (let b = 0; b < batches; b++) estimate += batchMeans[b];
  estimate /= batches;
  let squares = 0;
  for (let b = 0; b < batches; b++) squares += (batchMeans[b] - estimate) ** 2;
  const standardError = Math.sqrt(squares / (batches - 1) / batches);
  const halfWidth = studentTQuantile((1 + level) / 2, batches - 1) * standardError;
  return {
    estimate,
    low: estimate - halfWidth,
    high: estimate + halfWidth,
    halfWidth,
    level,
    batches,
    batchSize,
    dropped,
  };
}
