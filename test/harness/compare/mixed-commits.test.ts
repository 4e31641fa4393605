/** A comparison says when its records were made by different commits of the simulator. */
import { describe, expect, it } from 'vitest';
import { compareRecords, type CompareOptions } from '../../../harness/compare/index.ts';
import { record } from './records.ts';

const OPTIONS: CompareOptions = { baseline: 'naive', objective: 'p95', level: 0.95, resamples: 200, seed: 1 };
const seeds = [1, 2, 3, 4];
const notesOf = (records: ReturnType<typeof record>[]) => compareRecords([{ path: 'test.jsonl', records, expected: null }], OPTIONS).scenarios[0].notes;

describe('records from more than one commit', () => {
  it('are named per column, with counts, when the columns were run on different commits', () => {
    const notes = notesOf([
      ...seeds.map((seed) => record('naive', seed, { IS_BPS: seed, IS_FO_BPS: 0 }, { commit: 'aaaaaaaaaaaaaaaaaaaa' })),
      ...seeds.map((seed) => record('gap-recovery', seed, { IS_BPS: seed, IS_FO_BPS: 0 }, { commit: seed < 3 ? 'aaaaaaaaaaaaaaaaaaaa' : 'bbbbbbbbbbbbbbbbbbbb' })),
    ]);
    expect(notes.filter((note) => note.includes('commits'))).toEqual([
      'records come from 2 commits of the simulator (naive: aaaaaaaaaaaa x4; gap-recovery: aaaaaaaaaaaa x2, bbbbbbbbbbbb x2): differences may reflect model changes, not policies',
    ]);
  });

  it('are not mentioned when every record comes from one commit', () => {
    const notes = notesOf(['naive', 'gap-recovery'].flatMap((policy) => seeds.map((seed) => record(policy, seed, { IS_BPS: seed, IS_FO_BPS: 0 }))));
    expect(notes.some((note) => note.includes('commits'))).toBe(false);
  });
});
