import { describe, expect, it } from 'vitest';
import { groupRecords } from '../../../harness/compare/columns.ts';
import { FIRST_DIVERGENCES_SHOWN, shadowStats } from '../../../harness/compare/shadow.ts';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import { record } from './records.ts';

const S = 1_000_000_000;

function shadowed(policy: string, seed: number, shadow: string, decisions: number, divergences: Array<[number, string, string]>, firstFaultNs?: number): EpisodeRecord {
  const base = record(policy, seed, { IS_BPS: 1 });
  return {
    ...base,
    shadow: { policy: shadow, decisions, divergences: divergences.map(([atNs, acting, shadowGist]) => ({ atNs, acting, shadow: shadowGist })) },
    ...(firstFaultNs === undefined ? {} : { trajectory: { faults: [{ kind: 'session-disconnect', atNs: firstFaultNs, durationNs: S }] } as unknown as EpisodeRecord['trajectory'] }),
  };
}

const columnsOf = (records: EpisodeRecord[]) => groupRecords([{ path: 'test', records }])[0].columns;

describe('shadowStats', () => {
  it('counts decisions and divergences per acting column and shadow policy, and their share', () => {
    const stats = shadowStats(
      columnsOf([
        shadowed('naive', 1, 'gap-recovery', 100, [[20 * S, 'NORMAL: cross', 'GAP_OPEN: pause'], [21 * S, 'NORMAL: cross', 'GAP_OPEN: pause']], 19 * S),
        shadowed('naive', 2, 'gap-recovery', 60, []),
        shadowed('failover-fsm', 1, 'gap-recovery', 40, [[5 * S, 'NORMAL: cross', 'NORMAL: passive']]),
      ]),
    );
    expect(stats.map((s) => [s.column, s.shadow, s.episodes, s.episodesDiverged, s.decisions, s.divergences])).toEqual([
      ['naive', 'gap-recovery', 2, 1, 160, 2],
      ['failover-fsm', 'gap-recovery', 1, 1, 40, 1],
    ]);
    expect(stats[0].share).toBeCloseTo(2 / 160, 12);
    expect(stats[0].firstDivergences).toEqual([{ seed: 1, atNs: 20 * S, afterFirstFaultNs: 1 * S, timeZeroNs: null, acting: 'NORMAL: cross', shadow: 'GAP_OPEN: pause' }]);
    expect(stats[1].firstDivergences[0].afterFirstFaultNs).toBeNull();
  });

  it('has no entry for records without a shadow, and no share without decisions', () => {
    expect(shadowStats(columnsOf([record('naive', 1, { IS_BPS: 1 }), record('naive', 2, { IS_BPS: 2 })]))).toEqual([]);
    expect(shadowStats(columnsOf([shadowed('naive', 1, 'gap-recovery', 0, [])]))[0].share).toBeNull();
  });

  it('lists each seed first divergence, earliest first, at most a few', () => {
    const seeds = Array.from({ length: FIRST_DIVERGENCES_SHOWN + 3 }, (_, i) => i + 1);
    // Seed s first diverges at (20 - s) s, then once more later.
    const records = seeds.map((seed) => shadowed('naive', seed, 'gap-recovery', 10, [[(20 - seed) * S, 'A: x', 'B: y'], [30 * S, 'A: x', 'C: z']]));
    const [stats] = shadowStats(columnsOf(records));
    expect(stats.firstDivergences.map((d) => d.seed)).toEqual([...seeds].reverse().slice(0, FIRST_DIVERGENCES_SHOWN));
    expect(stats.regimePairs).toEqual([
      { acting: 'A', shadow: 'B', count: seeds.length },
      { acting: 'A', shadow: 'C', count: seeds.length },
    ]);
  });

  it('ranks regime pairs by how often they diverged', () => {
    const [stats] = shadowStats(columnsOf([shadowed('naive', 1, 'gap-recovery', 10, [[1, 'A: x', 'B: y'], [2, 'C: x', 'D: y'], [3, 'C: x', 'D: z']])]));
    expect(stats.regimePairs.map((pair) => `${pair.acting}->${pair.shadow}:${pair.count}`)).toEqual(['C->D:2', 'A->B:1']);
  });
});
