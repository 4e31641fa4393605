/**
 * Differences between two columns, paired by seed (common random numbers: the same seed is the same
 * market and the same faults for both), with a seeded percentile bootstrap interval. The difference is
 * stat(candidate) - stat(reference) of a cost, so negative is cheaper. A difference whose interval
 * contains 0 is reported as not significant: these seeds do not tell the two apart at this level.
 */
import { pairedBootstrapDifference, RandomStreams } from '../../sim/index.ts';
import type { EpisodeRecord } from '../episode/record.ts';
import type { BootstrapSettings } from './column-stats.ts';
import { metricValue } from './column-stats.ts';
import type { Column } from './columns.ts';
import { statisticNamed } from './statistics.ts';

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
}

/** Below this many paired seeds a bootstrap interval of a tail quantile means little; none is given. */
export const MIN_PAIRS = 5;

/** Values of a metric on the seeds both columns have, in seed order. */
export function pairedSamples(reference: readonly EpisodeRecord[], candidate: readonly EpisodeRecord[], metric: string): { a: number[]; b: number[] } {
  const bySeed = new Map<number, number>();
  for (const record of reference) {
    const value = metricValue(record, metric);
    if (value !== null) bySeed.set(record.seed, value);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (const record of candidate) {
    const value = metricValue(record, metric);
    const paired = bySeed.get(record.seed);
    if (value !== null && paired !== undefined) {
      a.push(paired);
      b.push(value);
    }
  }
  return { a, b };
}

export function verdictOf(low: number, high: number): Verdict {
  if (high < 0) return 'better';
  if (low > 0) return 'worse';
  return 'not significant';
}

export function pairedDifference(reference: Column, candidate: Column, metric: string, stat: string, settings: BootstrapSettings, streamName: string): Difference {
  const statistic = statisticNamed(stat);
  if (statistic === null) throw new Error(`unknown statistic ${stat}`);
  const { a, b } = pairedSamples(reference.records, candidate.records, metric);
  const base = { candidate: candidate.label, reference: reference.label, metric, stat, pairs: a.length, level: settings.level };
  if (a.length < MIN_PAIRS) return { ...base, estimate: null, low: null, high: null, verdict: 'too few pairs' };
  const rng = new RandomStreams(settings.seed).get(streamName);
  const interval = pairedBootstrapDifference(a, b, statistic, { rng, level: settings.level, resamples: settings.resamples });
  return { ...base, estimate: interval.estimate, low: interval.low, high: interval.high, verdict: verdictOf(interval.low, interval.high) };
}
