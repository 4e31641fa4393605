/** `execdrill drill`: runs a drill file's sweep and checks its gates; the exit code is the verdict. */
import { basename, dirname, extname, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { formatComparison } from '../compare/table.ts';
import { DrillFileError, loadDrill } from '../drill/drill-file.ts';
import { junitErrorXml } from '../drill/junit.ts';
import { UsageError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { makeOutputDir } from '../io/output-dir.ts';
import { printable } from '../terminal-text.ts';
import type { GateOutcome } from '../drill/gate.ts';
import { DrillInputError, JUNIT_FILE, runDrill, type DrillRun } from '../drill/run-drill.ts';
import { budgetOptions, helpEpilogue, limitsOf, requireSingle, requireWorkers, type BudgetArgs } from '../sweep/options.ts';

interface DrillArgs extends BudgetArgs {
  file: string;
  workers?: number;
  out?: string;
  runner?: string;
  json: boolean;
}

const STATUS: Record<GateOutcome['status'], string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', violated: 'INVARIANT' };

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['run a drill; exit 0 only if every gate passes', 'execdrill drill drills/fix-resend.yaml'],
  ['in CI, for a machine', 'execdrill drill drills/fix-resend.yaml --workers 2 --json'],
];

function builder(yargs: Argv): Argv<DrillArgs> {
  return budgetOptions(yargs)
    .wrap(null)
    .positional('file', { type: 'string', demandOption: true, describe: 'the drill file (YAML)' })
    .option('workers', { type: 'number', describe: "worker threads (default: the file's, else all cores)" })
    .option('out', { type: 'string', describe: "output directory (default: the file's out)" })
    .option('runner', { type: 'string', describe: "episode runner module (default: the file's, else the project runner)" })
    .option('json', { type: 'boolean', default: false, describe: 'print the outcome as JSON (schema execdrill.drill/1)' })
    .epilogue(
      helpEpilogue(EXAMPLES, [
        'A drill file names scenarios, policies, params, seeds, out and gates (paths relative to the file):',
        '  scenarios: [../scenarios/fix-resend.yaml]',
        '  policies: [naive, gap-recovery]',
        '  seeds: 1..200',
        '  out: ../results/drill-fix-resend',
        '  gates:',
        '    - "p99(IS_FO_BPS) of gap-recovery <= 25"                # or { metric: IS_FO_BPS, stat: p99, policy: gap-recovery, max: 25 }',
        '    - "gap-recovery beats naive at p95 with 95% confidence" # or { policy: gap-recovery, beats: naive, stat: p95 }',
        '    - "FETL_BPS of gap-recovery <= 10"',
        '    - "no invariant violations"',
        'Stats: p<NN>, cvar<NN>, mean. A threshold holds when its bootstrap interval lies within the bound (confidence: false',
        'compares the point estimate). Add "in <scenario>" (or scenario:) to scope a gate. Every drill also checks that no',
        'invariant was violated and every episode ran. Writes <out>/junit.xml, <out>/summary.md (appended to',
        '$GITHUB_STEP_SUMMARY when set), <out>/report.html (comparison and episode explorer) and <out>/charts/*.png.',
        'Grammar in full: harness/drill/README.md.',
        'Exit codes: 0 all gates pass, 1 a gate failed, 2 inconclusive (an interval straddles its bound: run more seeds),',
        '3 an invariant was violated, 64 bad input (the drill file, with its path inside it).',
      ]),
    ) as unknown as Argv<DrillArgs>;
}

/**
 * A drill that cannot run still leaves a junit.xml saying why: in --out, else the file's own `out`,
 * else results/drill-<file name>. Failing to write it changes nothing about the exit (64).
 */
function writeErrorJunit(file: string, out: string | undefined, error: UsageError): void {
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

async function runReportingBadInput(args: DrillArgs): Promise<DrillRun> {
  let out = args.out;
  try {
    const drill = loadDrill(args.file);
    out ??= drill.out;
    const workers = args.workers === undefined ? undefined : requireWorkers(args.workers);
    return await runDrill(drill, { workers, out: args.out, runner: args.runner, limits: limitsOf(args) });
  } catch (error) {
    if (error instanceof UsageError) writeErrorJunit(args.file, out ?? (error instanceof DrillFileError ? error.out : undefined), error);
    throw error;
  }
}

export function drillCommand(setExit: (code: number) => void): CommandModule<object, DrillArgs> {
  return {
    command: 'drill <file>',
    describe: 'run a drill file: sweep, gates, JUnit XML, a Markdown summary, the HTML report and charts; the exit code is the verdict',
    builder,
    async handler(args) {
      requireSingle(args as unknown as Record<string, unknown>, ['workers', 'out', 'runner']);
      const run = await runReportingBadInput(args);
      if (args.json) {
        process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      } else {
        const gates = run.outcomes.map((outcome) => printable(`${STATUS[outcome.status].padEnd(12)} ${outcome.gate} [${outcome.scenario} / ${outcome.subject}]: ${outcome.detail}`));
        process.stdout.write(`${formatComparison(run.comparison)}\nGates:\n${gates.join('\n')}\n\n`);
        process.stdout.write(`drill ${run.drill}: ${run.verdict} (exit ${run.exitCode}); wrote ${run.files.junit}, ${run.files.summary}, ${run.files.report} and ${run.files.charts.length} charts in ${dirname(run.files.charts[0] ?? run.files.report)}\n`);
      }
      setExit(run.exitCode);
    },
  };
}
