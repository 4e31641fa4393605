/**
 * `execdrill drill`: runs a drill file's sweep and checks its gates; the exit code is the verdict. A
 * terminal gets the verdict block (drill/verdict-block.ts: gates and each scenario's cheapest policy,
 * in colour on a TTY); `--detail` adds the comparison tables and every gate outcome after it. A drill that
 * cannot run (bad input) exits 64 and still leaves a junit.xml saying why.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { Drill } from '../drill/drill-file.ts';
import type { GateOutcome } from '../drill/gate.ts';
import type { DrillRun } from '../drill/run-drill.ts';
import { UsageError } from '../errors.ts';
import { printable, printableDeep } from '../terminal-text.ts';
import { budgetOptions, helpEpilogue, limitsOf, requireWorkers, timeBudgetOption, type BudgetArgs } from '../sweep/options.ts';

interface DrillArgs extends BudgetArgs {
  file: string;
  workers?: number;
  out?: string;
  runner?: string;
  detail: boolean;
  json: boolean;
  'max-seeds'?: number;
  'time-budget'?: string;
}

const STATUS: Record<GateOutcome['status'], string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', violated: 'INVARIANT' };

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['run the bundled drill; exit 0 only if every gate passes', 'execdrill drill scenarios/drills/bundled.yaml'],
  ['the same with every table after the verdict (the sweep is reused)', 'execdrill drill scenarios/drills/bundled.yaml --detail'],
  ['in CI, for a machine', 'execdrill drill scenarios/drills/ci-smoke.yaml --workers 2 --json'],
  ['one recorded incident as designed, as imported from its QuickFIX log and as the engine ran it live', 'execdrill drill scenarios/drills/incident-views.yaml'],
];

function builder(yargs: Argv): Argv<DrillArgs> {
  return budgetOptions(yargs)
    .wrap(null)
    .positional('file', { type: 'string', demandOption: true, describe: 'the drill file (YAML)' })
    .option('workers', { type: 'number', describe: "worker threads (default: the file's, else all cores)" })
    .option('out', { type: 'string', describe: "output directory (default: the file's out)" })
    .option('runner', { type: 'string', describe: "episode runner module (default: the file's, else the project runner)" })
    .option('max-seeds', { type: 'number', describe: "add seeds to an undecided gate (looks at 2x, 4x ... the drill's seeds, and at the seeds each gate's interval needs) up to this many (default: the file's maxSeeds, else none)" })
    .option('time-budget', { type: 'string', describe: "add no look that would end after this long since the drill started: 150s, 3m (default: the file's timeBudget)" })
    .option('detail', { type: 'boolean', default: false, describe: 'after the verdict, print the comparison tables and every gate outcome' })
    .option('json', { type: 'boolean', default: false, describe: 'print the outcome as JSON (schema execdrill.drill/1)' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'A drill file names scenarios, policies, params, seeds, out and gates, and optionally views (paths relative to the file):',
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
        'With maxSeeds (or --max-seeds) a gate whose interval straddles its bound gets more seeds, for its own scenarios and',
        'policies, in looks of 2x, 4x ... the first (and at each gate\'s floor, 96 seeds for a mean, 160 for p95); a gate\'s',
        'k-th look spends alpha x 6/(pi^2 k^2) of the error, so stopping at any look',
        'keeps the stated confidence. Each gate says how many seeds it took; an undecided one, about how many would settle it.',
        'Exit codes: 0 all gates pass, 1 a gate failed, 2 inconclusive (an interval straddles its bound: run more seeds),',
        '3 an invariant was violated, 64 bad input (the drill file, with its path inside it; junit.xml says why).',
        'views: a scenario as designed, the one imported from a real engine\'s log and its live chaos-proxy verdict, side by side:',
        '  session KPIs printed after the verdict block (harness/drill/README.md, One incident, three views).',
      ]),
    ) as unknown as Argv<DrillArgs>;
}

/**
 * A drill that cannot run still leaves a junit.xml saying why: in --out, else the file's own `out`,
 * else results/drill-<file name>; but not in a directory that holds another sweep, whose own junit.xml
 * it would replace. Failing to write it changes nothing about the exit (64).
 */
