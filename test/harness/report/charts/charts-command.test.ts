import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { chartRecordsAt } from '../../../../harness/report/charts/records-at.ts';
import { UsageError } from '../../../../harness/errors.ts';
import { main } from '../../../../harness/cli.ts';
import { handMadeRecord } from './records.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'execdrill-charts-cmd-'));

function usageErrorOf(action: () => unknown): UsageError {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('execdrill charts: bad input', () => {
  it('an empty directory is not a sweep directory, and the error names it', () => {
    const dir = fresh();
    expect(usageErrorOf(() => chartRecordsAt(dir)).message).toContain(dir);
  });

  it('a sweep directory with no records says so, naming the directory', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'episodes.jsonl'), '');
    const error = usageErrorOf(() => chartRecordsAt(dir));
    expect(error.message).toContain(dir);
    expect(error.message).toContain('no episode records');
  });

  it('records of failed episodes only (no costs) say there is nothing to chart, naming the directory', () => {
    const dir = fresh();
    const failed = { ...handMadeRecord({ policy: 'p', seed: 1 }), status: 'failed' as const, metrics: {} };
    delete failed.trajectory;
    writeFileSync(join(dir, 'episodes.jsonl'), `${JSON.stringify(failed)}\n`);
    expect(usageErrorOf(() => chartRecordsAt(dir)).message.startsWith(`${dir}: none of its 1 episode records`)).toBe(true);
  });

  it('through the CLI, an empty directory exits 64 with the message naming it', async () => {
    const dir = fresh();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['charts', dir])).toBe(64);
      expect(stderr.mock.calls.map((call) => String(call[0])).join('')).toContain(`execdrill: ${dir}: no episodes.jsonl`);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('execdrill charts: output', () => {
  it('writes into <dir>/charts by default, or into --out', () => {
    const dir = fresh();
    const records = [1, 2].map((seed) => handMadeRecord({ policy: 'p', seed, isFoBps: seed, tS: [1, 2, 3], accrued: [0, 1, 2], control: [0, 0, 1], faultAtS: 2 }));
    writeFileSync(join(dir, 'episodes.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const { out, files } = chartRecordsAt(dir);
    expect(out).toBe(join(dir, 'charts'));
    for (const { file } of files) expect(existsSync(join(out, file)), file).toBe(true);
    const elsewhere = join(fresh(), 'nested', 'charts');
    mkdirSync(join(elsewhere, '..'), { recursive: true });
    expect(chartRecordsAt(dir, elsewhere).files.map((f) => f.file)).toEqual(files.map((f) => f.file));
  });
});
