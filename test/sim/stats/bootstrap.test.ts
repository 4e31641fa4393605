import { describe, expect, it } from 'vitest';
import {
  bootstrapInterval,
  Exponential,
  InvariantViolation,
  meanStatistic,
  pairedBootstrapDifference,
  quantileStatistic,
  RandomStreams,
  unpairedBootstrapDifference,
} from '../../../sim/index.ts';

function exponentialSample(seed: string, n: number): Float64Array {
  const rng = new RandomStreams(seed).get('sample');
  const exponential = new Exponential(1);
  return Float64Array.from({ length: n }, () => exponential.sample(rng));
}

const resampler = (seed: string) => new RandomStreams(seed).get('bootstrap.indices');

describe('bootstrap intervals', () => {
  const sample = exponentialSample('bootstrap-unit', 400);

  it('gives the same interval for the same stream seed and a different one for another', () => {
    const q95 = quantileStatistic(0.95);
    const first = bootstrapInterval(sample, q95, { rng: resampler('x'), resamples: 300 });
    const again = bootstrapInterval(sample, q95, { rng: resampler('x'), resamples: 300 });
    const other = bootstrapInterval(sample, q95, { rng: resampler('y'), resamples: 300 });
    expect(again).toEqual(first);
    expect([other.low, other.high]).not.toEqual([first.low, first.high]);
  });

  it('reports the statistic of the original sample as the estimate, with level and resample count', () => {
    const interval = bootstrapInterval([3, 1, 4, 1, 5, 9, 2, 6], meanStatistic, { rng: resampler('m'), resamples: 50, level: 0.9 });
    expect(interval).toMatchObject({ statistic: 'mean', estimate: 31 / 8, level: 0.9, resamples: 50 });
    expect(interval.low).toBeLessThanOrEqual(interval.high);
  });

  it('agrees with the normal-theory interval for the mean of 2000 Exp(1) draws (CLT), within 10% of its half-width', () => {
    const large = exponentialSample('bootstrap-clt', 2000);
    const n = large.length;
    const mean = large.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(large.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    const halfWidth = (1.959964 * sd) / Math.sqrt(n);
    const interval = bootstrapInterval(large, meanStatistic, { rng: resampler('clt'), resamples: 4000 });
    expect(interval.estimate).toBeCloseTo(mean, 12);
    expect(Math.abs(interval.low - (mean - halfWidth))).toBeLessThan(0.1 * halfWidth);
    expect(Math.abs(interval.high - (mean + halfWidth))).toBeLessThan(0.1 * halfWidth);
  });

  it('resamples pairs jointly: b = a + 3 gives every replicate q0.95(b*) - q0.95(a*) = 3', () => {
    const shifted = sample.map((x) => x + 3);
    const q95 = quantileStatistic(0.95);
    const paired = pairedBootstrapDifference(sample, shifted, q95, { rng: resampler('shift'), resamples: 200 });
    expect(paired.statistic).toBe('q0.95(b) - q0.95(a)');
    expect(paired.low).toBeCloseTo(3, 12);
    expect(paired.high).toBeCloseTo(3, 12);
    expect(paired.excludesZero).toBe(true);
    // Resampled independently, the same two samples give an interval hundreds of times wider.
    const unpaired = unpairedBootstrapDifference(sample, shifted, q95, { rng: resampler('shift'), resamples: 200 });
    expect(unpaired.high - unpaired.low).toBeGreaterThan(0.5);
  });

  it('does not exclude zero when both samples are the same draws resampled independently', () => {
    const interval = unpairedBootstrapDifference(sample, sample, quantileStatistic(0.5), { rng: resampler('same') });
    expect(interval.estimate).toBe(0);
    expect(interval.low).toBeLessThan(0);
    expect(interval.high).toBeGreaterThan(0);
    expect(interval.excludesZero).toBe(false);
  });

  it('accepts unpaired samples of different sizes and refuses paired ones', () => {
    const shorter = sample.subarray(0, 100);
    const q50 = quantileStatistic(0.5);
    expect(() => unpairedBootstrapDifference(sample, shorter, q50, { rng: resampler('u'), resamples: 20 })).not.toThrow();
    expect(() => pairedBootstrapDifference(sample, shorter, q50, { rng: resampler('p'), resamples: 20 })).toThrow(InvariantViolation);
  });

  it('refuses fewer than two resamples and a level outside (0, 1)', () => {
    expect(() => bootstrapInterval(sample, meanStatistic, { rng: resampler('r'), resamples: 1 })).toThrow(InvariantViolation);
    expect(() => bootstrapInterval(sample, meanStatistic, { rng: resampler('r'), level: 1 })).toThrow(InvariantViolation);
  });

  it('VALIDATION.md T6: on the T5 pairs the paired CI is narrower than half the unpaired one', () => {
    // A ~ Exp(1), B = 1.1·A on the same uniforms, n = 2000, as in T5; 100 repetitions, each compared.
    const streams = new RandomStreams('validation-T6');
    const uniforms = streams.get('sample.uniforms');
    const resampling = streams.get('bootstrap.indices');
    const q95 = quantileStatistic(0.95);
    const a = new Float64Array(2000);
    const b = new Float64Array(2000);
    const ratios: number[] = [];
    for (let rep = 0; rep < 100; rep++) {
      for (let i = 0; i < a.length; i++) {
        a[i] = -Math.log(1 - uniforms.next());
        b[i] = 1.1 * a[i];
      }
      const options = { rng: resampling, resamples: 500, level: 0.95 };
      const paired = pairedBootstrapDifference(a, b, q95, options);
      const unpaired = unpairedBootstrapDifference(a, b, q95, options);
      ratios.push((paired.high - paired.low) / (unpaired.high - unpaired.low));
    }
    const worst = Math.max(...ratios);
    const meanRatio = ratios.reduce((s, r) => s + r, 0) / ratios.length;
    console.log(`T6: paired/unpaired CI width, mean ${meanRatio.toFixed(4)}, worst of 100 ${worst.toFixed(4)}`);
    expect(worst).toBeLessThan(0.5);
  });
});
