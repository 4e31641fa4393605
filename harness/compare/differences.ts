/**
 * Differences between two columns, paired by seed (common random numbers: the same seed is the same
 * market and the same faults for both), with a seeded bootstrap interval (BCa). The difference is
 * stat(candidate) - stat(reference) of a cost, so negative is cheaper. A difference whose interval
 * contains 0 is reported as not significant: these seeds do not tell the two apart at this level.
 * Under stratified fault times the pairs are resampled within their strata (strata.ts); under tail
 * sampling each pair carries its seed's importance weight, the statistic is the weighted one (weights.ts)
 * and the interval the percentile one (sim/stats/weighted-bootstrap.ts says why).
 */
import { pairedBootstrapDifference, pairedWeightedBootstrapDifference, RandomStreams } from '../../sim/index.ts';
import type { EpisodeRecord } from '../episode/record.ts';
import type { BootstrapSettings } from './column-stats.ts';
import { metricValue } from './column-stats.ts';
import type { Column } from './columns.ts';
import { statisticNamed, weightedStatisticNamed } from './statistics.ts';
import { pairedStrataOf } from './strata.ts';
import { effectiveSeeds, pairedWeightsOf } from './weights.ts';

export type Verdict = 'better' | 'worse' | 'not significant' | 'too few pairs';

export interface Difference {
  candidate: string;
  reference: string;
  metric: string;
  stat: string;
  /** Seeds with a value in both columns. */
  pairs: number;
  estimate: number | null;
  low: number | null;
  high: number | null;
  level: number;
  verdict: Verdict;
  /** Under tail sampling: the statistic was weighted by the seeds' importance weights, worth this many unweighted seeds (Kish). */
  importanceWeighted?: { effectiveSeeds: number };
}

/** Below this many paired seeds a bootstrap interval of a tail quantile means little; none is given. */
export const MIN_PAIRS = 5;

/**
 * Values of a metric on the seeds both columns have, in seed order; the pairs' strata when the fault times
 * were stratified, and their importance weights under tail sampling.
 */
export function pairedSamples(
  reference: readonly EpisodeRecord[],
  candidate: readonly EpisodeRecord[],
  metric: string,
): { a: number[]; b: number[]; strata: number[] | undefined; weights: number[] | undefined } {
  const bySeed = new Map<number, EpisodeRecord>();
  for (const record of reference) if (metricValue(record, metric) !== null) bySeed.set(record.seed, record);
  const pairsA: EpisodeRecord[] = [];
  const pairsB: EpisodeRecord[] = [];
  for (const record of candidate) {
    const paired = bySeed.get(record.seed);
    if (metricValue(record, metric) !== null && paired !== undefined) {
      pairsA.push(paired);
      pairsB.push(record);
    }
  }
  const values = (records: EpisodeRecord[]) => records.map((record) => metricValue(record, metric) as number);
  return { a: values(pairsA), b: values(pairsB), strata: pairedStrataOf(pairsA, pairsB), weights: pairedWeightsOf(pairsA, pairsB) };
}

export function verdictOf(low: number, high: number): Verdict {
  if (high < 0) return 'better';
  if (low > 0) return 'worse';
  return 'not significant';
}

export function pairedDifference(reference: Column, candidate: Column, metric: string, stat: string, settings: BootstrapSettings, streamName: string): Difference {
  const statistic = statisticNamed(stat);
  if (statistic === null) throw new Error(`unknown statistic ${stat}`);
  const { a, b, strata, weights } = pairedSamples(reference.records, candidate.records, metric);
  const base = {
    candidate: candidate.label,
    reference: reference.label,
    metric,
    stat,
    pairs: a.length,
    level: settings.level,
    ...(weights === undefined ? {} : { importanceWeighted: { effectiveSeeds: effectiveSeeds(weights) } }),
  };
  if (a.length < MIN_PAIRS) return { ...base, estimate: null, low: null, high: null, verdict: 'too few pairs' };
  const rng = new RandomStreams(settings.seed).get(streamName);
  const options = { rng, level: settings.level, resamples: settings.resamples };
  const interval =
    weights === undefined
      ? pairedBootstrapDifference(a, b, statistic, { ...options, strata })
      : pairedWeightedBootstrapDifference(a, b, weights, weightedStatisticNamed(stat), options);
  return { ...base, estimate: interval.estimate, low: interval.low, high: interval.high, verdict: verdictOf(interval.low, interval.high) };
}
