import { describe, expect, it } from 'vitest';
import { acceleration, bcaBounds } from '../../../sim/stats/_internals/bca.ts';
import { percentileBounds } from '../../../sim/stats/_internals/resample.ts';
import { normalCdf, normalQuantile } from '../../../sim/stats/_internals/standard-normal.ts';

const replicatesAround = (centre: number, count: number) => Float64Array.from({ length: count }, (_, r) => centre + normalQuantile((r + 0.5) / count));

describe('BCa bounds', () => {
  it('are the percentile bounds when the estimate is the replicates median and the jackknife is symmetric', () => {
    const replicates = replicatesAround(10, 1001);
    const accel = acceleration([1, 2, 3, 4, 5]);
    expect(accel).toBe(0);
    const bca = bcaBounds(Float64Array.from(replicates), 10, accel, 0.95);
    const plain = percentileBounds(Float64Array.from(replicates), 0.95);
    expect(bca.low).toBeCloseTo(plain.low, 2);
    expect(bca.high).toBeCloseTo(plain.high, 2);
  });

  it('move up for a right-skewed statistic (positive acceleration) and for an estimate above most replicates', () => {
    const replicates = replicatesAround(10, 1001);
    const plain = percentileBounds(Float64Array.from(replicates), 0.95);
    // One large value among equal ones: its removal pulls the jackknife down, a right skew.
    const skewed = acceleration([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(skewed).toBeGreaterThan(0);
    const accelerated = bcaBounds(Float64Array.from(replicates), 10, skewed, 0.95);
    expect(accelerated.low).toBeGreaterThan(plain.low);
    expect(accelerated.high).toBeGreaterThan(plain.high);
    const biased = bcaBounds(Float64Array.from(replicates), 10.5, 0, 0.95);
    expect(biased.low).toBeGreaterThan(plain.low);
  });

  it('count replicates equal to the estimate as half below, so a difference that is 0 on every pair stays [0, 0]', () => {
    const zeros = new Float64Array(500);
    expect(bcaBounds(zeros, 0, 0, 0.95)).toEqual({ low: 0, high: 0 });
  });

  it('read the normal CDF and quantile to well within a bootstrap level', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.8, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});
