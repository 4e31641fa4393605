/**
 * What the HTML report embeds, shaped from episode records: the comparison exactly as `execdrill
 * compare --json` gives it (same function, same options, so the same numbers), the tail chart's bars,
 * the metric catalogue's units and meanings, the explorer's metric list, each playbook's runbook steps,
 * one explorer episode per record, and, for a drill, its verdict (the gates and each scenario's bottom
 * line, as the drill printed them).
 * Episodes carry the comparison's column labels, so the explorer's policy select and the tables agree.
 */
import { compareRecords, groupRecords, type Comparison, type CompareOptions } from '../../compare/index.ts';
import type { BottomLines } from '../../drill/bottom-line.ts';
import type { GateOutcome } from '../../drill/gate.ts';
import { METRIC_CATALOGUE } from '../../metrics/index.ts';
import { PLAYBOOKS } from '../../playbooks/index.ts';
import type { RecordSource } from '../../sweep/records.ts';
import { EXPLORER_METRICS } from './glossary.ts';
import { explorerEpisode, type ExplorerEpisode } from './explorer-episode.ts';
import { tailBars, TAIL_METRIC, type TailBar } from './tail-intervals.ts';

export const REPORT_DATA_SCHEMA = 'execdrill.report/1';

/** A drill's verdict as the report shows it (the drill writes it to <out>/verdict.json, which `report` reads back). */
export interface ReportVerdict {
  schema: 'execdrill.verdict/1';
  drill: string;
  verdict: string;
  exitCode: number;
  level: number;
  outcomes: Array<GateOutcome & { implicit: boolean }>;
  bottomLine: BottomLines;
}

export interface PlaybookSteps {
  title: string;
  incident: string;
  steps: Array<{ key: string; name: string }>;
}

export interface ReportData {
  schema: typeof REPORT_DATA_SCHEMA;
  comparison: Comparison;
  tailMetric: string;
  /** Per scenario, in the comparison's order. */
  tails: TailBar[][];
  metrics: Record<string, { unit: string; description: string }>;
  /** What the explorer lists for an episode: metric names in order; each playbook's runbook steps in order. */
  explorerMetrics: string[];
  playbooks: Record<string, PlaybookSteps>;
  episodes: ExplorerEpisode[];
  /** The drill's verdict, when a drill wrote the records. */
  verdict: ReportVerdict | null;
}

export function reportData(sources: readonly RecordSource[], options: CompareOptions, verdict: ReportVerdict | null = null): ReportData {
  const comparison = compareRecords(sources, options);
  const groups = groupRecords(sources);
  const episodes: ExplorerEpisode[] = [];
  groups.forEach((group, scenario) => {
    for (const column of group.columns) {
      for (const record of column.records) episodes.push(explorerEpisode(record, scenario, column.label));
    }
  });
  return {
    schema: REPORT_DATA_SCHEMA,
    comparison,
    tailMetric: TAIL_METRIC,
    tails: groups.map((group) => tailBars(group, options)),
    metrics: Object.fromEntries(METRIC_CATALOGUE.map((info) => [info.name, { unit: info.unit, description: info.description }])),
    explorerMetrics: [...EXPLORER_METRICS],
    playbooks: Object.fromEntries(
      PLAYBOOKS.map((playbook) => [playbook.id, { title: playbook.title, incident: playbook.incident, steps: playbook.runbook.map((step) => ({ key: step.key, name: step.name })) }]),
    ),
    episodes,
    verdict,
  };
}
