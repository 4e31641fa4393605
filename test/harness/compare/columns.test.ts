/** Grouping records into scenarios and columns: versions and settings are columns, crashed episodes join theirs. */
import { describe, expect, it } from 'vitest';
import { columnsNamed, groupRecords } from '../../../harness/compare/columns.ts';
import { UsageError } from '../../../harness/errors.ts';
import { record } from './records.ts';

const source = (records: ReturnType<typeof record>[]) => [{ path: 'test.jsonl', records }];

describe('groupRecords', () => {
  it('makes two versions of one policy two columns, labelled by version', () => {
    const [group] = groupRecords(source([record('gap-recovery', 1, {}, { version: '1.0.0' }), record('gap-recovery', 1, {}, { version: '2.0.0' }), record('naive', 1, {})]));
    expect(group.columns.map((column) => column.label)).toEqual(['gap-recovery@1.0.0', 'gap-recovery@2.0.0', 'naive']);
  });

  it('makes each parameter setting a column, labelled by its setting', () => {
    const [group] = groupRecords(source([1, 2].flatMap((seed) => [0.8, 0.9].map((threshold) => record('gap-recovery', seed, {}, { params: { confidenceThreshold: threshold } })))));
    expect(group.columns.map((column) => [column.label, column.records.map((r) => r.seed)])).toEqual([
      ['gap-recovery[confidenceThreshold=0.8]', [1, 2]],
      ['gap-recovery[confidenceThreshold=0.9]', [1, 2]],
    ]);
    expect(columnsNamed(group, 'gap-recovery')).toHaveLength(2);
    expect(columnsNamed(group, 'gap-recovery[confidenceThreshold=0.9]')).toHaveLength(1);
  });

  it('puts a crashed episode (no scenario hash, no policy version) in its scenario and policy column', () => {
    const groups = groupRecords(source([record('naive', 1, { IS_BPS: 3 }), record('naive', 2, {}, { crash: true }), record('naive', 1, { IS_BPS: 3 }, { scenario: 'other' })]));
    expect(groups.map((group) => group.scenario)).toEqual(['fix-resend', 'other']);
    expect(groups[0].columns).toHaveLength(1);
    expect(groups[0].columns[0].records.map((r) => r.status)).toEqual(['ok', 'failed']);
  });

  it('refuses two records of one episode (the same sweep given twice)', () => {
    expect(() => groupRecords([...source([record('naive', 1, {})]), ...source([record('naive', 1, {})])])).toThrow(UsageError);
  });
});

describe('column labels', () => {
  it('name only the parameters that differ between settings of one policy, not the defaults every record carries', () => {
    const defaults = { catchupCap: 4, childQtyMaxShares: 500 };
    const records = [0.8, 0.9].flatMap((threshold) => [record('gap-recovery', 1, {}, { params: { ...defaults, confidenceThreshold: threshold } })]);
    records.push(record('naive', 1, {}, { params: defaults }));
    const [group] = groupRecords([{ path: 'test', records }]);
    expect(group.columns.map((column) => column.label)).toEqual(['gap-recovery[confidenceThreshold=0.8]', 'gap-recovery[confidenceThreshold=0.9]', 'naive']);
  });

  it('attach a crashed episode, which knows only the parameters its sweep set, to the setting that agrees with them', () => {
    const defaults = { catchupCap: 4 };
    const records = [0.8, 0.9].map((threshold) => record('gap-recovery', 1, { IS_BPS: 1 }, { params: { ...defaults, confidenceThreshold: threshold } }));
    records.push(record('gap-recovery', 2, {}, { crash: true, params: { confidenceThreshold: 0.9 } }));
    const [group] = groupRecords([{ path: 'test', records }]);
    expect(group.columns.map((column) => column.records.map((r) => r.seed))).toEqual([[1], [1, 2]]);
  });
});
