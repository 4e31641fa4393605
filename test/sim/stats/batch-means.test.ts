import { describe, expect, it } from 'vitest';
import { batchMeansInterval, InvariantViolation, RandomStreams, standardNormal } from '../../../sim/index.ts';

describe('batch-means confidence interval', () => {
  it('matches a hand-worked example with the tabled t_{0.975, 3} = 3.182446', () => {
    // Batches (1,2) (3,4) (5,6) (7,8): means 1.5, 3.5, 5.5, 7.5; grand mean 4.5; sample variance of the
    // batch means (9 + 1 + 1 + 9) / 3 = 20/3; standard error √(20/3 / 4) = 1.290994; half-width 4.108483.
    const interval = batchMeansInterval([1, 2, 3, 4, 5, 6, 7, 8], { batches: 4 });
    expect(interval.estimate).toBe(4.5);
    expect(interval.halfWidth).toBeCloseTo(3.182446 * Math.sqrt(20 / 3 / 4), 5);
    expect(interval).toMatchObject({ batches: 4, batchSize: 2, dropped: 0, level: 0.95 });
    expect(interval.low).toBeCloseTo(4.5 - interval.halfWidth, 12);
  });

  it('drops the leftover observations from the start, nearest the transient', () => {
    const interval = batchMeansInterval([1000, 1000, 1, 2, 3, 4, 5, 6, 7, 8], { batches: 4 });
    expect(interval).toMatchObject({ estimate: 4.5, batchSize: 2, dropped: 2 });
  });

  it('refuses fewer than two batches or more batches than observations', () => {
    expect(() => batchMeansInterval([1, 2, 3], { batches: 1 })).toThrow(InvariantViolation);
    expect(() => batchMeansInterval([1, 2, 3], { batches: 4 })).toThrow(InvariantViolation);
  });

  it('covers the mean of a stationary AR(1) (φ = 0.9) near the nominal 95%, where the iid interval does not', () => {
    // X_t = μ + φ(X_{t-1} - μ) + ε_t, ε ~ N(0, 1), started in its stationary law N(μ, 1/(1 - φ²)).
    // n = 10^4 in 20 batches of 500, about 50 correlation times each. 500 replications: the binomial
    // standard error at 0.95 is 0.0097, so [0.92, 0.98] is three of them either side.
    const rng = new RandomStreams('batch-means-ar1').get('innovations');
    const mu = 5;
    const phi = 0.9;
    const series = new Float64Array(10_000);
    const replications = 500;
    let covered = 0;
    let naiveCovered = 0;
    for (let rep = 0; rep < replications; rep++) {
      let x = mu + standardNormal(rng) / Math.sqrt(1 - phi * phi);
      for (let t = 0; t < series.length; t++) {
        x = mu + phi * (x - mu) + standardNormal(rng);
        series[t] = x;
      }
      const interval = batchMeansInterval(series, { batches: 20, level: 0.95 });
      if (interval.low <= mu && mu <= interval.high) covered++;
      // The interval that wrongly treats the observations as independent.
      let squares = 0;
      for (let t = 0; t < series.length; t++) squares += (series[t] - interval.estimate) ** 2;
      const naiveHalfWidth = 1.959964 * Math.sqrt(squares / (series.length - 1) / series.length);
      if (Math.abs(interval.estimate - mu) <= naiveHalfWidth) naiveCovered++;
    }
    const coverage = covered / replications;
    console.log(`batch means AR(1): coverage ${coverage.toFixed(3)}, iid interval ${(naiveCovered / replications).toFixed(3)}`);
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
    expect(naiveCovered / replications).toBeLessThan(0.5);
  });
});
