/** Checks shared by the sweep, merge, compare and drill commands' options. */
import { UsageError } from '../errors.ts';

/** yargs turns an option given twice into an array; for a single-valued option that is a mistake, not a choice. */
export function requireSingle(args: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    if (Array.isArray(args[name])) throw new UsageError(`--${name} is given more than once`);
  }
}

export function requireWorkers(workers: number): number {
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers: expected a whole number >= 1, got ${workers}`);
  return workers;
}
