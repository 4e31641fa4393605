/**
 * Fixed-width histogram. Bin i covers [edges[i], edges[i+1]); the last bin also takes its right edge,
 * so with the default range (the sample's min to max) every observation lands in a bin. With an explicit
 * range, observations outside it are counted in `below` and `above` rather than silently dropped.
 * A sample with a single distinct value and no range gets a unit-wide range centred on it, as NumPy does.
 */
import { invariant } from '../invariant.ts';
import { requireFiniteSample } from './_internals/sort-ascending.ts';

export interface HistogramOptions {
  /** Number of bins (≥ 1). */
  bins: number;
  /** Left edge of the first bin; default the sample minimum. In the sample's units. */
  low?: number;
  /** Right edge of the last bin; default the sample maximum. In the sample's units. */
  high?: number;
}

export interface Histogram {
  /** bins + 1 edges, ascending. */
  readonly edges: Float64Array;
  readonly counts: Uint32Array;
  readonly binWidth: number;
  /** Observations below edges[0]. */
  readonly below: number;
  /** Observations above edges[bins]. */
  readonly above: number;
}

function sampleRange(sample: ArrayLike<number>): { min: number; max: number } {
  let min = sample[0];
  let max = sample[0];
  for (let i = 1; i < sample.length; i++) {
    if (sample[i] < min) min = sample[i];
    if (sample[i] > max) max = sample[i];
  }
  return min === max ? { min: min - 0.5, max: max + 0.5 } : { min, max };
}

export function histogram(sample: ArrayLike<number>, { bins, low, high }: HistogramOptions): Histogram {
  requireFiniteSample(sample, 'histogram');
  invariant(Number.isInteger(bins) && bins >= 1, () => `bins must be an integer >= 1, got ${bins}`);
  const defaults = low === undefined || high === undefined ? sampleRange(sample) : { min: low, max: high };
  const left = low ?? defaults.min;
  const right = high ?? defaults.max;
  invariant(
    Number.isFinite(left) && Number.isFinite(right) && right > left,
    () => `histogram range must satisfy low < high, got [${left}, ${right}]`,
  );

  const binWidth = (right - left) / bins;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) edges[i] = left + i * binWidth;
  edges[bins] = right;
  const counts = new Uint32Array(bins);
  let below = 0;
  let above = 0;
  for (let i = 0; i < sample.length; i++) {
    const value = sample[i];
    if (value < left) below++;
    else if (value > right) above++;
    else {
      let bin = Math.min(bins - 1, Math.floor((value - left) / binWidth));
      // The division can round across an edge; the edges array is what a reader sees, so it decides.
      if (value < edges[bin]) bin--;
      else if (bin < bins - 1 && value >= edges[bin + 1]) bin++;
      counts[bin]++;
    }
  }
  return { edges, counts, binWidth, below, above };
}