async function writeErrorJunit(file: string, out: string | undefined, error: UsageError): Promise<void> {
  const { DrillFileError } = await import('../drill/drill-file.ts');
  const { DrillInputError, JUNIT_FILE } = await import('../drill/run-drill.ts');
  const { junitErrorXml } = await import('../drill/junit.ts');
  const { writeFileAtomic } = await import('../io/atomic-write.ts');
  const { makeOutputDir } = await import('../io/output-dir.ts');
  const { OccupiedOutputError } = await import('../sweep/run-sweep.ts');
  if (error instanceof OccupiedOutputError) return;
  const name = basename(file, extname(file));
  const problems = error instanceof DrillFileError || error instanceof DrillInputError ? error.problems : [error.message];
  try {
    const dir = out ?? join('results', `drill-${name}`);
    makeOutputDir(dir, '--out');
    writeFileAtomic(join(dir, JUNIT_FILE), junitErrorXml(name, problems));
  } catch {
    // The drill's own problem is what the user must see.
  }
}

async function runReportingBadInput(args: DrillArgs): Promise<{ drill: Drill; run: DrillRun }> {
  const { DrillFileError, loadDrill } = await import('../drill/drill-file.ts');
  const { runDrill } = await import('../drill/run-drill.ts');
  let out = args.out;
  try {
    const drill = loadDrill(args.file);
    out ??= drill.out;
    const workers = args.workers === undefined ? undefined : requireWorkers(args.workers);
    const maxSeeds = args['max-seeds'];
    if (maxSeeds !== undefined && !(Number.isInteger(maxSeeds) && maxSeeds >= drill.request.seeds.length)) {
      throw new UsageError(`--max-seeds: expected a whole number of seeds >= the drill's ${drill.request.seeds.length}, got ${maxSeeds}`);
    }
    const timeBudgetMs = timeBudgetOption(args['time-budget']) ?? undefined;
    return { drill, run: await runDrill(drill, { workers, out: args.out, runner: args.runner, limits: limitsOf(args), maxSeeds, timeBudgetMs }) };
  } catch (error) {
    if (error instanceof UsageError) await writeErrorJunit(args.file, out ?? (error instanceof DrillFileError ? error.out : undefined), error);
    throw error;
  }
}

export function drillCommand(setExit: (code: number) => void): CommandModule<object, DrillArgs> {
  return {
    command: 'drill <file>',
    describe: 'run a drill file: sweep, gates, JUnit XML, a Markdown summary, the HTML report and charts; the exit code is the verdict',
    builder,
    async handler(args) {
      const { drill, run } = await runReportingBadInput(args);
      if (run.earlierRecords !== null) {
        const { commit, movedTo } = run.earlierRecords;
        process.stderr.write(`execdrill: ${printable(run.out)} held this drill's records from commit ${printable(commit)}: moved them to ${printable(movedTo)} and ran the drill afresh\n`);
      }
      if (args.json) {
        process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      } else {
        const { formatComparison } = await import('../compare/table.ts');
        const { verdictBlock } = await import('../drill/verdict-block.ts');
        const { colourEnabled, painter } = await import('../io/terminal.ts');
        const { files } = run;
        const charts = `${files.charts.length} charts in ${dirname(files.charts[0] ?? files.report)}`;
        const detailHint = args.detail
          ? [`Wrote ${files.junit}, ${files.summary}, ${files.report} and ${charts}. The tables:`]
          : [`Tables: --detail (the sweep is reused); charts and the episode explorer: open ${files.report}.`];
        // The block's text comes from the drill file and the records; only the painter's own codes may reach the terminal.
        const block = verdictBlock(
          printableDeep({ drill: run.drill, verdict: run.verdict, exitCode: run.exitCode, episodes: run.sweep.episodes, looks: run.looks, stoppedBy: run.stoppedBy, outcomes: run.outcomes, bottomLines: run.bottomLine, level: drill.compare.level, detailHint }),
          painter(colourEnabled(process.stdout)),
        );
        process.stdout.write(`${block.join('\n')}\n`);
        if (run.views.length > 0) {
          const { formatIncidentViews } = await import('../drill/incident-views.ts');
          process.stdout.write(`\n${run.views.map((views) => formatIncidentViews(views).map(printable).join('\n')).join('\n\n')}\n`);
        }
        if (args.detail) {
          const gates = run.outcomes.map((outcome) => printable(`${STATUS[outcome.status].padEnd(12)} ${outcome.gate} [${outcome.scenario} / ${outcome.subject}]: ${outcome.detail}`));
          process.stdout.write(`\n${printable(formatComparison(run.comparison))}\nGates:\n${gates.join('\n')}\n`);
        }
      }
      setExit(run.exitCode);
    },
  };
}
