import { describe, expect, it } from 'vitest';
import { histogram, InvariantViolation } from '../../../sim/index.ts';

describe('histogram', () => {
  it("matches NumPy's documented np.histogram([1, 2, 1], bins=[0, 1, 2, 3]) = [0, 2, 1]", () => {
    const result = histogram([1, 2, 1], { bins: 3, low: 0, high: 3 });
    expect([...result.counts]).toEqual([0, 2, 1]);
    expect([...result.edges]).toEqual([0, 1, 2, 3]);
    expect(result.binWidth).toBe(1);
  });

  it('closes the last bin on the right, so the default range holds every observation', () => {
    const result = histogram([0, 0.5, 1, 1.5, 2], { bins: 2 });
    expect([...result.edges]).toEqual([0, 1, 2]);
    expect([...result.counts]).toEqual([2, 3]);
    expect(result.below + result.above).toBe(0);
  });

  it('counts observations outside an explicit range instead of dropping them', () => {
    const result = histogram([-5, 0.2, 0.7, 9], { bins: 2, low: 0, high: 1 });
    expect([...result.counts]).toEqual([1, 1]);
    expect([result.below, result.above]).toEqual([1, 1]);
  });

  it('bins by the edges it reports, where the division by the width rounds across an edge either way', () => {
    // Edges 1, 4/3, 5/3, 2: (4/3 - 1) / (1/3) rounds to 0.9999999999999998, which floors into bin 0.
    const upward = histogram([1 + 1 / 3, 1 + 2 * (1 / 3)], { bins: 3, low: 1, high: 2 });
    expect([...upward.counts]).toEqual([0, 1, 1]);
    // Edges -1 + i·2/7: the double just below edges[3] divides to exactly 3, which floors into bin 3.
    const edge3 = -1 + 3 * (2 / 7);
    const justBelow = edge3 - Number.EPSILON * Math.abs(edge3);
    const downward = histogram([justBelow, edge3], { bins: 7, low: -1, high: 1 });
    expect([...downward.counts]).toEqual([0, 0, 1, 1, 0, 0, 0]);
  });

  it('gives a single repeated value a unit-wide range centred on it, as NumPy does', () => {
    const result = histogram([4, 4, 4], { bins: 2 });
    expect([...result.edges]).toEqual([3.5, 4, 4.5]);
    expect([...result.counts]).toEqual([0, 3]);
  });

  it('refuses zero bins and an empty range', () => {
    expect(() => histogram([1, 2], { bins: 0 })).toThrow(InvariantViolation);
    expect(() => histogram([1, 2], { bins: 2, low: 1, high: 1 })).toThrow(InvariantViolation);
  });
});
