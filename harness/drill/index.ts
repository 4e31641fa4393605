// Drills: drill files, the gate grammar, verdicts and exit codes, the verdict block and bottom lines, JUnit XML and Markdown reports.
export { loadDrill, type Drill } from './drill-file.ts';
export { buildGate, parseGateText, GATE_FORMS, type DrillIssue } from './gate-grammar.ts';
export type { Gate, GateContext, GateOutcome, GateStatus } from './gate.ts';
export { ThresholdGate, FETL_METRIC, type ThresholdSpec } from './threshold-gate.ts';
export { BeatsGate, type BeatsSpec } from './beats-gate.ts';
export { NoInvariantViolationsGate, EveryEpisodeRanGate } from './record-gates.ts';
export { drillVerdict, type DrillVerdict } from './verdict.ts';
export { junitXml } from './junit.ts';
export { drillMarkdown } from './markdown.ts';
export { runDrill, DRILL_SCHEMA, JUNIT_FILE, SUMMARY_FILE, VERDICT_FILE, type DrillRun, type DrillOverrides } from './run-drill.ts';
export { bottomLines, gatedStatistic, type BottomLine, type BottomLines } from './bottom-line.ts';
export { verdictBlock, VERDICT_WHY, type VerdictInput } from './verdict-block.ts';
