/**
 * The tail chart's figures (METRICS.md "Tail"): per scenario and column, p95 and p99 of IS_FO_BPS over
 * seeds with a seeded bootstrap interval (BCa; percentile for importance-weighted records) each. The
 * comparison gives intervals only for differences and FETL, so these are computed here, with the
 * comparison's level, resamples and seed, on streams named after what they resample. Below `MIN_PAIRS` seeds no interval is given, as for a
 * difference: a tail quantile of a handful of seeds has no meaningful spread.
 */
import { bootstrapInterval, quantile, quantileStatistic, RandomStreams, weightedBootstrapInterval, weightedQuantileStatistic, weightedStatisticOf } from '../../../sim/index.ts';
import { MIN_PAIRS, metricValue, strataOf, type BootstrapSettings, type ScenarioGroup } from '../../compare/index.ts';
import { scenarioKey } from '../../compare/comparison.ts';
import { weightsOf } from '../../compare/weights.ts';

export const TAIL_METRIC = 'IS_FO_BPS';

export interface TailPoint {
  estimate: number;
  low: number | null;
  high: number | null;
}

export interface TailBar {
  label: string;
  n: number;
  p95: TailPoint | null;
  p99: TailPoint | null;
}

/** Under tail sampling (`weights`: the records' importance weights) the point and whisker are the weighted quantile's. */
function tailPoint(sample: number[], strata: number[] | undefined, weights: number[] | undefined, p: number, settings: BootstrapSettings, streamName: string): TailPoint | null {
  if (sample.length === 0) return null;
  if (sample.length < MIN_PAIRS) return { estimate: weights === undefined ? quantile(sample, p) : weightedStatisticOf(weightedQuantileStatistic(p), sample, weights), low: null, high: null };
  const rng = new RandomStreams(settings.seed).get(streamName);
  const options = { rng, level: settings.level, resamples: settings.resamples };
  const interval = weights === undefined ? bootstrapInterval(sample, quantileStatistic(p), { ...options, strata }) : weightedBootstrapInterval(sample, weights, weightedQuantileStatistic(p), options);
  return { estimate: interval.estimate, low: interval.low, high: interval.high };
}

export function tailBars(group: ScenarioGroup, settings: BootstrapSettings): TailBar[] {
  const key = scenarioKey(group);
  return group.columns.map((column) => {
    const measured = column.records.filter((record) => metricValue(record, TAIL_METRIC) !== null);
    const sample = measured.map((record) => metricValue(record, TAIL_METRIC) as number);
    const strata = strataOf(measured);
    const weights = weightsOf(measured);
    const stream = (stat: string) => `report.tail.${key}.${column.label}.${TAIL_METRIC}.${stat}`;
    return {
      label: column.label,
      n: sample.length,
      p95: tailPoint(sample, strata, weights, 0.95, settings, stream('p95')),
      p99: tailPoint(sample, strata, weights, 0.99, settings, stream('p99')),
    };
  });
}
