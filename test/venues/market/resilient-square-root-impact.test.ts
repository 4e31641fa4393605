// The impact model of the exogenous market (venues/market/resilient-square-root-impact.ts) against the
// published facts it is calibrated to (docs/MARKET-MODEL.md "Impact"; VALIDATION.md M6): the square-root law at
// the end of a TWAP, relaxation to about 2/3 of the peak, concavity in size, convexity in speed.
import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../../sim/index.ts';
import { calibrateResilientSquareRoot, ResilientSquareRootImpact } from '../../../venues/market/index.ts';

const HORIZON_NS = 180 * NS_PER_S;
const SIGMA_TICKS = 30;
const VOLUME_SHARES = 170_000;
const params = calibrateResilientSquareRoot({ y: 1, decayTo: 2 / 3, resilienceNs: 60 * NS_PER_S, horizonNs: HORIZON_NS, sigmaTicks: SIGMA_TICKS, volumeShares: VOLUME_SHARES });

/** Buys `qtyShares` in equal fills every `stepNs` over [fromNs, toNs); returns the impact each fill found just before it. */
function trade(impact: ResilientSquareRootImpact, qtyShares: number, fromNs: number, toNs: number, stepNs = 100_000_000): { atNs: number; qty: number; before: number }[] {
  const steps = Math.round((toNs - fromNs) / stepNs);
  const fills = [];
  for (let k = 0; k < steps; k++) {
    const atNs = fromNs + k * stepNs;
    fills.push({ atNs, qty: qtyShares / steps, before: impact.impactTicksAt(atNs) });
    impact.onTrade(atNs, qtyShares / steps);
  }
  return fills;
}

describe('resilient square-root impact', () => {
  it('ends a TWAP of the calibration horizon at Y sigma sqrt(Q / V), for Q/V of 1%, 5% and 20%', () => {
    for (const share of [0.01, 0.05, 0.2]) {
      const impact = new ResilientSquareRootImpact(params);
      const q = share * VOLUME_SHARES;
      trade(impact, q, 0, HORIZON_NS);
      expect(impact.impactTicksAt(HORIZON_NS) / (SIGMA_TICKS * Math.sqrt(share))).toBeCloseTo(1, 2);
    }
  });

  it('relaxes after the parent to decayTo (2/3) of its peak, most of the way within 5 minutes', () => {
    const impact = new ResilientSquareRootImpact(params);
    trade(impact, 8_500, 0, HORIZON_NS);
    const peak = impact.impactTicksAt(HORIZON_NS);
    const after5min = impact.impactTicksAt(HORIZON_NS + 300 * NS_PER_S) / peak;
    expect(after5min).toBeGreaterThan(0.5);
    expect(after5min).toBeLessThan(0.7);
    expect(impact.impactTicksAt(HORIZON_NS + 3_600 * NS_PER_S) / peak).toBeCloseTo(2 / 3, 3);
  });

  it('is concave in size: four times the parent moves the price twice as far', () => {
    const small = new ResilientSquareRootImpact(params);
    const large = new ResilientSquareRootImpact(params);
    trade(small, 2_000, 0, HORIZON_NS);
    trade(large, 8_000, 0, HORIZON_NS);
    expect(large.impactTicksAt(HORIZON_NS) / small.impactTicksAt(HORIZON_NS)).toBeCloseTo(2, 9);
  });

  it('charges a slice bought at twice the schedule pace at least 1.3 times the impact per share, against its own arrival', () => {
    // A 10,000-share TWAP over 180 s; from 90 s a slice of 1,000 shares at the schedule pace or twice it.
    const perShareOfSlice = (speed: number) => {
      const impact = new ResilientSquareRootImpact(params);
      const pace = 10_000 / 180;
      trade(impact, pace * 90, 0, 90 * NS_PER_S);
      const sliceNs = Math.round((1_000 / (pace * speed)) * NS_PER_S);
      const fills = trade(impact, 1_000, 90 * NS_PER_S, 90 * NS_PER_S + sliceNs);
      const arrival = fills[0].before;
      return fills.reduce((sum, f) => sum + f.qty * (f.before - arrival), 0) / 1_000;
    };
    expect(perShareOfSlice(2) / perShareOfSlice(1)).toBeGreaterThanOrEqual(1.3);
  });

  it('prices a block at the mean impact of buying it in tiny pieces at once, and a sell mirrors a buy', () => {
    const impact = new ResilientSquareRootImpact(params);
    trade(impact, 5_000, 0, HORIZON_NS);
    const at = HORIZON_NS;
    const start = impact.impactTicksAt(at);
    const pieces = 10_000;
    let sum = 0;
    const probe = new ResilientSquareRootImpact(params);
    trade(probe, 5_000, 0, HORIZON_NS);
    for (let k = 0; k < pieces; k++) {
      probe.onTrade(at, 2_000 / pieces / 2);
      sum += probe.impactTicksAt(at) - start;
      probe.onTrade(at, 2_000 / pieces / 2);
    }
    expect(impact.blockImpactTicks(at, 2_000)).toBeCloseTo(sum / pieces, 3);
    const fresh = new ResilientSquareRootImpact(params);
    expect(fresh.blockImpactTicks(0, -3_000)).toBeCloseTo(-fresh.blockImpactTicks(0, 3_000), 12);
    expect(impact.blockImpactTicks(at, 0)).toBe(0);
  });
});
