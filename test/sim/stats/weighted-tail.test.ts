import { describe, expect, it } from 'vitest';
import {
  expectedShortfall,
  pairedWeightedBootstrapDifference,
  RandomStreams,
  valueAtRisk,
  weightedBootstrapInterval,
  weightedExpectedShortfallStatistic,
  weightedMeanStatistic,
  weightedQuantileStatistic,
  weightedStatisticOf,
} from '../../../sim/index.ts';

const resampler = (seed: string) => new RandomStreams(seed).get('bootstrap.indices');

describe('weighted tail statistics', () => {
  const rng = new RandomStreams('weighted-tail').get('sample');
  const sample = Array.from({ length: 1000 }, () => -Math.log(1 - rng.next()));
  const ones = sample.map(() => 1);

  it('are the plain type 1 quantile (VaR) and Acerbi-Tasche expected shortfall under unit weights', () => {
    for (const level of [0.5, 0.95, 0.99]) {
      expect(weightedStatisticOf(weightedQuantileStatistic(level), sample, ones)).toBe(valueAtRisk(sample, level));
      expect(weightedStatisticOf(weightedExpectedShortfallStatistic(level), sample, ones)).toBeCloseTo(expectedShortfall(sample, level), 10);
    }
  });

  it('read the weights as self-normalised mass: doubling every weight changes nothing', () => {
    const weights = sample.map((_, i) => 1 + (i % 3));
    const doubled = weights.map((w) => 2 * w);
    for (const statistic of [weightedQuantileStatistic(0.99), weightedExpectedShortfallStatistic(0.95), weightedMeanStatistic]) {
      expect(weightedStatisticOf(statistic, sample, doubled)).toBeCloseTo(weightedStatisticOf(statistic, sample, weights), 12);
    }
  });

  it('take the smallest value whose weighted CDF reaches the level, and the mean of the worst share of mass', () => {
    // Masses 0.5, 0.3, 0.1, 0.1 on 1..4: CDF 0.5, 0.8, 0.9, 1.0.
    const values = [3, 1, 4, 2];
    const weights = [0.1, 0.5, 0.1, 0.3];
    expect(weightedStatisticOf(weightedQuantileStatistic(0.8), values, weights)).toBe(2);
    expect(weightedStatisticOf(weightedQuantileStatistic(0.85), values, weights)).toBe(3);
    expect(weightedStatisticOf(weightedQuantileStatistic(0.95), values, weights)).toBe(4);
    // The worst 15%: 0.1 at 4 and 0.05 at 3.
    expect(weightedStatisticOf(weightedExpectedShortfallStatistic(0.85), values, weights)).toBeCloseTo((0.1 * 4 + 0.05 * 3) / 0.15, 12);
    expect(weightedStatisticOf(weightedMeanStatistic, values, weights)).toBeCloseTo(0.5 + 0.6 + 0.3 + 0.4, 12);
  });

  it('refuse weights that are not finite and positive, or not one per observation', () => {
    expect(() => weightedStatisticOf(weightedMeanStatistic, [1, 2], [1, 0])).toThrow(/weights\[1\] is 0/);
    expect(() => weightedStatisticOf(weightedMeanStatistic, [1, 2], [1])).toThrow(/1 weights for a sample of 2/);
  });
});

describe('weighted bootstrap', () => {
  it('estimates the weighted statistic and brackets it, reproducibly from its stream', () => {
    const values = Array.from({ length: 200 }, (_, i) => i);
    const weights = values.map((v) => (v >= 150 ? 0.2 : 1));
    const a = weightedBootstrapInterval(values, weights, weightedQuantileStatistic(0.95), { rng: resampler('x'), resamples: 500 });
    const b = weightedBootstrapInterval(values, weights, weightedQuantileStatistic(0.95), { rng: resampler('x'), resamples: 500 });
    expect(a).toEqual(b);
    expect(a.estimate).toBe(weightedStatisticOf(weightedQuantileStatistic(0.95), values, weights));
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
  });

  it('pairs the two samples by seed, one weight per pair: a constant shift has a zero-width interval', () => {
    const rng = new RandomStreams('paired').get('sample');
    const a = Array.from({ length: 300 }, () => rng.next());
    const b = a.map((x) => x + 2);
    const weights = a.map((x) => (x > 0.9 ? 0.1 : 1.1));
    for (const statistic of [weightedQuantileStatistic(0.99), weightedExpectedShortfallStatistic(0.95)]) {
      const interval = pairedWeightedBootstrapDifference(a, b, weights, statistic, { rng: resampler('p'), resamples: 200 });
      expect(interval.estimate).toBeCloseTo(2, 12);
      expect(interval.low).toBeCloseTo(2, 12);
      expect(interval.high).toBeCloseTo(2, 12);
    }
  });
});
