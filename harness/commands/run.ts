/** `execdrill run`: one episode (scenario, policy, seed) with its control and oracle runs. */
import type { CommandModule } from 'yargs';
import { EXIT_INTERNAL, EXIT_INVARIANT_VIOLATED, EXIT_OK, UsageError } from '../errors.ts';
import { helpEpilogue } from '../sweep/options.ts';
import { episodeOptions, episodeSpecOf, type EpisodeArgs } from './episode-args.ts';

interface RunArgs extends EpisodeArgs {
  shadow?: string;
  json: boolean;
}

export function runCommand(setExit: (code: number) => void): CommandModule<object, RunArgs> {
  return {
    command: 'run',
    describe: 'Run one episode: the incident, its control run (faults removed) and its oracle run',
    builder: (yargs) =>
      episodeOptions(yargs.wrap(null))
        .option('shadow', { type: 'string', describe: 'a second policy that decides in shadow at every decision point, without acting' })
        .option('json', { type: 'boolean', default: false, describe: 'print the episode record as JSON' })
        .epilogue(
          helpEpilogue(
            [
              ['one episode, summarised (times on the session clock)', 'execdrill run --scenario scenarios/002-fix-gap-resend.yaml --policy gap-recovery --seed 7'],
              ['your own policy module (docs/POLICIES.md), the full record', 'execdrill run --scenario scenarios/002-fix-gap-resend.yaml --policy ./my-policy.ts --seed 7 --json'],
            ],
            ['Exit codes: 0 the episode ran and kept every invariant, 3 an invariant was violated, 64 bad input, 70 the episode crashed (a bug).'],
          ),
        ),
    handler: async (argv) => {
      const spec = { ...episodeSpecOf(argv), ...(argv.shadow ? { shadowPolicy: argv.shadow } : {}) };
      const { prepareEpisode, runEpisode } = await import('../episode/run-episode.ts');
      const { formatEpisodeSummary } = await import('../report/episode-summary.ts');
      await prepareEpisode(spec);
      const record = runEpisode(spec);
      if (record.status === 'failed' && record.error?.kind === 'bad-input') throw new UsageError(record.error.message);
      process.stdout.write(argv.json ? `${JSON.stringify(record)}\n` : `${formatEpisodeSummary(record)}\n`);
      const violated = record.status === 'failed' || record.invariants.some((i) => !i.ok);
      setExit(record.error?.kind === 'crash' ? EXIT_INTERNAL : violated ? EXIT_INVARIANT_VIOLATED : EXIT_OK);
    },
  };
}
