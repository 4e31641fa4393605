/**
 * `execdrill drill`: runs a drill file's sweep and checks its gates; the exit code is the verdict. A
 * terminal gets the verdict block (drill/verdict-block.ts: gates and each scenario's cheapest policy,
 * in colour on a TTY); `--detail` adds the comparison tables and every gate outcome after it.
 */
import { dirname } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { GateOutcome } from '../drill/gate.ts';
import { helpEpilogue, requireSingle, requireWorkers } from '../sweep/options.ts';

interface DrillArgs {
  file: string;
  workers?: number;
  out?: string;
  runner?: string;
  detail: boolean;
  json: boolean;
}

const STATUS: Record<GateOutcome['status'], string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', violated: 'INVARIANT' };

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['run the bundled drill; exit 0 only if every gate passes', 'execdrill drill scenarios/drills/bundled.yaml'],
  ['the same with every table after the verdict (the sweep is reused)', 'execdrill drill scenarios/drills/bundled.yaml --detail'],
  ['in CI, for a machine', 'execdrill drill scenarios/drills/ci-smoke.yaml --workers 2 --json'],
];

function builder(yargs: Argv): Argv<DrillArgs> {
  return yargs
    .wrap(null)
    .positional('file', { type: 'string', demandOption: true, describe: 'the drill file (YAML)' })
    .option('workers', { type: 'number', describe: "worker threads (default: the file's, else all cores)" })
    .option('out', { type: 'string', describe: "output directory (default: the file's out)" })
    .option('runner', { type: 'string', describe: "episode runner module (default: the file's, else the project runner)" })
    .option('detail', { type: 'boolean', default: false, describe: 'after the verdict, print the comparison tables and every gate outcome' })
    .option('json', { type: 'boolean', default: false, describe: 'print the outcome as JSON (schema execdrill.drill/1)' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'A drill file names scenarios, policies, params, seeds, out and gates (paths relative to the file):',
        '  scenarios: [../002-fix-gap-resend.yaml]',
        '  policies: [naive, gap-recovery]',
        '  seeds: 1..200',
        '  out: ../../results/drill-fix-resend',
        '  gates:',
        '    - "p99(IS_FO_BPS) of gap-recovery <= 25"                # or { metric: IS_FO_BPS, stat: p99, policy: gap-recovery, max: 25 }',
        '    - "gap-recovery beats naive at p95 with 95% confidence" # on IS_FO_BPS; or { policy: gap-recovery, beats: naive, stat: p95 }',
        '    - "FETL_BPS of gap-recovery <= 10"',
        '    - "no invariant violations"',
        'Stats: p<NN>, cvar<NN>, mean. A threshold holds when its bootstrap interval lies within the bound (confidence: false',
        'compares the point estimate). Add "in <scenario>" (or scenario:) to scope a gate. Every drill also checks that no',
        'invariant was violated and every episode ran. Writes <out>/junit.xml, <out>/summary.md (appended to',
        '$GITHUB_STEP_SUMMARY when set), <out>/report.html (comparison and episode explorer) and <out>/charts/*.png.',
        'The grammar in full: harness/drill/README.md. Colour on a terminal only (never under NO_COLOR or CI).',
        'Exit codes: 0 all gates pass, 1 a gate failed, 2 inconclusive (an interval straddles its bound: run more seeds),',
        '3 an invariant was violated, 64 bad input (the drill file, with its path inside it).',
      ]),
    ) as unknown as Argv<DrillArgs>;
}

export function drillCommand(setExit: (code: number) => void): CommandModule<object, DrillArgs> {
  return {
    command: 'drill <file>',
    describe: 'run a drill file: sweep, gates, JUnit XML, a Markdown summary, the HTML report and charts; the exit code is the verdict',
    builder,
    async handler(args) {
      requireSingle(args as unknown as Record<string, unknown>, ['workers', 'out', 'runner']);
      const { formatComparison } = await import('../compare/table.ts');
      const { loadDrill } = await import('../drill/drill-file.ts');
      const { runDrill } = await import('../drill/run-drill.ts');
      const { verdictBlock } = await import('../drill/verdict-block.ts');
      const { colourEnabled, painter } = await import('../io/terminal.ts');
      const drill = loadDrill(args.file);
      const workers = args.workers === undefined ? undefined : requireWorkers(args.workers);
      const run = await runDrill(drill, { workers, out: args.out, runner: args.runner });
      if (args.json) {
        process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      } else {
        const { files } = run;
        const charts = `${files.charts.length} charts in ${dirname(files.charts[0] ?? files.report)}`;
        const detailHint = args.detail
          ? [`Wrote ${files.junit}, ${files.summary}, ${files.report} and ${charts}. The tables:`]
          : [`Tables: the same command with --detail (the sweep is reused), or ${files.summary}.`, `Charts and the episode explorer: open ${files.report} (and ${charts}).`];
        const block = verdictBlock(
          { drill: run.drill, verdict: run.verdict, exitCode: run.exitCode, episodes: run.sweep.episodes, outcomes: run.outcomes, bottomLines: run.bottomLine, level: drill.compare.level, detailHint },
          painter(colourEnabled(process.stdout)),
        );
        process.stdout.write(`${block.join('\n')}\n`);
        if (args.detail) {
          const gates = run.outcomes.map((outcome) => `${STATUS[outcome.status].padEnd(12)} ${outcome.gate} [${outcome.scenario} / ${outcome.subject}]: ${outcome.detail}`);
          process.stdout.write(`\n${formatComparison(run.comparison)}\nGates:\n${gates.join('\n')}\n`);
        }
      }
      setExit(run.exitCode);
    },
  };
}
