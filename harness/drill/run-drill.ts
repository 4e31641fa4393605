/**
 * Runs a drill: its sweep (resumable, like any sweep: rerunning a drill finishes or reuses its
 * records), then its gates on the records, then its reports in the output directory: JUnit XML, a
 * Markdown summary (appended to $GITHUB_STEP_SUMMARY when CI sets it), the HTML report with its
 * episode explorer and the PNG charts (`charts/`), with a progress bar for each phase on a terminal.
 * The run carries each scenario's bottom line (bottom-line.ts) for the verdict block.
 */
import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { compareRecords, type Comparison } from '../compare/comparison.ts';
import { groupRecords } from '../compare/columns.ts';
import { formatComparison } from '../compare/table.ts';
import { writeCharts } from '../report/charts/index.ts';
import { createProgress, type Progress } from '../sweep/progress.ts';
import type { ReportVerdict } from '../report/html/report-data.ts';
import { writeReport } from '../report/html/write-report.ts';
import { writeFileAtomic } from '../sweep/manifest.ts';
import { WHOLE_SWEEP } from '../sweep/plan.ts';
import { readRecordSource } from '../sweep/records.ts';
import { resolveRunner } from '../sweep/runner-module.ts';
import { runSweep } from '../sweep/run-sweep.ts';
import { bottomLines, type BottomLines } from './bottom-line.ts';
import type { Drill } from './drill-file.ts';
import type { Gate, GateOutcome } from './gate.ts';
import { junitXml } from './junit.ts';
import { drillMarkdown } from './markdown.ts';
import { EveryEpisodeRanGate, NoInvariantViolationsGate } from './record-gates.ts';
import { drillVerdict, type DrillVerdict } from './verdict.ts';

export const DRILL_SCHEMA = 'execdrill.drill/1';
export const JUNIT_FILE = 'junit.xml';
export const SUMMARY_FILE = 'summary.md';
export const REPORT_FILE = 'report.html';
export const CHARTS_DIR = 'charts';
/** The verdict, gates and bottom lines, beside the records, so that `execdrill report` on a drill directory shows them. */
export const VERDICT_FILE = 'verdict.json';

export interface DrillOverrides {
  workers?: number;
  out?: string;
  runner?: string;
}

export interface DrillRun {
  schema: typeof DRILL_SCHEMA;
  drill: string;
  file: string;
  out: string;
  verdict: DrillVerdict;
  exitCode: number;
  /** The drill's sweep: episodes, and how many ran now or were there from an earlier run. */
  sweep: { episodes: number; ran: number; resumed: number };
  /** Every gate's outcomes; `implicit` for the checks every drill makes (no invariant violations, every episode ran). */
  outcomes: Array<GateOutcome & { implicit: boolean }>;
  /** Per scenario: the cheapest policy at the gated statistic against the baseline, and who cost what the baseline did. */
  bottomLine: BottomLines;
  files: { junit: string; summary: string; report: string; charts: string[] };
  comparison: Comparison;
}

/** The checks every drill makes, whether its file states them or not. */
function implicitGates(gates: readonly Gate[]): Gate[] {
  const implicit: Gate[] = [];
  const statesInvariants = gates.some((gate) => gate instanceof NoInvariantViolationsGate && gate.text === 'no invariant violations');
  if (!statesInvariants) implicit.push(new NoInvariantViolationsGate('no invariant violations', 'implicit', null, null));
  implicit.push(new EveryEpisodeRanGate());
  return implicit;
}

export async function runDrill(drill: Drill, overrides: DrillOverrides): Promise<DrillRun> {
  const out = overrides.out ?? drill.out;
  const runner = resolveRunner(overrides.runner ?? drill.runner ?? undefined);
  const sweep = await runSweep({ request: drill.request, out, workers: overrides.workers ?? drill.workers ?? availableParallelism(), shard: WHOLE_SWEEP, runner });
  const sources = [readRecordSource(out)];
  const comparison = compareRecords(sources, drill.compare);
  const groups = groupRecords(sources);
  const context = { groups, bootstrap: drill.compare };
  const outcomes = [
    ...drill.gates.flatMap((gate) => gate.evaluate(context).map((outcome) => ({ ...outcome, implicit: false }))),
    ...implicitGates(drill.gates).flatMap((gate) => gate.evaluate(context).map((outcome) => ({ ...outcome, implicit: true }))),
  ];
  const { verdict, exitCode } = drillVerdict(outcomes);
  const markdown = drillMarkdown(drill.name, verdict, exitCode, outcomes, formatComparison(comparison));
  const junit = join(out, JUNIT_FILE);
  const summary = join(out, SUMMARY_FILE);
  writeFileAtomic(junit, junitXml(drill.name, outcomes));
  writeFileAtomic(summary, markdown);
  const bottomLine = bottomLines(comparison, groups, drill.gates);
  const verdictRecord: ReportVerdict = { schema: 'execdrill.verdict/1', drill: drill.name, verdict, exitCode, level: drill.compare.level, outcomes, bottomLine };
  writeFileAtomic(join(out, VERDICT_FILE), `${JSON.stringify(verdictRecord, null, 2)}\n`);
  const reporting = createProgress(1, 0, process.stderr, 'report', 'files');
  const report = writeReport(sources, drill.compare, join(out, REPORT_FILE), verdictRecord).path;
  reporting.update(1, 0);
  reporting.finish();
  const chartsDir = join(out, CHARTS_DIR);
  let charting: Progress | undefined;
  const onChart = (done: number, total: number) => {
    charting ??= createProgress(total, 0, process.stderr, 'charts', 'charts');
    charting.update(done, 0);
  };
  const charts = writeCharts(sources[0].records.filter((r) => r.status === 'ok'), chartsDir, undefined, onChart).map((chart) => join(chartsDir, chart.file));
  charting?.finish();
  const files = { junit, summary, report, charts };
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary !== undefined && stepSummary !== '') appendFileSync(stepSummary, markdown);
  const { episodes, ran, resumed } = sweep;
  return { schema: DRILL_SCHEMA, drill: drill.name, file: drill.file, out, verdict, exitCode, sweep: { episodes, ran, resumed }, outcomes, bottomLine, files, comparison };
}
