/** A drill's verdict.json beside its records, for `execdrill report` on a drill directory; null for a plain sweep. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.ts';
import type { ReportVerdict } from './report-data.ts';

export function readVerdict(path: string): ReportVerdict | null {
  const file = join(path, 'verdict.json');
  if (!existsSync(path) || !statSync(path).isDirectory() || !existsSync(file)) return null;
  try {
    const verdict = JSON.parse(readFileSync(file, 'utf8')) as ReportVerdict;
    if (verdict.schema !== 'execdrill.verdict/1') throw new Error(`schema ${String(verdict.schema)}, expected execdrill.verdict/1`);
    return verdict;
  } catch (error) {
    throw new UsageError(`${file}: not a drill verdict (${(error as Error).message}); rerun the drill to write it again`);
  }
}
