/**
 * A drill's summary as Markdown, for a CI step summary ($GITHUB_STEP_SUMMARY) or a pull request:
 * the verdict and exit code, one table row per gate outcome, and the comparison table folded below.
 */
import type { GateOutcome } from './gate.ts';
import type { DrillVerdict } from './verdict.ts';

const MARK: Record<GateOutcome['status'], string> = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive', violated: '🛑 invariant violated' };

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function drillMarkdown(drill: string, verdict: DrillVerdict, exitCode: number, outcomes: readonly GateOutcome[], comparisonTable: string): string {
  return [
    `## execdrill drill \`${drill}\`: ${verdict} (exit ${exitCode})`,
    '',
    '| result | gate | scenario | policy | measured |',
    '| --- | --- | --- | --- | --- |',
    ...outcomes.map((outcome) => `| ${MARK[outcome.status]} | ${cell(outcome.gate)} | ${cell(outcome.scenario)} | ${cell(outcome.subject)} | ${cell(outcome.detail)} |`),
    '',
    '<details><summary>Comparison</summary>',
    '',
    '```text',
    comparisonTable.trimEnd(),
    '```',
    '',
    '</details>',
    '',
  ].join('\n');
}
