/** `execdrill report`: one self-contained HTML file with the comparison, tail charts and an episode explorer. */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.ts';
import { sameFile } from '../io/output-dir.ts';
import { MANIFEST_FILE } from '../sweep/manifest.ts';
import { helpEpilogue } from '../sweep/options.ts';
import { compareOptionsOf, comparisonOptions } from './compare.ts';

interface ReportArgs {
  dir: string;
  out?: string;
  baseline: string;
  objective: string;
  level: number;
  resamples: number;
  bootstrapSeed: number;
  json: boolean;
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['the report of a sweep, written to results/fix/report.html', 'execdrill report results/fix'],
  ['elsewhere, against another baseline', 'execdrill report results/fix --baseline gap-recovery --out /tmp/fix.html'],
];

function builder(yargs: Argv): Argv<ReportArgs> {
  return comparisonOptions(
    yargs
      .wrap(null)
      .positional('dir', { type: 'string', demandOption: true, describe: 'a sweep directory (or an episodes .jsonl file)' })
      .option('out', { type: 'string', describe: 'the HTML file to write (default: report.html in the sweep directory)' }),
  )
    .option('json', { type: 'boolean', default: false, describe: 'print what was written as JSON: path, bytes, scenarios, episodes' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'The page holds the comparison (the numbers of `execdrill compare --json` with the same options), p95/p99 of IS_FO_BPS',
        'per policy with bootstrap whiskers, and an episode explorer: pick scenario, policy and seed to see its timeline (belief',
        'against truth, residual, accrued cost against the control run, regimes and faults shaded), its state machine',
        'transitions, runbook timeline, key metrics and replay command. chart.js and the data are inlined: it opens offline.',
        'Exit codes: 0 written, 64 bad input.',
      ]),
    ) as unknown as Argv<ReportArgs>;
}

function defaultOut(path: string): string {
  return join(statSync(path).isDirectory() ? path : dirname(path), 'report.html');
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: 'write a self-contained HTML report: comparison, tail charts, episode explorer',
  builder,
  async handler(args) {
    const { writeReport } = await import('../report/html/index.ts');
    const { readRecordSource } = await import('../sweep/records.ts');
    const { readVerdict } = await import('../report/html/verdict-file.ts');
    const options = compareOptionsOf(args);
    const source = readRecordSource(args.dir);
    const out = args.out ?? defaultOut(args.dir);
    if (args.out !== undefined && !isDirectory(dirname(out))) throw new UsageError(`--out ${out}: no directory ${dirname(out)}`);
    const input = readsFrom(args.dir, source.path).find((file) => sameFile(file, out));
    if (input !== undefined) throw new UsageError(`--out ${out} is ${input}, which the report reads: writing it there would lose it; name an .html file`);
    const written = writeReport([source], options, out, readVerdict(args.dir));
    process.stdout.write(
      args.json
        ? `${JSON.stringify(written, null, 2)}\n`
        : `wrote ${written.path} (${Math.round(written.bytes / 1024)} KiB): ${written.scenarios} scenarios, ${written.episodes} episodes\n`,
    );
  },
};

/** The files a report of `path` reads: the records, and in a sweep directory its manifest and a drill's verdict. */
function readsFrom(path: string, recordsFile: string): string[] {
  return isDirectory(path) ? [recordsFile, join(path, MANIFEST_FILE), join(path, 'verdict.json')] : [recordsFile];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
