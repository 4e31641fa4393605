import { describe, expect, it } from 'vitest';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import { marketPrices, MAX_POINTS } from '../../../harness/episode/trajectory.ts';

const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';

describe('episode trajectory', () => {
  const record = runEpisode({ scenarioFile: TINY, policy: 'gap-recovery', params: {}, seed: 2 });
  const trajectory = record.trajectory!;

  it('gives every series one value per bucket, at most MAX_POINTS buckets, in time order', () => {
    const n = trajectory.tNs.length;
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThanOrEqual(MAX_POINTS);
    for (const series of [trajectory.liveSetSimilarity, trajectory.residualTrueShares, trajectory.accruedCostBps, trajectory.controlAccruedCostBps, trajectory.gapOpen]) {
      expect(series).toHaveLength(n);
    }
    expect(trajectory.tNs.every((t, i) => i === 0 || t > trajectory.tNs[i - 1])).toBe(true);
  });

  it('ends its accrued cost at IS_BPS when the parent completes without overfill (the missed-trade and unwind terms are zero)', () => {
    expect(record.metrics.COMPLETION).toBe(1);
    expect(record.metrics.OVERFILL_SHARES).toBe(0);
    expect(trajectory.accruedCostBps[trajectory.accruedCostBps.length - 1]).toBeCloseTo(record.metrics.IS_BPS!, 2);
  });

  it('marks the buckets where the injected disconnect kept the session down, and only from its onset', () => {
    const fault = trajectory.faults[0];
    expect(fault.kind).toBe('session-disconnect');
    const down = trajectory.tNs.filter((_, i) => trajectory.sessionDown[i] === 1);
    expect(down.length).toBeGreaterThan(0);
    expect(down[0]).toBeGreaterThanOrEqual(fault.atNs);
    expect(down[down.length - 1] - down[0]).toBeGreaterThanOrEqual(fault.durationNs! - 1e9);
  });

  it("carries both runs' best bid and ask per bucket, uncrossed, the same in both until the first fault", () => {
    const market = trajectory.market!;
    const prices = marketPrices(market);
    for (const series of Object.values(prices)) expect(series).toHaveLength(trajectory.tNs.length);
    // A thin book empties a side now and then (null); where both sides are quoted they never cross.
    const twoSided = prices.bid.map((bid, i) => [bid, prices.ask[i]] as const).filter(([bid, ask]) => bid !== null && ask !== null);
    expect(twoSided.length).toBeGreaterThan(0.9 * prices.bid.length);
    twoSided.forEach(([bid, ask], i) => expect(bid! < ask!, `two-sided bucket ${i}`).toBe(true));
    expect(prices.mid[0]).toBeCloseTo((prices.bid[0]! + prices.ask[0]!) / 2, 9);
    // Until the incident does something the control run does not, the two runs are one run (common random numbers).
    const before = trajectory.tNs.filter((t) => t < trajectory.faults[0].atNs).length;
    expect(before).toBeGreaterThan(5);
    expect(prices.bid.slice(0, before)).toEqual(prices.controlBid.slice(0, before));
    expect(prices.ask.slice(0, before)).toEqual(prices.controlAsk.slice(0, before));
    // Ticks are stored as small whole offsets, so the series cost a few bytes a bucket.
    expect(market.incident.bid.every((ticks) => ticks === null || (Number.isInteger(ticks) && Math.abs(ticks) < 1000))).toBe(true);
  });

  it('lists the child orders and fills of the incident run', () => {
    const filled = trajectory.fills.reduce((total, fill) => total + fill.qtyShares, 0);
    expect(trajectory.omitted.fills).toBe(0);
    expect(filled).toBeGreaterThan(0);
    expect(trajectory.children.length).toBeGreaterThan(0);
  });
});
