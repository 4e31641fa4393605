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
import type { EpisodeRecord } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
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
import { sweepMovingEarlierAside, type EarlierRecords } from './earlier-records.ts';
import type { EpisodeLimits } from '../sweep/watchdog.ts';
import type { Drill } from './drill-file.ts';
import type { Gate, GateOutcome } from './gate.ts';
import { junitXml } from './junit.ts';
import { drillMarkdown } from './markdown.ts';
import { EveryEpisodeRanGate, NoInvariantViolationsGate } from './record-gates.ts';
import { incidentViews, type IncidentViews } from './incident-views.ts';
import { drillVerdict, type DrillVerdict } from './verdict.ts';
import { settleGates, type DrillLook, type LookRunner, type SeedStop } from './sequential-drill.ts';

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
  limits?: EpisodeLimits;
  /** Override the drill file's maxSeeds and timeBudget (sequential-drill.ts). */
  maxSeeds?: number;
  timeBudgetMs?: number;
}

export interface DrillRun {
  schema: typeof DRILL_SCHEMA;
  drill: string;
  file: string;
  out: string;
  verdict: DrillVerdict;
  exitCode: number;
  /** The drill's sweeps, every look's: episodes, and how many ran now or were there from an earlier run. */
  sweep: { episodes: number; ran: number; resumed: number };
  /** The looks at more seeds (the first is the drill's own seeds), and why no more were added. */
  looks: DrillLook[];
  stoppedBy: SeedStop;
  /** Every gate's outcomes; `implicit` for the checks every drill makes (no invariant violations, every episode ran). */
  outcomes: Array<GateOutcome & { implicit: boolean }>;
  /** Per scenario: the cheapest policy at the gated statistic against the baseline, and who cost what the baseline did. */
  bottomLine: BottomLines;
  files: { junit: string; summary: string; report: string; charts: string[] };
  comparison: Comparison;
  /** One incident, three views: the drill file's `views`, simulated session KPIs against a real engine's. */
  views: IncidentViews[];
  /** Where this drill's records of another commit went, when the directory held them. */
  earlierRecords: EarlierRecords | null;
}

/** The checks every drill makes, whether its file states them or not. */
function implicitGates(gates: readonly Gate[]): Gate[] {
  const implicit: Gate[] = [];
  const statesInvariants = gates.some((gate) => gate instanceof NoInvariantViolationsGate && gate.text === 'no invariant violations');
  if (!statesInvariants) implicit.push(new NoInvariantViolationsGate('no invariant violations', 'implicit', null, null));
  implicit.push(new EveryEpisodeRanGate());
  return implicit;
}

/** Episodes that could not start on bad input (a policy module that does not load...) make the drill bad input, all of them named. */
function requireGoodInput(records: readonly EpisodeRecord[]): void {
  const problems = [...new Set(records.filter((record) => record.error?.kind === 'bad-input').map((record) => record.error?.message ?? ''))];
  if (problems.length > 0) throw new DrillInputError(problems);
}

/** The drill ran, but some of what it names is bad input: each problem once. */
export class DrillInputError extends UsageError {
  constructor(readonly problems: string[]) {
    super(`the drill's episodes could not run on bad input:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'DrillInputError';
  }
}

export async function runDrill(drill: Drill, overrides: DrillOverrides): Promise<DrillRun> {
  const startedAtMs = performance.now();
  const out = overrides.out ?? drill.out;
  const runner = resolveRunner(overrides.runner ?? drill.runner ?? undefined);
  const workers = overrides.workers ?? drill.workers ?? availableParallelism();
  // Before the sweep: a view's bad input (a log that does not parse, a verdict.json that is not one) is exit 64 before anything runs.
  const views = drill.views.map(incidentViews);
  const { result: sweep, earlier: earlierRecords } = await sweepMovingEarlierAside(out, () => runSweep({ request: drill.request, out, workers, shard: WHOLE_SWEEP, runner, limits: overrides.limits }));
  const first = readRecordSource(out);
  requireGoodInput(first.records);
  const plan = { maxSeeds: overrides.maxSeeds ?? drill.maxSeeds, timeBudgetMs: overrides.timeBudgetMs ?? drill.timeBudgetMs };
  const runLook: LookRunner = async (request, lookOut, deadlineMs) => {
    const signal = deadlineMs === null ? undefined : AbortSignal.timeout(Math.max(1, Math.ceil(deadlineMs - performance.now())));
    const look = await runSweep({ request, out: lookOut, workers, shard: WHOLE_SWEEP, runner, limits: overrides.limits, signal, commit: sweep.manifest.commit });
    return { episodes: look.episodes, ran: look.ran, complete: look.resumed + look.ran === look.episodes };
  };
  const settled = await settleGates(drill.gates, drill.request, out, drill.compare, { source: first, episodes: sweep.episodes, ran: sweep.ran }, plan, runLook, readRecordSource, startedAtMs);
  // Gates read every look; the tables, the bottom line, the report and the charts read the drill's own seeds,
  // which every policy ran: a column over a look's extra seeds would not be comparable with one without them.
  const sources = [first];
  const comparison = compareRecords(sources, drill.compare);
  const groups = groupRecords(sources);
  const context = { groups: groupRecords(settled.sources), bootstrap: drill.compare, look: null };
  const outcomes = [
    ...drill.gates.flatMap((gate) => (settled.outcomes.get(gate) ?? gate.evaluate(context)).map((outcome) => ({ ...outcome, implicit: false }))),
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
  const charts = writeCharts(sources.flatMap((source) => source.records).filter((r) => r.status === 'ok'), chartsDir, undefined, onChart).map((chart) => join(chartsDir, chart.file));
  charting?.finish();
  const files = { junit, summary, report, charts };
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary !== undefined && stepSummary !== '') appendFileSync(stepSummary, markdown);
  const { looks, stoppedBy } = settled;
  const episodes = looks.reduce((total, look) => total + look.episodes, 0);
  const ran = looks.reduce((total, look) => total + look.ran, 0);
  return { schema: DRILL_SCHEMA, drill: drill.name, file: drill.file, out, verdict, exitCode, sweep: { episodes, ran, resumed: episodes - ran }, looks, stoppedBy, outcomes, bottomLine, files, comparison, views, earlierRecords };
}
