/** `execdrill charts`: draws a sweep's or drill's episode records as PNG charts and lists them. */
import type { Argv, CommandModule } from 'yargs';
import { helpEpilogue } from '../sweep/options.ts';
import { printable } from '../terminal-text.ts';

interface ChartsArgs {
  dir: string;
  out?: string;
  json: boolean;
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['charts of a sweep, into results/fix/charts', 'execdrill charts results/fix'],
  ['of the bundled drill, elsewhere, listed as JSON', 'execdrill charts results/drill-bundled --out /tmp/charts --json'],
];

function builder(yargs: Argv): Argv<ChartsArgs> {
  return yargs
    .wrap(null)
    .positional('dir', { type: 'string', demandOption: true, describe: 'a sweep or drill directory (or an episodes .jsonl file)' })
    .option('out', { type: 'string', describe: 'directory for the PNG files (default: <dir>/charts)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the list of charts as JSON' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'Per scenario and policy: ECDFs of IS_BPS and IS_FO_BPS over seeds with p95/p99 marked, and the timeline of the',
        'p95 episode. Per scenario: p95/p99 of IS_FO_BPS with bootstrap whiskers, and the event study (accrued cost from',
        "the first fault's onset, mean over seeds, beside the control runs).",
        'Exit codes: 0 written, 64 bad input.',
      ]),
    ) as unknown as Argv<ChartsArgs>;
}

export const chartsCommand: CommandModule<object, ChartsArgs> = {
  command: 'charts <dir>',
  describe: 'draw episode records as PNG charts (distributions, tail whiskers, timelines, event study)',
  builder,
  async handler(args) {
    const { chartRecordsAt } = await import('../report/charts/records-at.ts');
    const { out, files } = chartRecordsAt(args.dir, args.out);
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ out, charts: files }, null, 2)}\n`);
    } else {
      process.stdout.write(printable(`${files.length} charts in ${out}\n${files.map((f) => `  ${f.file}  ${f.title}\n`).join('')}`));
    }
  },
};
