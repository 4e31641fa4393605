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

/** A command's help epilogue: examples, each under a comment saying what it does, then notes (exit codes last). */
export function helpEpilogue(examples: ReadonlyArray<readonly [string, string]>, notes: readonly string[]): string {
  const shown = examples.flatMap(([what, command]) => [`  # ${what}`, `  ${command}`]);
  return ['Examples:', ...shown, '', ...notes].join('\n');
}
