/**
 * Ranking a tuning sweep's parameter settings on a tail objective (seed 002: "tune recovery exits on
 * p95/p99 IS"): for each policy run with several settings, the settings ordered by p95 (or p99) of
 * IS_FO_BPS, lowest first, each compared with the best by a paired bootstrap so that the ranking says
 * which settings these seeds cannot tell apart from the best.
 */
import type { BootstrapSettings } from './column-stats.ts';
import { metricValue } from './column-stats.ts';
import { weightsOf } from './weights.ts';
import { weightedStatisticOf } from '../../sim/index.ts';
import type { Column, ScenarioGroup } from './columns.ts';
import { pairedDifference, type Difference } from './differences.ts';
import { evaluate, statisticNamed, weightedStatisticNamed } from './statistics.ts';

export const TUNING_METRIC = 'IS_FO_BPS';

export interface TuningSetting {
  label: string;
  params: Record<string, number>;
  rank: number;
  value: number | null;
  /** This setting against the best one (null for the best itself). */
  vsBest: Difference | null;
}

export interface TuningRanking {
  policy: string;
  metric: string;
  stat: string;
  settings: TuningSetting[];
}

function objectiveValue(column: Column, stat: string): number | null {
  const statistic = statisticNamed(stat);
  if (statistic === null) throw new Error(`unknown statistic ${stat}`);
  const measured = column.records.filter((record) => metricValue(record, TUNING_METRIC) !== null);
  if (measured.length === 0) return null;
  const sample = measured.map((record) => metricValue(record, TUNING_METRIC) as number);
  // Under tail sampling the objective is the weighted statistic, as the differences ranked beside it are.
  const weights = weightsOf(measured);
  return weights === undefined ? evaluate(statistic, sample) : weightedStatisticOf(weightedStatisticNamed(stat), sample, weights);
}

export function rankSettings(group: ScenarioGroup, stat: string, settings: BootstrapSettings, scenarioKey: string): TuningRanking[] {
  const byPolicy = new Map<string, Column[]>();
  for (const column of group.columns) {
    const policy = column.label.replace(/\[.*\]$/, '');
    byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), column]);
  }
  const rankings: TuningRanking[] = [];
  for (const [policy, columns] of byPolicy) {
    if (columns.length < 2) continue;
    const valued = columns.map((column) => ({ column, value: objectiveValue(column, stat) }));
    // Stable: equal values keep the sweep's order; settings without a value go last.
    valued.sort((x, y) => (x.value ?? Infinity) - (y.value ?? Infinity));
    const best = valued[0].column;
    rankings.push({
      policy,
      metric: TUNING_METRIC,
      stat,
      settings: valued.map(({ column, value }, i) => ({
        label: column.label,
        params: column.policy.params,
        rank: i + 1,
        value,
        vsBest: i === 0 ? null : pairedDifference(best, column, TUNING_METRIC, stat, settings, `compare.tuning.${scenarioKey}.${column.label}`),
      })),
    });
  }
  return rankings;
}
