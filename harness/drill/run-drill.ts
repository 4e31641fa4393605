/**
 * Runs a drill: its sweep (resumable, like any sweep: rerunning a drill finishes or reuses its
 * records), then its gates on the records, then its reports (JUnit XML and a Markdown summary in the
 * output directory, the summary appended to $GITHUB_STEP_SUMMARY when CI sets it).
 */
import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { compareRecords, type Comparison } from '../compare/comparison.ts';
import { groupRecords } from '../compare/columns.ts';
import { formatComparison } from '../compare/table.ts';
import { writeFileAtomic } from '../sweep/manifest.ts';
import { WHOLE_SWEEP } from '../sweep/plan.ts';
import { readRecordSource } from '../sweep/records.ts';
import { resolveRunner } from '../sweep/runner-module.ts';
import { runSweep } from '../sweep/run-sweep.ts';
import type { Drill } from './drill-file.ts';
import type { Gate, GateOutcome } from './gate.ts';
import { junitXml } from './junit.ts';
import { drillMarkdown } from './markdown.ts';
import { EveryEpisodeRanGate, NoInvariantViolationsGate } from './record-gates.ts';
import { drillVerdict, type DrillVerdict } from './verdict.ts';

export const DRILL_SCHEMA = 'execdrill.drill/1';
export const JUNIT_FILE = 'junit.xml';
export const SUMMARY_FILE = 'summary.md';

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
  outcomes: GateOutcome[];
  files: { junit: string; summary: string };
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
  const context = { groups: groupRecords(sources), bootstrap: drill.compare };
  const outcomes = [...drill.gates, ...implicitGates(drill.gates)].flatMap((gate) => gate.evaluate(context));
  const { verdict, exitCode } = drillVerdict(outcomes);
  const files = { junit: join(out, JUNIT_FILE), summary: join(out, SUMMARY_FILE) };
  const markdown = drillMarkdown(drill.name, verdict, exitCode, outcomes, formatComparison(comparison));
  writeFileAtomic(files.junit, junitXml(drill.name, outcomes));
  writeFileAtomic(files.summary, markdown);
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary !== undefined && stepSummary !== '') appendFileSync(stepSummary, markdown);
  const { episodes, ran, resumed } = sweep;
  return { schema: DRILL_SCHEMA, drill: drill.name, file: drill.file, out, verdict, exitCode, sweep: { episodes, ran, resumed }, outcomes, files, comparison };
}
