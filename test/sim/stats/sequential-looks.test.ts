import { describe, expect, it } from 'vitest';
import { lookAlpha, sampleSizeAtLook } from '../../../sim/index.ts';

describe('sequential looks', () => {
  it('spends α·6/(π²k²) at look k, so the first look gets about 61% and all of them α', () => {
    expect(lookAlpha(0.05, 1)).toBeCloseTo(0.0303964, 6);
    expect(lookAlpha(0.05, 2)).toBeCloseTo(lookAlpha(0.05, 1) / 4, 12);
    let total = 0;
    for (let look = 1; look <= 100_000; look++) total += lookAlpha(0.05, look);
    expect(total).toBeLessThan(0.05);
    expect(total).toBeGreaterThan(0.04999);
  });

  it('doubles the sample at each look', () => {
    expect([1, 2, 3, 4].map((look) => sampleSizeAtLook(100, look))).toEqual([100, 200, 400, 800]);
  });
});
