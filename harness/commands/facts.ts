/**
 * `execdrill facts`: runs the stylized facts of the facts table (harness/facts/README.md) and prints their
 * table: each fact's statistic, its sequential 95% interval, the seeds it took and its verdict. The
 * exit code is the verdict, as for a drill.
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.ts';
import type { FactDefinition } from '../facts/fact.ts';
import { DEFAULT_MAX_SEEDS_FACTOR } from '../facts/sequential.ts';
import { helpEpilogue, requireWorkers, timeBudgetOption } from '../sweep/options.ts';
import { printable } from '../terminal-text.ts';
import { MAX_SEEDS } from '../sweep/seeds.ts';

interface FactsArgs {
  only?: string;
  seeds?: number;
  'max-seeds'?: number;
  'time-budget'?: string;
  workers: number;
  out: string;
  runner?: string;
  json: boolean;
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['every fact at the seeds it states, adding seeds where undecided, for at most two hours', 'execdrill facts --time-budget 2h'],
  ['two facts, 50 seeds to start with and never more than 200', 'execdrill facts --only F1,F5 --seeds 50 --max-seeds 200'],
  ['for a machine', 'execdrill facts --json > facts.json'],
];

function builder(yargs: Argv): Argv<FactsArgs> {
  return yargs
    .wrap(null)
    .option('only', { type: 'string', describe: 'facts to run, by id: F1,F5 (default: all)' })
    .option('seeds', { type: 'number', describe: "seeds of every fact's first look (default: the count it states, else 100; F10 50)" })
    .option('max-seeds', { type: 'number', describe: `no look beyond this many seeds (default: ${DEFAULT_MAX_SEEDS_FACTOR} x the first look)` })
    .option('time-budget', { type: 'string', describe: 'stop adding seeds after this long: 90m, 2h (default: no limit)' })
    .option('workers', { type: 'number', default: availableParallelism(), describe: 'worker threads (default: all cores)' })
    .option('out', { type: 'string', default: 'results/facts', describe: 'where the episode records go (<out>/<commit>/<fact>/...)' })
    .option('runner', { type: 'string', describe: 'episode runner module (default: the project runner)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the outcome as JSON (schema execdrill.facts/1)' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'Each fact runs its episodes as sweeps under <out>, then tests its statistics. Where an interval straddles its bound,',
        'it adds seeds in rounds (n, 2n, 4n ...) up to --max-seeds or --time-budget; each look spends part of the 5% error',
        '(0.05 x 6/(pi^2 k^2) at look k), so a verdict keeps its 95% confidence however many rounds it took. Records are',
        'reused: rerun the same command to resume, or to go on with a larger --max-seeds. Facts and tests: harness/facts/README.md.',
        'Exit codes: 0 every fact passes, 1 a fact failed (or an episode failed), 2 a fact is undecided (seeds or time ran out), 64 bad input.',
      ]),
    ) as unknown as Argv<FactsArgs>;
}

function requireSeedCount(value: number | undefined, option: string): number | null {
  if (value === undefined) return null;
  // Above the sweep's own bound, the seed list alone would exhaust the heap (--seeds 1e9 ended in a V8 abort).
  if (!Number.isInteger(value) || value < 2 || value > MAX_SEEDS) throw new UsageError(`--${option}: expected a whole number of seeds from 2 to ${MAX_SEEDS}, got ${value}`);
  return value;
}

/** --seeds and --max-seeds, the first look no larger than the last: a smaller --max-seeds would quietly cut the first look down to it. */
function seedCounts(args: FactsArgs): { seeds: number | null; maxSeeds: number | null } {
  const seeds = requireSeedCount(args.seeds, 'seeds');
  const maxSeeds = requireSeedCount(args['max-seeds'], 'max-seeds');
  if (seeds !== null && maxSeeds !== null && maxSeeds < seeds) throw new UsageError(`--max-seeds ${maxSeeds} is fewer than --seeds ${seeds}`);
  return { seeds, maxSeeds };
}

function selectFacts(facts: FactDefinition[], only: string | undefined): FactDefinition[] {
  if (only === undefined) return facts;
  const ids = only.split(',').map((id) => id.trim().toUpperCase());
  const unknown = ids.filter((id) => !facts.some((fact) => fact.id === id));
  if (unknown.length > 0) throw new UsageError(`--only: no fact ${unknown.join(', ') || JSON.stringify(only)} (the facts are ${facts.map((fact) => fact.id).join(', ')})`);
  return facts.filter((fact) => ids.includes(fact.id));
}

export function factsCommand(setExit: (code: number) => void): CommandModule<object, FactsArgs> {
  return {
    command: 'facts',
    describe: "run the facts table (F1-F10: what the playbooks say an incident does) as statistical tests over seeds, adding seeds where undecided; the exit code is the verdict",
    builder,
    async handler(args) {
      const { allFacts } = await import('../facts/catalogue.ts');
      const { runFacts } = await import('../facts/run-facts.ts');
      const { factsMarkdown } = await import('../facts/table.ts');
      const { resolveRunner } = await import('../sweep/runner-module.ts');
      const run = await runFacts({
        facts: selectFacts(allFacts(), args.only),
        out: args.out,
        workers: requireWorkers(args.workers),
        runner: resolveRunner(args.runner),
        ...seedCounts(args),
        timeBudgetMs: timeBudgetOption(args['time-budget']),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(args.json ? `${JSON.stringify(run, null, 2)}\n` : printable(factsMarkdown(run)));
      setExit(run.exitCode);
    },
  };
}
