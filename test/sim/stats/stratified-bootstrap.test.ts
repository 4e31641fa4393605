import { describe, expect, it } from 'vitest';
import { bootstrapInterval, expectedShortfallStatistic, meanStatistic, pairedBootstrapDifference, quantileStatistic, RandomStreams } from '../../../sim/index.ts';

const resampler = (seed: string) => new RandomStreams(seed).get('bootstrap.indices');

/** n observations in k strata (i mod k), each stratum's values shifted by 10 x its index plus Exp(1) noise. */
function stratifiedSample(seed: string, n: number, k: number): { sample: Float64Array; strata: Int32Array } {
  const rng = new RandomStreams(seed).get('sample');
  const strata = Int32Array.from({ length: n }, (_, i) => i % k);
  const sample = Float64Array.from(strata, (stratum) => 10 * stratum - Math.log(1 - rng.next()));
  return { sample, strata };
}

describe('stratified bootstrap', () => {
  it('estimates the plain statistic when every stratum has the same count', () => {
    const { sample, strata } = stratifiedSample('balanced', 64, 4);
    for (const statistic of [quantileStatistic(0.95), meanStatistic, expectedShortfallStatistic(0.95)]) {
      const stratified = bootstrapInterval(sample, statistic, { rng: resampler('s'), resamples: 50, strata });
      const plain = bootstrapInterval(sample, statistic, { rng: resampler('s'), resamples: 50 });
      expect(stratified.estimate).toBe(plain.estimate);
      expect(stratified.strata).toBe(4);
    }
  });

  it('weighs each stratum by 1/K, not by its count, when the strata are unequal', () => {
    // Stratum 0 has three observations, stratum 1 two: the mean of the stratum means is (1 + 10) / 2.
    const interval = bootstrapInterval([0, 1, 2, 9, 11], meanStatistic, { rng: resampler('w'), resamples: 50, strata: [0, 0, 0, 1, 1] });
    expect(interval.estimate).toBeCloseTo(5.5, 12);
    // Stratum 1's two observations hold half the mass, so the 70% quantile is one of them; by count it would be 6.
    const values = [0, 1, 2, 3, 9, 11];
    const q70 = bootstrapInterval(values, quantileStatistic(0.7), { rng: resampler('w'), resamples: 50, strata: [0, 0, 0, 0, 1, 1] });
    expect(q70.estimate).toBe(9);
    expect(bootstrapInterval(values, quantileStatistic(0.7), { rng: resampler('w'), resamples: 50 }).estimate).toBe(6);
  });

  it('resamples whole, and says so, when a stratum holds a single observation', () => {
    const sample = [1, 2, 3, 4, 5, 6, 7];
    const stratified = bootstrapInterval(sample, meanStatistic, { rng: resampler('one'), resamples: 100, strata: [0, 0, 0, 1, 1, 1, 2] });
    const plain = bootstrapInterval(sample, meanStatistic, { rng: resampler('one'), resamples: 100 });
    expect(stratified).toEqual(plain);
    expect(stratified.strata).toBeUndefined();
  });

  it('gives a narrower interval than the whole-sample bootstrap when the strata explain most of the spread', () => {
    const { sample, strata } = stratifiedSample('narrow', 96, 8);
    const zero = new Float64Array(sample.length);
    const width = (interval: { low: number; high: number }) => interval.high - interval.low;
    const options = (strataGiven: boolean) => ({ rng: resampler('n'), resamples: 500, ...(strataGiven ? { strata } : {}) });
    // The mean's spread is almost all between strata; the p95 sits inside the top stratum, so it gains less.
    expect(width(pairedBootstrapDifference(zero, sample, meanStatistic, options(true)))).toBeLessThan(0.2 * width(pairedBootstrapDifference(zero, sample, meanStatistic, options(false))));
    expect(width(pairedBootstrapDifference(zero, sample, quantileStatistic(0.95), options(true)))).toBeLessThan(width(pairedBootstrapDifference(zero, sample, quantileStatistic(0.95), options(false))));
  });

  it('draws the same interval from the same stream', () => {
    const { sample, strata } = stratifiedSample('again', 40, 4);
    const first = bootstrapInterval(sample, quantileStatistic(0.9), { rng: resampler('x'), resamples: 200, strata });
    expect(bootstrapInterval(sample, quantileStatistic(0.9), { rng: resampler('x'), resamples: 200, strata })).toEqual(first);
  });
});
