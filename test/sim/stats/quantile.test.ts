import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantViolation, quantile, quantiles, SortedSample } from '../../../sim/index.ts';

describe('quantile (Hyndman & Fan type 7)', () => {
  it("matches R's quantile(1:10, 0.95) = 9.55 and quantile(c(1,2,3,4), 0.5) = 2.5", () => {
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(oneToTen, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it("matches R's default quartiles of 1:10: 1, 3.25, 5.5, 7.75, 10", () => {
    const shuffled = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6];
    expect(quantiles(shuffled, [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 3.25, 5.5, 7.75, 10]);
  });

  it("matches NumPy's documented np.percentile([[10, 7, 4], [3, 2, 1]], 50) = 3.5", () => {
    expect(quantile([10, 7, 4, 3, 2, 1], 0.5)).toBe(3.5);
  });

  it('returns the one value of a single-observation sample at every p', () => {
    expect(quantiles([4.2], [0, 0.3, 1])).toEqual([4.2, 4.2, 4.2]);
  });

  it("leaves the caller's array in its original order", () => {
    const sample = [3, 1, 2];
    quantile(sample, 0.5);
    expect(sample).toEqual([3, 1, 2]);
  });

  it('refuses an empty sample, a NaN observation and p outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(InvariantViolation);
    expect(() => quantile([1, Number.NaN, 3], 0.5)).toThrow(/sample\[1\] is NaN/);
    expect(() => quantile([1, 2], 1.01)).toThrow(InvariantViolation);
    expect(() => quantiles([1, 2], [0.5, -0.1])).toThrow(InvariantViolation);
  });

  it('gives the same answers from a SortedSample as from the one-shot functions', () => {
    const sample = [5.5, -2, 8, 0.25, 3, 3, 9.75];
    const sorted = SortedSample.of(sample);
    for (const p of [0, 0.1, 0.5, 0.95, 0.99, 1]) expect(sorted.quantile(p)).toBe(quantile(sample, p));
    expect([sorted.count, sorted.min, sorted.max]).toEqual([7, -2, 9.75]);
  });

  const finiteSample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

  it('is monotone in p (property)', () => {
    fc.assert(
      fc.property(finiteSample, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
        (sample, p1, p2) => {
          const [low, high] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const [qLow, qHigh] = quantiles(sample, [low, high]);
          expect(qLow).toBeLessThanOrEqual(qHigh);
        }),
    );
  });

  it('stays within [min, max] of the sample (property)', () => {
    fc.assert(
      fc.property(finiteSample, fc.double({ min: 0, max: 1, noNaN: true }), (sample, p) => {
        const q = quantile(sample, p);
        expect(q).toBeGreaterThanOrEqual(Math.min(...sample));
        expect(q).toBeLessThanOrEqual(Math.max(...sample));
      }),
    );
  });
});
