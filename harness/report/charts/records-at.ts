/** The charts of the records at a path (a sweep or drill directory, or an episodes .jsonl file), as `execdrill charts` writes them. */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../../errors.ts';
import { readRecordSource } from '../../sweep/records.ts';
import { writeCharts, type ChartFile } from './write-charts.ts';

export const CHARTS_DIR = 'charts';

/** Reads the records at `path` and writes their charts into `out` (default: `<dir>/charts`). */
export function chartRecordsAt(path: string, out?: string): { out: string; files: ChartFile[] } {
  const source = readRecordSource(path);
  if (source.records.length === 0) throw new UsageError(`${path}: no episode records in ${source.path}`);
  const target = out ?? join(statSync(path).isDirectory() ? path : dirname(path), CHARTS_DIR);
  const files = writeCharts(source.records, target);
  if (files.length === 0) throw new UsageError(`${path}: none of its ${source.records.length} episode records has costs to chart (every episode failed?)`);
  return { out: target, files };
}
