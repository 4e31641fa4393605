/** `execdrill merge`: joins the directories of a sharded sweep into one, as an unsharded run writes it. */
import type { Argv, CommandModule } from 'yargs';
import { helpEpilogue } from '../sweep/options.ts';

interface MergeArgs {
  dirs: string[];
  out: string;
  json: boolean;
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['join three shards', 'execdrill merge results/fix-shard-0 results/fix-shard-1 results/fix-shard-2 --out results/fix'],
  ['then compare the policies', 'execdrill merge results/fix-shard-* --out results/fix && execdrill compare results/fix'],
];

function builder(yargs: Argv): Argv<MergeArgs> {
  return yargs
    .wrap(null)
    .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'the shard directories, one per shard, any order' })
    .option('out', { type: 'string', demandOption: true, describe: 'directory for the merged sweep' })
    .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON on stdout' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'The merged directory is byte-identical to what the unsharded sweep writes. Every shard 0..N-1 must be present',
        'once, finished, and of the same sweep (same episodes, commit and runner).',
        'Exit codes: 0 merged, 64 bad input (missing, doubled, unfinished or mismatched shards).',
      ]),
    ) as unknown as Argv<MergeArgs>;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'join shard directories into the output of one unsharded sweep',
  builder,
  async handler(args) {
    const { mergeShards } = await import('../sweep/merge.ts');
    const { readRecordSource } = await import('../sweep/records.ts');
    const { summariseRecords } = await import('../sweep/summary.ts');
    const outcome = mergeShards(args.dirs, args.out);
    const summary = summariseRecords(readRecordSource(args.out).records);
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ out: args.out, shards: args.dirs.length, ...summary })}\n`);
    } else {
      const problems = `${summary.failed.length} failed, ${summary.invariantViolations.length} violated an invariant`;
      process.stdout.write(`merged ${args.dirs.length} shards: ${outcome.episodes} episodes in ${args.out}; ${problems}\n`);
    }
  },
};
