/** `execdrill sweep`: runs scenarios x policies x parameter settings x seeds into a directory. */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.ts';
import { budgetOptions, helpEpilogue, limitsOf, requireWorkers, type BudgetArgs } from '../sweep/options.ts';
import { parseParamOption } from '../sweep/params.ts';
import type { SweepRequest } from '../sweep/plan.ts';

interface SweepArgs extends BudgetArgs {
  scenario: string[];
  policy: string[];
  seeds: string;
  param: string[];
  shadow?: string;
  workers: number;
  shard?: string;
  runner?: string;
  out: string;
  json: boolean;
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['two policies on 200 seeds, all cores', 'execdrill sweep --scenario scenarios/002-fix-gap-resend.yaml --policy naive --policy gap-recovery --seeds 1..200 --out results/fix'],
  ['tune one parameter of one policy', 'execdrill sweep --scenario scenarios/002-fix-gap-resend.yaml --policy naive --policy gap-recovery --param gap-recovery:confidenceThreshold=0.8,0.9,0.95 --seeds 1..100 --out results/tune'],
  ['slice 2 of eight (0..7, one per machine; then: execdrill merge results/fix-shard-* --out results/fix)', 'execdrill sweep --scenario scenarios/002-fix-gap-resend.yaml --policy naive --policy gap-recovery --seeds 1..200 --shard 2/8 --out results/fix-shard-2'],
];

function builder(yargs: Argv): Argv<SweepArgs> {
  return budgetOptions(yargs)
    .wrap(null)
    .option('scenario', { type: 'array', string: true, demandOption: true, describe: 'scenario file (repeatable)' })
    .option('policy', { type: 'array', string: true, demandOption: true, describe: 'policy name or policy module path (repeatable)' })
    .option('seeds', { type: 'string', demandOption: true, describe: 'seeds: 1..N, a..b, or a list 3,7,11' })
    .option('param', { type: 'array', string: true, default: [], describe: '[policy:]name=v1,v2,... a parameter swept like seeds (repeatable)' })
    .option('shadow', { type: 'string', describe: 'a policy that decides in shadow in every episode, without acting' })
    .option('workers', { type: 'number', default: availableParallelism(), describe: 'worker threads (default: all cores)' })
    .option('shard', { type: 'string', describe: 'run slice i of N (0-based: 0/4 .. 3/4); join slices with `execdrill merge`' })
    .option('runner', { type: 'string', describe: 'episode runner module exporting runEpisode(spec) (default: the project runner)' })
    .option('out', { type: 'string', demandOption: true, describe: 'output directory (manifest.json, episodes.jsonl)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the closing summary as JSON on stdout' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'Records go to <out>/episodes.jsonl in a fixed order, the same bytes whatever --workers. Rerun the same command after',
        'an interruption (even kill -9) to finish the sweep: finished episodes are kept, not rerun. A failed episode is recorded',
        'with its seed and replay command, reported on stderr, and the sweep goes on; so is a policy that breaks its contract or',
        'runs over a budget (--decision-budget, --policy-budget, --episode-timeout). Progress shows on a terminal, not in CI.',
        'EXECDRILL_COMMIT overrides the commit recorded in the manifest (for checkouts without .git).',
        'Exit codes: 0 every episode has a record (failed ones included: compare and drill judge them), 64 bad input (also when',
        'episodes could not start on it, such as a policy module that does not load: their records are kept and rerun once it changes).',
      ]),
    ) as unknown as Argv<SweepArgs>;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep',
  describe: 'run episodes of scenarios x policies x params x seeds on worker threads',
  builder,
  async handler(args) {
    const { formatShard, parseShard, WHOLE_SWEEP } = await import('../sweep/plan.ts');
    const { readRecordSource } = await import('../sweep/records.ts');
    const { resolveRunner } = await import('../sweep/runner-module.ts');
    const { runSweep } = await import('../sweep/run-sweep.ts');
    const { parseSeeds } = await import('../sweep/seeds.ts');
    const { summariseRecords } = await import('../sweep/summary.ts');
    const request: SweepRequest = {
      scenarios: args.scenario,
      policies: args.policy,
      params: args.param.map((text) => parseParamOption(text)),
      seeds: parseSeeds(args.seeds),
      shadowPolicy: args.shadow ?? null,
    };
    const shard = args.shard === undefined ? WHOLE_SWEEP : parseShard(args.shard);
    const runner = resolveRunner(args.runner);
    const outcome = await runSweep({ request, out: args.out, workers: requireWorkers(args.workers), shard, runner, limits: limitsOf(args) });
    const summary = summariseRecords(readRecordSource(args.out).records);
    if (args.json) {
      const { resumed, ran, startupSec, runSec, runCpuSec } = outcome;
      const report = { out: args.out, shard: formatShard(shard), ...summary, resumed, ran, startupSec, runSec, runCpuSec };
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      const problems = `${summary.failed.length} failed, ${summary.invariantViolations.length} violated an invariant`;
      process.stdout.write(`sweep ${formatShard(shard)}: ${outcome.episodes} episodes in ${args.out} (${outcome.ran} run now, ${outcome.resumed} from an earlier run); ${problems}\n`);
    }
    // Records of episodes that could not start are kept (a rerun after the fix reruns them), but the input was bad.
    const badInput = [...new Set(summary.failed.filter((failed) => failed.kind === 'bad-input').map((failed) => failed.message))];
    if (badInput.length > 0) throw new UsageError(`some episodes could not run on bad input:\n${badInput.map((message) => `  ${message}`).join('\n')}`);
  },
};
