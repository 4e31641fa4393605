/** `execdrill compare`: policies side by side per scenario, with paired bootstrap intervals against a baseline. */
import type { Argv, CommandModule } from 'yargs';
import type { CompareOptions } from '../compare/comparison.ts';
import { UsageError } from '../errors.ts';
import { OBJECTIVES, RESAMPLES_MAX } from '../compare/objectives.ts';
import { helpEpilogue } from '../sweep/options.ts';
import { printable } from '../terminal-text.ts';

interface CompareArgs {
  paths: string[];
  baseline: string;
  objective: string;
  level: number;
  resamples: number;
  bootstrapSeed: number;
  json: boolean;
}

export function compareOptionsOf(args: Omit<CompareArgs, 'paths' | 'json'>): CompareOptions {
  if (!(OBJECTIVES as readonly string[]).includes(args.objective)) throw new UsageError(`--objective: expected ${OBJECTIVES.join(' or ')}, got ${args.objective}`);
  if (!(args.level > 0 && args.level < 1)) throw new UsageError(`--level: expected a confidence level between 0 and 1, got ${args.level}`);
  if (!Number.isInteger(args.resamples) || args.resamples < 100 || args.resamples > RESAMPLES_MAX) {
    throw new UsageError(`--resamples: expected a whole number from 100 to ${RESAMPLES_MAX}, got ${args.resamples}`);
  }
  if (!Number.isSafeInteger(args.bootstrapSeed)) throw new UsageError(`--bootstrap-seed: expected an integer, got ${args.bootstrapSeed}`);
  return { baseline: args.baseline, objective: args.objective as CompareOptions['objective'], level: args.level, resamples: args.resamples, seed: args.bootstrapSeed };
}

/** The options every command that compares records takes (compare, report); read back by `compareOptionsOf`. */
export function comparisonOptions<T>(yargs: Argv<T>): Argv<T> {
  return yargs
    .option('baseline', { type: 'string', default: 'naive', describe: 'the policy (or column label) differences are taken against' })
    .option('objective', { type: 'string', default: 'p95', choices: [...OBJECTIVES], describe: 'tail objective that ranks tuning settings: p95 or p99 of IS_FO_BPS' })
    .option('level', { type: 'number', default: 0.95, describe: 'confidence level of the intervals' })
    .option('resamples', { type: 'number', default: 2000, describe: `bootstrap resamples per interval (100 to ${RESAMPLES_MAX})` })
    .option('bootstrap-seed', { type: 'number', default: 1, describe: 'seed of the bootstrap streams (intervals are reproducible)' }) as unknown as Argv<T>;
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['every policy against naive', 'execdrill compare results/fix'],
  ['against another baseline, for a machine', 'execdrill compare results/fix --baseline gap-recovery --json'],
  ['two versions of a policy: a sweep before your change and one after (records carry version and source hash)', 'execdrill compare <sweep-before> <sweep-after>'],
  ['rank tuning settings on p99 of IS_FO_BPS', 'execdrill compare results/tune --objective p99'],
];

function builder(yargs: Argv): Argv<CompareArgs> {
  return comparisonOptions(yargs.wrap(null).positional('paths', { type: 'string', array: true, demandOption: true, describe: 'sweep directories or episodes .jsonl files (records are pooled)' }))
    .option('json', { type: 'boolean', default: false, describe: 'print the comparison as JSON (schema execdrill.compare/1)' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'Columns are policies; versions of one policy and parameter settings of a tuning sweep are columns of their own.',
        'Rows: p50/p95/p99 and CVaR95 (mean of the worst 5%) of IS_BPS and IS_FO_BPS over seeds, FETL = p95(IS) - p95(IS of',
        'the control run), mean completion, failed episodes, invariant violations. Differences are policy minus baseline',
        '(negative = cheaper), paired by seed, with a bootstrap interval (BCa); "not significant" when it contains 0.',
        'Exit codes: 0 compared, 64 bad input.',
      ]),
    ) as unknown as Argv<CompareArgs>;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <paths..>',
  describe: 'compare policies per scenario: tail IS, FETL, completion, paired bootstrap differences',
  builder,
  async handler(args) {
    // The options first: a bad one is refused before any records are read.
    const options = compareOptionsOf(args);
    const { compareRecords } = await import('../compare/comparison.ts');
    const { formatComparison } = await import('../compare/table.ts');
    const { readRecordSource } = await import('../sweep/records.ts');
    const comparison = compareRecords(args.paths.map(readRecordSource), options);
    process.stdout.write(args.json ? `${JSON.stringify(comparison, null, 2)}\n` : printable(formatComparison(comparison)));
  },
};
