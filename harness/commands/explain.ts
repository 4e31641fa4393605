/** `execdrill explain`: one episode told step by step for a new engineer (seed 002's runbook order), as text or as JSON steps. */
import type { CommandModule } from 'yargs';
import { prepareEpisode } from '../episode/run-episode.ts';
import { UsageError } from '../errors.ts';
import { explainEpisode, renderNarrative } from '../explain/index.ts';
import { parseParamOption } from '../sweep/params.ts';

interface ExplainArgs {
  scenario: string;
  policy: string;
  seed: number;
  param?: string[];
  json: boolean;
}

/** `--param name=value`, one value each, as `run` takes them. */
function episodeParams(pairs: readonly string[] | undefined, policy: string): Record<string, number> {
  const params: Record<string, number> = {};
  for (const text of pairs ?? []) {
    const axis = parseParamOption(text);
    if (axis.values.length !== 1) throw new UsageError(`--param ${text}: one episode takes one value`);
    if (axis.policy !== null && axis.policy !== policy) throw new UsageError(`--param ${text}: scoped to ${axis.policy}, but the policy is ${policy}`);
    params[axis.name] = axis.values[0];
  }
  return params;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain',
  describe: 'Explain one episode for a new engineer: what failed, belief vs truth, what the policy did and why, the runbook, the cost',
  builder: (yargs) =>
    yargs
      .option('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
      .option('policy', { type: 'string', demandOption: true, describe: 'bundled policy name, or a path to your policy module' })
      .option('seed', { type: 'number', default: 1, describe: 'run seed' })
      .option('param', { type: 'string', array: true, describe: 'policy parameter override name=value (repeatable)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the explanation as structured steps (schema execdrill.explain/1)' })
      .example('$0 explain --scenario scenarios/002-fix-gap-resend.yaml --policy gap-recovery --seed 3', 'the episode, narrated')
      .example('$0 explain --scenario scenarios/002-fix-gap-resend.yaml --policy cancel-all-on-reconnect --seed 5 --json', 'the same as JSON steps'),
  handler: async (argv) => {
    if (!Number.isSafeInteger(argv.seed) || argv.seed < 0) throw new UsageError(`--seed ${argv.seed}: expected a whole number >= 0`);
    const spec = { scenarioFile: argv.scenario, policy: argv.policy, params: episodeParams(argv.param, argv.policy), seed: argv.seed };
    await prepareEpisode(spec);
    const narrative = explainEpisode(spec);
    process.stdout.write(argv.json ? `${JSON.stringify(narrative, null, 2)}\n` : `${renderNarrative(narrative)}\n`);
  },
};
