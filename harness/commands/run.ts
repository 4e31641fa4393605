/**
 * `execdrill run`: one episode (scenario, policy, seed) with its control and oracle runs, on a worker
 * thread under the watchdog, so a user's policy can neither hang nor silently end the command.
 */
import type { CommandModule } from 'yargs';
import type { EpisodeRecord } from '../episode/record.ts';
import { EXIT_INTERNAL, EXIT_INVARIANT_VIOLATED, EXIT_OK, EXIT_USAGE, UsageError } from '../errors.ts';
import { budgetOptions, helpEpilogue, limitsOf, type BudgetArgs } from '../sweep/options.ts';
import { printable } from '../terminal-text.ts';
import { episodeOptions, episodeSpecOf, type EpisodeArgs } from './episode-args.ts';

interface RunArgs extends EpisodeArgs, BudgetArgs {
  shadow?: string;
  json: boolean;
}

/** A policy that breaks its contract, or a run over its budget, is the input's fault (64); a crash is ours (70). */
export function exitCodeOf(record: EpisodeRecord): number {
  switch (record.error?.kind) {
    case 'crash':
      return EXIT_INTERNAL;
    case 'policy':
    case 'budget':
    case 'bad-input':
      return EXIT_USAGE;
    case 'invariant':
      return EXIT_INVARIANT_VIOLATED;
    default:
      return record.invariants.some((i) => !i.ok) ? EXIT_INVARIANT_VIOLATED : EXIT_OK;
  }
}

export function runCommand(setExit: (code: number) => void): CommandModule<object, RunArgs> {
  return {
    command: 'run',
    describe: 'Run one episode: the incident, its control run (faults removed) and its oracle run',
    builder: (yargs) =>
      budgetOptions(episodeOptions(yargs.wrap(null)))
        .option('shadow', { type: 'string', describe: 'a second policy that decides in shadow at every decision point, without acting' })
        .option('json', { type: 'boolean', default: false, describe: 'print the episode record as JSON' })
        .epilogue(
          helpEpilogue(
            [
              ['one episode, summarised (times on the session clock)', 'execdrill run --scenario scenarios/002-fix-gap-resend.yaml --policy gap-recovery --seed 7'],
              ['your own policy module (docs/POLICIES.md), the full record', 'execdrill run --scenario scenarios/002-fix-gap-resend.yaml --policy ./my-policy.ts --seed 7 --json'],
            ],
            [
              'Exit codes: 0 the episode ran and kept every invariant, 3 an invariant was violated, 64 bad input (the scenario, the options, or a policy that broke its contract or its budget), 70 the episode crashed (a bug).',
            ],
          ),
        ),
    handler: async (argv) => {
      const spec = { ...episodeSpecOf(argv), ...(argv.shadow ? { shadowPolicy: argv.shadow } : {}) };
      const { runWatchedEpisode } = await import('../sweep/one-episode.ts');
      const { formatEpisodeSummary } = await import('../report/episode-summary.ts');
      const record = await runWatchedEpisode(spec, limitsOf(argv));
      if (record.status === 'failed' && record.error?.kind === 'bad-input') throw new UsageError(record.error.message);
      process.stdout.write(argv.json ? `${JSON.stringify(record)}\n` : `${printable(formatEpisodeSummary(record))}\n`);
      setExit(exitCodeOf(record));
    },
  };
}
