/**
 * What the HTML report embeds, shaped from episode records: the comparison exactly as `execdrill
 * compare --json` gives it (same function, same options, so the same numbers), the tail chart's bars,
 * the metric catalogue's units and meanings, the explorer's metric list and runbook wording, and one
 * explorer episode per record.
 * Episodes carry the comparison's column labels, so the explorer's policy select and the tables agree.
 */
import { compareRecords, groupRecords, type Comparison, type CompareOptions } from '../../compare/index.ts';
import { METRIC_CATALOGUE } from '../../metrics/index.ts';
import type { RecordSource } from '../../sweep/records.ts';
import { EXPLORER_METRICS, RUNBOOK_STEPS } from './glossary.ts';
import { explorerEpisode, type ExplorerEpisode } from './explorer-episode.ts';
import { tailBars, TAIL_METRIC, type TailBar } from './tail-intervals.ts';

export const REPORT_DATA_SCHEMA = 'execdrill.report/1';

export interface ReportData {
  schema: typeof REPORT_DATA_SCHEMA;
  comparison: Comparison;
  tailMetric: string;
  /** Per scenario, in the comparison's order. */
  tails: TailBar[][];
  metrics: Record<string, { unit: string; description: string }>;
  /** What the explorer lists for an episode: metric names in order, runbook steps by record key with their wording. */
  explorerMetrics: string[];
  runbookSteps: Record<string, string>;
  episodes: ExplorerEpisode[];
}

export function reportData(sources: readonly RecordSource[], options: CompareOptions): ReportData {
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
    runbookSteps: RUNBOOK_STEPS,
    episodes,
  };
}
