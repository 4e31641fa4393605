/** What `run` and `explain` both take to name one episode: scenario, policy, seed and `--param` overrides. */
import type { Argv } from 'yargs';
import type { EpisodeSpec } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
import { parseParamOption } from '../sweep/params.ts';

export interface EpisodeArgs {
  scenario: string;
  policy: string;
  seed: number;
  param?: string[];
}

export function episodeOptions<T>(yargs: Argv<T>): Argv<T & EpisodeArgs> {
  return yargs
    .option('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
    .option('policy', { type: 'string', demandOption: true, describe: 'bundled policy name, or a path to your policy module' })
    .option('seed', { type: 'number', default: 1, describe: 'run seed' })
    .option('param', { type: 'string', array: true, describe: 'policy parameter override name=value (repeatable)' }) as unknown as Argv<T & EpisodeArgs>;
}

/** The episode the arguments name; `--param` takes the sweep's syntax, one value each. */
export function episodeSpecOf(args: EpisodeArgs): EpisodeSpec {
  if (!Number.isSafeInteger(args.seed) || args.seed < 0) throw new UsageError(`--seed ${args.seed}: expected a whole number >= 0`);
  const overrides = (args.param ?? []).map((text): [string, number] => {
    const axis = parseParamOption(text);
    if (axis.values.length !== 1) throw new UsageError(`--param ${text}: one episode takes one value (sweep several with execdrill sweep)`);
    if (axis.policy !== null && axis.policy !== args.policy) throw new UsageError(`--param ${text}: scoped to ${axis.policy}, but the policy is ${args.policy}`);
    return [axis.name, axis.values[0]];
  });
  const twice = overrides.find(([name], i) => overrides.findIndex(([other]) => other === name) !== i);
  if (twice !== undefined) throw new UsageError(`--param: ${twice[0]} is given twice`);
  // Entries, not assignments: `params.__proto__ = 1` would set no parameter, and the policy would refuse none.
  return { scenarioFile: args.scenario, policy: args.policy, params: Object.fromEntries(overrides), seed: args.seed };
}
