import { describe, expect, it } from 'vitest';
import { judgeClaim, settleSeeds, verdictWords } from '../../../harness/facts/claim.ts';

const interval = (low: number, high: number, estimate = (low + high) / 2) => ({ estimate, low, high });

describe('claims against intervals', () => {
  it('pass wholly on the claimed side, fail wholly on the other, undecided across the bound', () => {
    expect(judgeClaim(interval(0.1, 0.5), { op: '>', bound: 0 })).toBe('pass');
    expect(judgeClaim(interval(-0.5, 0), { op: '>', bound: 0 })).toBe('fail');
    expect(judgeClaim(interval(-0.1, 0.5), { op: '>', bound: 0 })).toBe('undecided');
    expect(judgeClaim(interval(0.9, 0.95), { op: '>=', bound: 0.9 })).toBe('pass');
    expect(judgeClaim(interval(0.5, 0.89), { op: '>=', bound: 0.9 })).toBe('fail');
    expect(judgeClaim(interval(-3, -1), { op: '<', bound: 0 })).toBe('pass');
    expect(judgeClaim(interval(0, 2), { op: '<', bound: 0 })).toBe('fail');
    expect(judgeClaim(interval(-3, 0), { op: '<=', bound: 0 })).toBe('pass');
  });

  it('for "differs", passes either side, fails only on an interval that is the bound itself', () => {
    expect(judgeClaim(interval(0.2, 0.4), { op: '!=', bound: 0 })).toBe('pass');
    expect(judgeClaim(interval(-0.4, -0.2), { op: '!=', bound: 0 })).toBe('pass');
    expect(judgeClaim(interval(0, 0), { op: '!=', bound: 0 })).toBe('fail');
    expect(judgeClaim(interval(-0.1, 0.1), { op: '!=', bound: 0 })).toBe('undecided');
    expect(verdictWords('fail', { op: '!=', bound: 0 })).toBe('the interval is exactly 0: no seed tells them apart');
  });

  it('projects an undecided interval to the first later look that clears the bound', () => {
    // Estimate 0.1, lower side 0.15 below it: the side must shrink below 0.1, by more than sqrt(100/225) = 2/3.
    const later = [200, 400, 800].map((seeds) => ({ seeds, alpha: 0.05 }));
    expect(settleSeeds(interval(-0.05, 0.25, 0.1), { op: '>', bound: 0 }, { seeds: 100, alpha: 0.05 }, later)).toBe(400);
    // A smaller error at the later looks widens them: the same interval then needs more seeds.
    const stricter = later.map((look) => ({ ...look, alpha: 0.001 }));
    expect(settleSeeds(interval(-0.05, 0.25, 0.1), { op: '>', bound: 0 }, { seeds: 100, alpha: 0.05 }, stricter)).toBe(800);
  });

  it('projects nothing for an estimate on the bound', () => {
    const later = [200, 400, 800].map((seeds) => ({ seeds, alpha: 0.05 }));
    expect(settleSeeds(interval(-0.1, 0.1, 0), { op: '>', bound: 0 }, { seeds: 100, alpha: 0.05 }, later)).toBeNull();
  });
});
