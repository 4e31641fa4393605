/**
 * A drill's bottom line per scenario, the data its verdict block prints first: which policy is cheapest
 * at the gated statistic and by how much against the baseline (the comparison's own paired difference
 * and interval, so the block and the tables agree), and which policies cost exactly what the baseline
 * cost on every seed (same IS in the incident and in the control run: they behaved as the baseline did,
 * and their columns add nothing to read).
 *
 * The gated statistic is that of the drill's first gate measuring a cost metric the comparison tabulates
 * (IS_BPS or IS_FO_BPS at p50, p95, p99 or cvar95); without one, p95 of IS_FO_BPS, the comparison's objective.
 */
import { COST_METRICS, type CostMetric } from '../compare/column-stats.ts';
import { DIFFERENCE_STATS, scenarioKey, type Comparison } from '../compare/comparison.ts';
import type { Column, ScenarioGroup } from '../compare/columns.ts';
import type { Difference } from '../compare/differences.ts';
import type { Gate } from './gate.ts';

export type TabulatedStat = (typeof DIFFERENCE_STATS)[number];

export interface BottomLine {
  scenario: string;
  baseline: string | null;
  /** The cheapest column at stat(metric), with its paired difference from the baseline (null for the baseline itself). */
  cheapest: { policy: string; value: number; difference: Difference | null } | null;
  /** When the baseline is the cheapest: the next cheapest, with its difference. */
  runnerUp: { policy: string; value: number; difference: Difference | null } | null;
  /** Columns with the baseline's IS and control IS on every seed. */
  sameAsBaseline: string[];
  /** Columns of the scenario, the baseline's included. */
  columns: number;
}

export interface BottomLines {
  metric: CostMetric;
  stat: TabulatedStat;
  scenarios: BottomLine[];
}

/** The statistic the drill's gates speak of, when one of them measures a tabulated cost. */
export function gatedStatistic(gates: readonly Gate[]): { metric: CostMetric; stat: TabulatedStat } {
  for (const gate of gates) {
    const measures = gate.measures;
    if (measures === undefined || measures === null) continue;
    const metric = COST_METRICS.find((m) => m === measures.metric);
    const stat = DIFFERENCE_STATS.find((s) => s === measures.stat);
    if (metric !== undefined && stat !== undefined) return { metric, stat };
  }
  return { metric: 'IS_FO_BPS', stat: 'p95' };
}

const SAME = 1e-9;

/** Whether `column` has the baseline's seeds, and on each the same incident and control IS. */
function sameAs(column: Column, baseline: Column): boolean {
  if (column.records.length !== baseline.records.length) return false;
  const bySeed = new Map(baseline.records.map((record) => [record.seed, record.metrics]));
  return column.records.every((record) => {
    const other = bySeed.get(record.seed);
    if (other === undefined || record.status !== 'ok') return false;
    return (['IS_BPS', 'IS_CONTROL_BPS'] as const).every((metric) => {
      const a = record.metrics[metric];
      const b = other[metric];
      return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < SAME;
    });
  });
}

export function bottomLines(comparison: Comparison, groups: readonly ScenarioGroup[], gates: readonly Gate[]): BottomLines {
  const { metric, stat } = gatedStatistic(gates);
  const scenarios = comparison.scenarios.map((scenario): BottomLine => {
    const group = groups.find((g) => scenarioKey(g) === `${scenario.scenario}#${scenario.scenarioHash}`);
    const baseline = group?.columns.find((column) => column.label === scenario.baseline);
    const sameAsBaseline = baseline === undefined ? [] : (group?.columns ?? []).filter((c) => c !== baseline && sameAs(c, baseline)).map((c) => c.label);
    const candidates = scenario.columns
      .filter((column) => !sameAsBaseline.includes(column.label) && column[metric] !== null)
      .map((column) => ({ policy: column.label, value: (column[metric] as NonNullable<(typeof column)[CostMetric]>)[stat] }))
      .sort((a, b) => a.value - b.value || (a.policy === scenario.baseline ? -1 : b.policy === scenario.baseline ? 1 : 0));
    const withDifference = (candidate: { policy: string; value: number } | undefined) =>
      candidate === undefined
        ? null
        : { ...candidate, difference: scenario.differences.find((d) => d.candidate === candidate.policy && d.metric === metric && d.stat === stat) ?? null };
    const best = candidates[0];
    return {
      scenario: scenario.scenario,
      baseline: scenario.baseline,
      cheapest: withDifference(best),
      runnerUp: best !== undefined && best.policy === scenario.baseline ? withDifference(candidates[1]) : null,
      sameAsBaseline,
      columns: scenario.columns.length,
    };
  });
  return { metric, stat, scenarios };
}
