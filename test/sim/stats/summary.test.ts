import { describe, expect, it } from 'vitest';
import { InvariantViolation, summarize } from '../../../sim/index.ts';

describe('summarize', () => {
  it("matches R's mean, sd and type 7 quantiles of 1:10 (sd(1:10) = 3.02765)", () => {
    const summary = summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(summary).toMatchObject({ count: 10, mean: 5.5, min: 1, max: 10, p50: 5.5 });
    expect(summary.sd).toBeCloseTo(3.02765, 5);
    expect(summary.p95).toBeCloseTo(9.55, 12);
    expect(summary.p99).toBeCloseTo(9.91, 12);
  });

  it('reports sd as NaN for a single observation, as R does', () => {
    expect(summarize([2.5])).toMatchObject({ count: 1, mean: 2.5, p99: 2.5 });
    expect(summarize([2.5]).sd).toBeNaN();
  });

  it('keeps the spread of large values with a small variance (no Σx² - n·mean² cancellation)', () => {
    expect(summarize([1e9 + 1, 1e9 + 2, 1e9 + 3]).sd).toBe(1);
  });

  it('refuses an empty sample', () => {
    expect(() => summarize([])).toThrow(InvariantViolation);
  });
});
