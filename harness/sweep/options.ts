/** Checks shared by the sweep, merge, compare and drill commands' options. */
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { DurationSyntaxError, formatDuration, NS_PER_MS, parseDuration } from '../../sim/index.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_EPISODE_LIMITS, type EpisodeLimits } from './watchdog.ts';

/** A worker per core at most: more only share the cores, each with its own heap (issue 19 saw 6.3 GB for --workers 1000). */
export function requireWorkers(workers: number, note: (text: string) => void = (text) => process.stderr.write(`${text}\n`)): number {
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers: expected a whole number >= 1, got ${workers}`);
  const cores = availableParallelism();
  if (workers <= cores) return workers;
  note(`execdrill: --workers ${workers} is capped at the ${cores} cores of this machine`);
  return cores;
}

/** A command's help epilogue: examples, each under a comment saying what it does, then notes (exit codes last). */
export function helpEpilogue(examples: ReadonlyArray<readonly [string, string]>, notes: readonly string[]): string {
  const shown = examples.flatMap(([what, command]) => [`  # ${what}`, `  ${command}`]);
  return ['Examples:', ...shown, '', ...notes].join('\n');
}

export interface BudgetArgs {
  'decision-budget': string;
  'policy-budget': string;
  'episode-timeout': string;
}

/** The budget options of every command that runs episodes (run, sweep, drill). */
export function budgetOptions<T>(yargs: Argv<T>): Argv<T & BudgetArgs> {
  const { policy, episodeMs } = DEFAULT_EPISODE_LIMITS;
  return yargs
    .option('decision-budget', { type: 'string', default: `${policy.decisionMs / 1000}s`, describe: "CPU time one policy decision may take before the episode fails (the policy's fault)" })
    .option('policy-budget', { type: 'string', default: `${policy.episodeMs / 1000}s`, describe: 'time a policy may spend deciding over one episode' })
    .option('episode-timeout', { type: 'string', default: `${episodeMs / 60_000}m`, describe: 'wall time one episode (its three runs) may take' }) as unknown as Argv<T & BudgetArgs>;
}

/** The watchdog counts budgets in ms, so one must be at least 1ms. */
const budgetMs = (args: Record<string, unknown>, name: keyof BudgetArgs): number => durationFlagMs(args[name], `--${name}`, { atLeastMs: 1 });

export function limitsOf(args: BudgetArgs): EpisodeLimits {
  const all = args as unknown as Record<string, unknown>;
  return {
    ...DEFAULT_EPISODE_LIMITS,
    policy: { decisionMs: budgetMs(all, 'decision-budget'), episodeMs: budgetMs(all, 'policy-budget') },
    episodeMs: budgetMs(all, 'episode-timeout'),
  };
}

export interface DurationBounds {
  /** The least duration allowed, in ms; without it, anything above 0. */
  atLeastMs?: number;
  /** The greatest duration allowed, in ms. */
  atMostMs?: number;
}

/**
 * A duration a user wrote ("150s", "3m") in ms, or why it is not one: above 0 and within `bounds`. Every
 * duration of a flag or a drill file's field is read here, so each says what is wrong in the same words.
 */
export function parseDurationMs(text: string, bounds: DurationBounds = {}): { ms: number } | { problem: string } {
  let ns: number;
  try {
    ns = parseDuration(text);
  } catch (error) {
    if (error instanceof DurationSyntaxError) return { problem: error.message };
    throw error;
  }
  const ms = ns / NS_PER_MS;
  const got = JSON.stringify(text);
  if (ns <= 0) return { problem: `expected a duration above 0, got ${got}` };
  if (bounds.atLeastMs !== undefined && ms < bounds.atLeastMs) return { problem: `expected at least ${formatDuration(bounds.atLeastMs * NS_PER_MS)}, got ${got}` };
  if (bounds.atMostMs !== undefined && ms > bounds.atMostMs) return { problem: `expected at most ${formatDuration(bounds.atMostMs * NS_PER_MS)}, got ${got}` };
  return { ms };
}

/** A duration flag's value in ms; a bad one is a usage error (exit 64) that names the flag. */
export function durationFlagMs(value: unknown, flag: string, bounds: DurationBounds = {}): number {
  if (Array.isArray(value)) throw new UsageError(`${flag} is given more than once`);
  const duration = parseDurationMs(String(value), bounds);
  if ('problem' in duration) throw new UsageError(`${flag}: ${duration.problem}`);
  return duration.ms;
}

/** --time-budget in ms, or null when not given. */
export function timeBudgetOption(text: string | undefined): number | null {
  return text === undefined ? null : durationFlagMs(text, '--time-budget');
}
