import { describe, expect, it } from 'vitest';
import { DEFAULT_TAIL_SETTINGS, tailColumn, tailEpisode, tailInterval } from '../../../../harness/report/charts/index.ts';
import { handMadeRecord } from './records.ts';

const ONE_TO_TWENTY = Array.from({ length: 20 }, (_, i) => i + 1);

describe('tail whiskers: p95/p99 of IS_FO_BPS with bootstrap intervals over seeds', () => {
  it('estimates p95 and p99 by type 7 (1..20: p95 = 19 + 0.05, p99 = 19 + 0.81) inside their intervals', () => {
    const column = tailColumn('s', 'naive', ONE_TO_TWENTY, DEFAULT_TAIL_SETTINGS);
    expect(column.p95.estimate).toBeCloseTo(19.05, 12);
    expect(column.p99.estimate).toBeCloseTo(19.81, 12);
    for (const stat of [column.p95, column.p99]) {
      expect(stat.low!).toBeLessThanOrEqual(stat.estimate);
      expect(stat.high!).toBeGreaterThanOrEqual(stat.estimate);
      expect(stat.high!).toBeLessThanOrEqual(20);
      expect(stat.low!).toBeLessThan(stat.high!);
    }
  });

  it('draws the same interval from the same stream name, another from another', () => {
    const a = tailInterval(ONE_TO_TWENTY, 0.95, 'charts.tail.x', DEFAULT_TAIL_SETTINGS);
    expect(tailInterval(ONE_TO_TWENTY, 0.95, 'charts.tail.x', DEFAULT_TAIL_SETTINGS)).toEqual(a);
    const wide = { ...DEFAULT_TAIL_SETTINGS, level: 0.99 };
    const b = tailInterval(ONE_TO_TWENTY, 0.95, 'charts.tail.x', wide);
    expect(b.low!).toBeLessThanOrEqual(a.low!);
  });

  it('gives a single seed its estimate and no interval', () => {
    expect(tailInterval([4.5], 0.95, 'charts.tail.one', DEFAULT_TAIL_SETTINGS)).toEqual({ estimate: 4.5, low: null, high: null });
  });
});

describe('which episode gets a timeline', () => {
  it('picks the seed with the smallest IS_FO_BPS at or above the p95 (1..20 bps: the 20 bps seed, since p95 = 19.05)', () => {
    const records = ONE_TO_TWENTY.map((cost, i) => handMadeRecord({ policy: 'p', seed: 100 + i, isFoBps: cost, tS: [1], accrued: [0], control: [0] }));
    expect(tailEpisode(records)!.seed).toBe(119);
  });

  it('skips records without a trajectory and returns none when none has one', () => {
    const bare = handMadeRecord({ policy: 'p', seed: 1, isFoBps: 50 });
    delete bare.trajectory;
    const kept = handMadeRecord({ policy: 'p', seed: 2, isFoBps: 3, tS: [1], accrued: [0], control: [0] });
    expect(tailEpisode([bare, kept])!.seed).toBe(2);
    expect(tailEpisode([bare])).toBeNull();
  });
});
