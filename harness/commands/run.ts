/** `execdrill run`: one episode (scenario, policy, seed) with its control and oracle runs. */
import type { CommandModule } from 'yargs';
import { prepareEpisode, runEpisode } from '../episode/run-episode.ts';
import { EXIT_INTERNAL, EXIT_INVARIANT_VIOLATED, EXIT_OK, UsageError } from '../errors.ts';
import { formatEpisodeSummary } from '../report/episode-summary.ts';
import { parseParamOption } from '../sweep/params.ts';

interface RunArgs {
  scenario: string;
  policy: string;
  seed: number;
  param?: string[];
  shadow?: string;
  json: boolean;
}

/** `--param name=value` overrides for one episode: the sweep's syntax, one value each. */
function episodeParams(pairs: readonly string[] | undefined, policy: string): Record<string, number> {
  const params: Record<string, number> = {};
  for (const text of pairs ?? []) {
    const axis = parseParamOption(text);
    if (axis.values.length !== 1) throw new UsageError(`--param ${text}: one episode takes one value (sweep several with execdrill sweep)`);
    if (axis.policy !== null && axis.policy !== policy) throw new UsageError(`--param ${text}: scoped to ${axis.policy}, but the policy is ${policy}`);
    params[axis.name] = axis.values[0];
  }
  return params;
}

export function runCommand(setExit: (code: number) => void): CommandModule<object, RunArgs> {
  return {
    command: 'run',
    describe: 'Run one episode: the incident, its control run (faults removed) and its oracle run',
    builder: (yargs) =>
      yargs
        .option('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
        .option('policy', { type: 'string', demandOption: true, describe: 'bundled policy name, or a path to your policy module' })
        .option('seed', { type: 'number', default: 1, describe: 'run seed' })
        .option('param', { type: 'string', array: true, describe: 'policy parameter override name=value (repeatable)' })
        .option('shadow', { type: 'string', describe: 'a second policy that decides in shadow at every decision point, without acting' })
        .option('json', { type: 'boolean', default: false, describe: 'print the episode record as JSON' })
        .example('$0 run --scenario scenarios/fix-gap-resend.yaml --policy gap-recovery --seed 7', 'one episode, summarised')
        .example('$0 run --scenario scenarios/fix-gap-resend.yaml --policy ./my-policy.ts --seed 7 --json', 'your own policy, the full record'),
    handler: async (argv) => {
      if (!Number.isSafeInteger(argv.seed) || argv.seed < 0) throw new UsageError(`--seed ${argv.seed}: expected a whole number >= 0`);
      const spec = { scenarioFile: argv.scenario, policy: argv.policy, params: episodeParams(argv.param, argv.policy), seed: argv.seed, ...(argv.shadow ? { shadowPolicy: argv.shadow } : {}) };
      await prepareEpisode(spec);
      const record = runEpisode(spec);
      if (record.status === 'failed' && record.error?.kind === 'bad-input') throw new UsageError(record.error.message);
      process.stdout.write(argv.json ? `${JSON.stringify(record)}\n` : `${formatEpisodeSummary(record)}\n`);
      const violated = record.status === 'failed' || record.invariants.some((i) => !i.ok);
      setExit(record.error?.kind === 'crash' ? EXIT_INTERNAL : violated ? EXIT_INVARIANT_VIOLATED : EXIT_OK);
    },
  };
}
