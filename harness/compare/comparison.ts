/**
 * A comparison of episode records (the `compare` command's JSON, and what the table draws): per
 * scenario, each column's tail figures; paired differences against the baseline policy on p50, p95,
 * p99 and CVaR95 of IS_BPS and IS_FO_BPS; and, for a tuning sweep, its settings ranked on the tail
 * objective; and, when records carry a shadow policy, where its decisions diverged from the acting one's.
 * Bootstrap streams are named after what they resample, so every interval is reproducible.
 */
import { UsageError } from '../errors.ts';
import type { RecordSource } from '../sweep/records.ts';
import { columnStats, COST_METRICS, type BootstrapSettings, type ColumnStats } from './column-stats.ts';
import { columnsNamed, groupRecords, type Column, type ScenarioGroup } from './columns.ts';
import { pairedDifference, pairedSamples, type Difference } from './differences.ts';
import type { OBJECTIVES } from './objectives.ts';
import { shadowStats, type ShadowStats } from './shadow.ts';
import { rankSettings, type TuningRanking } from './tuning.ts';

export const COMPARISON_SCHEMA = 'execdrill.compare/1';
export const DIFFERENCE_STATS = ['p50', 'p95', 'p99', 'cvar95'] as const;
export { OBJECTIVES } from './objectives.ts';

export interface CompareOptions extends BootstrapSettings {
  baseline: string;
  objective: (typeof OBJECTIVES)[number];
}

export interface ScenarioComparison {
  scenario: string;
  scenarioFile: string;
  scenarioHash: string;
  baseline: string | null;
  columns: ColumnStats[];
  differences: Difference[];
  tuning: TuningRanking[];
  /** Shadow-policy divergences per acting column; empty when no record carries a shadow. */
  shadow: ShadowStats[];
  notes: string[];
}

/**
 * The most bootstrap resamples an interval may take: each costs a pass over the seeds, so 1e9 would
 * never end; at 100,000 the Monte Carlo error of a 95% bootstrap interval is far below its width.
 */
export { RESAMPLES_MAX } from './objectives.ts';

export interface Comparison {
  schema: typeof COMPARISON_SCHEMA;
  sources: Array<{ path: string; records: number; expected: number | null }>;
  baseline: string;
  objective: string;
  level: number;
  resamples: number;
  bootstrapSeed: number;
  scenarios: ScenarioComparison[];
}

export function scenarioKey(group: ScenarioGroup): string {
  return `${group.scenario}#${group.scenarioHash}`;
}

export function findBaseline(group: ScenarioGroup, baseline: string): Column | null {
  const matches = columnsNamed(group, baseline);
  if (matches.length > 1) {
    throw new UsageError(`--baseline ${baseline} matches ${matches.length} columns in ${group.scenario}: ${matches.map((column) => column.label).join(', ')}; name one`);
  }
  return matches[0] ?? null;
}

/**
 * Records of one scenario made by more than one commit of the simulator: a difference between columns
 * may then be a change in the venue or session models, not in the policies. Crashed episodes count too.
 */
function mixedCommitsNote(group: ScenarioGroup): string | null {
  const commits = new Set(group.columns.flatMap((column) => column.records.map((r) => r.commit)));
  if (commits.size <= 1) return null;
  const perColumn = group.columns.map((column) => {
    const counts = new Map<string, number>();
    for (const r of column.records) counts.set(r.commit, (counts.get(r.commit) ?? 0) + 1);
    return `${column.label}: ${[...counts].map(([commit, n]) => `${commit.slice(0, 12)} x${n}`).join(', ')}`;
  });
  return `records come from ${commits.size} commits of the simulator (${perColumn.join('; ')}): differences may reflect model changes, not policies`;
}

function compareScenario(group: ScenarioGroup, options: CompareOptions): ScenarioComparison {
  const key = scenarioKey(group);
  const baseline = findBaseline(group, options.baseline);
  const notes: string[] = [];
  const mixed = mixedCommitsNote(group);
  if (mixed !== null) notes.push(mixed);
  const columns = group.columns.map((column) => columnStats(column, options, key));
  const weighted = columns.flatMap((column) => (column.IS_BPS?.importanceWeighted === undefined ? [] : [`${column.label} ${column.IS_BPS.importanceWeighted.effectiveSeeds.toFixed(1)}`]));
  if (weighted.length > 0) {
    notes.push(
      `records carry importance weights (tailSampling): tail figures and differences weigh each seed by its likelihood ratio, quantiles as the inverse weighted CDF, intervals percentile (not BCa); effective seeds (Kish) ${weighted.join(', ')}`,
    );
  }
  const differences: Difference[] = [];
  if (baseline === null) {
    notes.push(`no ${options.baseline} records for this scenario, so no differences: pass --baseline <policy>`);
  } else {
    for (const column of group.columns) {
      if (column === baseline) continue;
      const shared = pairedSamples(baseline.records, column.records, 'IS_BPS').a.length;
      if (shared < Math.max(column.records.length, baseline.records.length)) {
        notes.push(`${column.label} and ${baseline.label} share ${shared} seeds with IS_BPS; differences use those only`);
      }
      for (const metric of COST_METRICS) {
        for (const stat of DIFFERENCE_STATS) {
          differences.push(pairedDifference(baseline, column, metric, stat, options, `compare.diff.${key}.${column.label}.${metric}.${stat}`));
        }
      }
    }
  }
  return {
    scenario: group.scenario,
    scenarioFile: group.scenarioFile,
    scenarioHash: group.scenarioHash,
    baseline: baseline?.label ?? null,
    columns,
    differences,
    tuning: rankSettings(group, options.objective, options, key),
    shadow: shadowStats(group.columns),
    notes,
  };
}

export function compareRecords(sources: readonly RecordSource[], options: CompareOptions): Comparison {
  const groups = groupRecords(sources);
  if (groups.length === 0) throw new UsageError(`no episode records in ${sources.map((source) => source.path).join(', ')}`);
  const scenarios = groups.map((group) => compareScenario(group, options));
  for (const source of sources) {
    if (source.expected !== null && source.records.length < source.expected) {
      for (const scenario of scenarios) scenario.notes.push(`${source.path} holds ${source.records.length} of ${source.expected} episodes: its sweep is unfinished`);
    }
  }
  return {
    schema: COMPARISON_SCHEMA,
    sources: sources.map((source) => ({ path: source.path, records: source.records.length, expected: source.expected })),
    baseline: options.baseline,
    objective: options.objective,
    level: options.level,
    resamples: options.resamples,
    bootstrapSeed: options.seed,
    scenarios,
  };
}
