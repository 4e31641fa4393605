import { describe, expect, it } from 'vitest';
import { LookGrid, lookAlpha, sampleSizeAtLook } from '../../../sim/index.ts';

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

  it('adds the floors of a drill grid to the doubling, each once, and nothing at or below the first look', () => {
    const grid = new LookGrid(12, [96, 160, 160, 12, 5]);
    expect([1, 2, 3, 4, 5, 6, 7].map((look) => grid.seedsAt(look))).toEqual([12, 24, 48, 96, 160, 192, 384]);
    expect(grid.firstLookWith(100)).toBe(5);
    expect(grid.firstLookWith(12)).toBe(1);
    const plain = new LookGrid(100);
    expect([1, 2, 3, 4].map((look) => plain.seedsAt(look))).toEqual([1, 2, 3, 4].map((look) => sampleSizeAtLook(100, look)));
  });
});
