import { describe, expect, it } from 'vitest';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import { MAX_POINTS } from '../../../harness/episode/trajectory.ts';

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

  it('lists the child orders and fills of the incident run', () => {
    const filled = trajectory.fills.reduce((total, fill) => total + fill.qtyShares, 0);
    expect(trajectory.omitted.fills).toBe(0);
    expect(filled).toBeGreaterThan(0);
    expect(trajectory.children.length).toBeGreaterThan(0);
  });
});
