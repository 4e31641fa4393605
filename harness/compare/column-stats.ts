/**
 * One column's figures (METRICS.md "Tail"): p50/p95/p99 and CVaR95 of IS_BPS and IS_FO_BPS across
 * seeds, FETL = p95(IS | incident) - p95(IS | control) with a bootstrap interval (each record carries
 * both runs of its seed, so the pairs are the records), mean completion, and counts of failed episodes
 * and invariant violations. A metric counts only where the record has a finite value (a crashed episode
 * has none). Under tail sampling (records carrying importance weights, weights.ts) every figure here is
 * the weighted one: quantiles are the inverse weighted CDF, CVaR95 the weighted expected shortfall, FETL's
 * interval the weighted paired bootstrap.
 */
import {
  cvar95,
  pairedBootstrapDifference,
  pairedWeightedBootstrapDifference,
  quantileStatistic,
  quantiles,
  RandomStreams,
  weightedExpectedShortfallStatistic,
  weightedQuantileStatistic,
  weightedStatisticOf,
} from '../../sim/index.ts';
import type { EpisodeRecord } from '../episode/record.ts';
import type { Column } from './columns.ts';
import { strataOf } from './strata.ts';
import { effectiveSeeds, weightsOf } from './weights.ts';

export const COST_METRICS = ['IS_BPS', 'IS_FO_BPS'] as const;
export type CostMetric = (typeof COST_METRICS)[number];

export interface TailStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  cvar95: number;
  /** Under tail sampling: the figures are weighted by the seeds' importance weights, worth this many unweighted seeds (Kish). */
  importanceWeighted?: { effectiveSeeds: number };
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
  level: number;
}

export interface ColumnStats {
  label: string;
  policy: EpisodeRecord['policy'];
  episodes: number;
  failed: number;
  invariantViolations: number;
  IS_BPS: TailStats | null;
  IS_FO_BPS: TailStats | null;
  FETL_BPS: Interval | null;
  completionMean: number | null;
}

export interface BootstrapSettings {
  level: number;
  resamples: number;
  seed: number;
}

export function metricValue(record: EpisodeRecord, metric: string): number | null {
  const value = record.metrics[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function metricSample(records: readonly EpisodeRecord[], metric: string): number[] {
  return records.map((record) => metricValue(record, metric)).filter((value): value is number => value !== null);
}

export function violatesInvariant(record: EpisodeRecord): boolean {
  return record.error?.kind === 'invariant' || record.invariants.some((result) => !result.ok);
}

function tail(records: readonly EpisodeRecord[], metric: CostMetric): TailStats | null {
  const measured = records.filter((record) => metricValue(record, metric) !== null);
  if (measured.length === 0) return null;
  const sample = measured.map((record) => metricValue(record, metric) as number);
  const weights = weightsOf(measured);
  if (weights !== undefined) {
    const [p50, p95, p99] = [0.5, 0.95, 0.99].map((p) => weightedStatisticOf(weightedQuantileStatistic(p), sample, weights));
    const cvar = weightedStatisticOf(weightedExpectedShortfallStatistic(0.95), sample, weights);
    return { n: sample.length, p50, p95, p99, cvar95: cvar, importanceWeighted: { effectiveSeeds: effectiveSeeds(weights) } };
  }
  const [p50, p95, p99] = quantiles(sample, [0.5, 0.95, 0.99]);
  return { n: sample.length, p50, p95, p99, cvar95: cvar95(sample) };
}

function fetl(records: readonly EpisodeRecord[], settings: BootstrapSettings, streamName: string): Interval | null {
  const both = records.filter((record) => metricValue(record, 'IS_BPS') !== null && metricValue(record, 'IS_CONTROL_BPS') !== null);
  if (both.length < 2) return null;
  const incident = both.map((record) => metricValue(record, 'IS_BPS') as number);
  const control = both.map((record) => metricValue(record, 'IS_CONTROL_BPS') as number);
  const rng = new RandomStreams(settings.seed).get(streamName);
  const weights = weightsOf(both);
  const options = { rng, level: settings.level, resamples: settings.resamples };
  const interval =
    weights === undefined
      ? pairedBootstrapDifference(control, incident, quantileStatistic(0.95), { ...options, strata: strataOf(both) })
      : pairedWeightedBootstrapDifference(control, incident, weights, weightedQuantileStatistic(0.95), options);
  return { estimate: interval.estimate, low: interval.low, high: interval.high, level: interval.level };
}

export function columnStats(column: Column, settings: BootstrapSettings, scenarioKey: string): ColumnStats {
  const { records } = column;
  const completion = metricSample(records, 'COMPLETION');
  return {
    label: column.label,
    policy: column.policy,
    episodes: records.length,
    failed: records.filter((record) => record.status === 'failed' && !violatesInvariant(record)).length,
    invariantViolations: records.filter(violatesInvariant).length,
    IS_BPS: tail(records, 'IS_BPS'),
    IS_FO_BPS: tail(records, 'IS_FO_BPS'),
    FETL_BPS: fetl(records, settings, `compare.fetl.${scenarioKey}.${column.label}`),
    completionMean: completion.length === 0 ? null : completion.reduce((sum, value) => sum + value, 0) / completion.length,
  };
}
