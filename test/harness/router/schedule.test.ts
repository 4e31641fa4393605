import { describe, expect, it } from 'vitest';
import {
  almgrenChrissExpectedCost,
  almgrenChrissTrajectory,
  AlmgrenChrissSchedule,
  PovSchedule,
  TwapSchedule,
  type AlmgrenChrissParams,
  type Schedule,
} from '../../../harness/router/schedule.ts';

// VALIDATION.md M2: Almgren & Chriss (2000), section 3's example.
const example: AlmgrenChrissParams = {
  qtyShares: 1e6,
  periods: 5,
  periodLength: 1,
  sigma: 0.95,
  epsilon: 0.0625,
  eta: 2.5e-6,
  gamma: 2.5e-7,
  lambda: 0,
};
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('Almgren-Chriss schedule', () => {
  it('VALIDATION.md M2: risk-neutral trajectory is linear with expected cost $662,500', () => {
    const { holdings } = almgrenChrissTrajectory(example);
    expect(holdings).toEqual([1e6, 8e5, 6e5, 4e5, 2e5, 0].map((x) => expect.closeTo(x, 6)));
    expect(relative(almgrenChrissExpectedCost(example, holdings), 662_500)).toBeLessThan(1e-6);
  });

  it('VALIDATION.md M2: lambda = 1e-6 gives kappa = 0.6071/day and the published holdings', () => {
    const { holdings, kappa } = almgrenChrissTrajectory({ ...example, lambda: 1e-6 });
    expect(kappa).toBeCloseTo(0.6071, 4);
    const published = [1e6, 541_956, 289_854, 147_897, 62_142, 0];
    holdings.slice(1, 5).forEach((x, i) => expect(relative(x, published[i + 1])).toBeLessThan(1e-5));
    expect(holdings[5]).toBeCloseTo(0, 6);
  });

  it('steps its target between trading instants', () => {
    const schedule = new AlmgrenChrissSchedule(example, 0, 5_000);
    expect(schedule.targetFilledQty(0)).toBe(0);
    expect(schedule.targetFilledQty(999)).toBe(0);
    expect(schedule.targetFilledQty(1_000)).toBeCloseTo(2e5, 6);
    expect(schedule.targetFilledQty(5_000)).toBeCloseTo(1e6, 6);
  });
});

describe('TWAP and POV', () => {
  it('TWAP is linear over the horizon and flat outside it', () => {
    const twap: Schedule = new TwapSchedule(1_000, 100, 1_000);
    expect([0, 100, 600, 1_100, 5_000].map((t) => twap.targetFilledQty(t, 0))).toEqual([0, 0, 500, 1_000, 1_000]);
  });
  it('POV follows observed volume and stops at the parent quantity', () => {
    const pov = new PovSchedule(1_000, 0.1);
    expect(pov.targetFilledQty(0, 5_000)).toBe(500);
    expect(pov.targetFilledQty(0, 50_000)).toBe(1_000);
  });
});
