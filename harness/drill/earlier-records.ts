/**
 * A drill rerun after the code changed finds its directory holding its own episodes, run by another
 * commit. A sweep refuses such a directory, since one set of records must come from one commit; a
 * drill, whose records exist for its verdict, moves them aside whole (looks, reports and all) to
 * `<out>.<their commit>` and starts over, so that the README's first command still works after an
 * update. Nothing already written is lost, and the run says where it went. A directory holding another
 * drill's episodes is still refused.
 */
import { existsSync, renameSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { OccupiedOutputError } from '../sweep/run-sweep.ts';

export interface EarlierRecords {
  readonly commit: string;
  readonly movedTo: string;
}

export async function sweepMovingEarlierAside<T>(out: string, sweep: () => Promise<T>): Promise<{ result: T; earlier: EarlierRecords | null }> {
  try {
    return { result: await sweep(), earlier: null };
  } catch (error) {
    if (!(error instanceof OccupiedOutputError) || error.earlierCommit === undefined) throw error;
    const commit = error.earlierCommit;
    const movedTo = freeName(`${out.replace(/[/\\]+$/, '')}.${commit.replace(/[^0-9A-Za-z_-]/g, '').slice(0, 12) || 'earlier'}`);
    try {
      renameSync(out, movedTo);
    } catch (cause) {
      throw new UsageError(`${error.message}; moving it aside to ${movedTo} failed (${(cause as Error).message})`);
    }
    return { result: await sweep(), earlier: { commit, movedTo } };
  }
}

function freeName(base: string): string {
  let name = base;
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}`;
  return name;
}
