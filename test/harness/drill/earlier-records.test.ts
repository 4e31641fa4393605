// A drill's own records of another commit are moved aside; anything else the directory holds is refused as before.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepMovingEarlierAside } from '../../../harness/drill/earlier-records.ts';
import { UsageError } from '../../../harness/errors.ts';
import { OccupiedOutputError } from '../../../harness/sweep/run-sweep.ts';

function occupiedOnce(out: string, earlierCommit: string | undefined) {
  let calls = 0;
  return async () => {
    calls++;
    if (calls === 1) throw new OccupiedOutputError(out, 'holds another sweep (commit a vs b)', earlierCommit);
    return calls;
  };
}

describe('a drill directory holding earlier records', () => {
  it('moves its own episodes of another commit to <out>.<commit>, next to an earlier move, and runs again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'earlier-'));
    const out = join(root, 'drill');
    mkdirSync(out);
    writeFileSync(join(out, 'episodes.jsonl'), 'old\n');
    mkdirSync(`${out}.abcdef012345`);
    const { result, earlier } = await sweepMovingEarlierAside(out, occupiedOnce(out, 'abcdef0123456789'));
    expect(result).toBe(2);
    expect(earlier).toEqual({ commit: 'abcdef0123456789', movedTo: `${out}.abcdef012345-2` });
    expect(readFileSync(join(`${out}.abcdef012345-2`, 'episodes.jsonl'), 'utf8')).toBe('old\n');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses another drill\'s episodes, and says so when the move itself fails', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'earlier-')), 'missing');
    await expect(sweepMovingEarlierAside(out, occupiedOnce(out, undefined))).rejects.toThrow(/holds another sweep/);
    await expect(sweepMovingEarlierAside(out, occupiedOnce(out, 'abc'))).rejects.toThrow(UsageError);
    await expect(sweepMovingEarlierAside(out, occupiedOnce(out, 'abc'))).rejects.toThrow(/moving it aside to .*missing\.abc failed/);
  });
});
