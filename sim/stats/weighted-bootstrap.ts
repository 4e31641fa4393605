/**
 * Bootstrap percentile intervals for weighted statistics (weighted-tail.ts) of an importance-sampled
 * design: each seed was drawn from the proposal and carries its likelihood ratio. A replicate resamples
 * seeds with replacement, each seed keeping its weight, and recomputes the self-normalised statistic
 * from multiplicity x weight (Hesterberg 1995, sec. 5; the "weighted bootstrap" of importance sampling
 * output: the seeds are i.i.d. under the proposal, so resampling them whole is the plain bootstrap of
 * that design, and the statistic does the reweighting).
 *
 * - `weightedBootstrapInterval`: one sample.
 * - `pairedWeightedBootstrapDifference`: a[i] and b[i] from one seed, so one weight for both (the fault
 *   draw is the seed's, not the policy's); one index draw picks the pair, the replicate is
 *   stat_w(b*) - stat_w(a*).
 *
 * Interval: the percentile one, type 7 quantiles of the replicates at (1 - level)/2 and (1 + level)/2,
 * not the BCa interval bootstrap.ts gives unweighted samples. BCa's acceleration needs the jackknife of
 * the statistic, and leaving a seed out of a self-normalised estimate renormalises every other seed's
 * mass, so Statistic.leaveOneOut's O(n) order-statistic shortcuts do not carry over; no weighted
 * jackknife is written, and BCa's coverage on importance-sampled output is unmeasured. The percentile
 * interval's is measured (VALIDATION T9: the p99 and CVaR95 differences at 300 seeds cover within
 * [0.93, 0.97]). The estimate is the weighted statistic of the original sample(s). There is no
 * stratified form: a scenario does not combine importance sampling with stratified fault times
 * (harness/scenario checks).
 */
import { invariant } from '../invariant.ts';
import type { UniformSource } from '../random.ts';
import type { BootstrapInterval } from './bootstrap.ts';
import { percentileBounds, requireResampleOptions } from './_internals/resample.ts';
import { sortWeighted, type WeightedStatistic } from './weighted-tail.ts';

export interface WeightedBootstrapOptions {
  /** The stream that draws resample indices; name it after what it resamples. */
  rng: UniformSource;
  /** Number of bootstrap replicates; default 2000. */
  resamples?: number;
  /** Two-sided confidence level; default 0.95. */
  level?: number;
}

const DEFAULT_RESAMPLES = 2000;
const DEFAULT_LEVEL = 0.95;

function interval(statistic: string, estimate: number, replicates: Float64Array, level: number): BootstrapInterval {
  const { low, high } = percentileBounds(replicates, level);
  return { statistic, estimate, low, high, level, resamples: replicates.length, excludesZero: low > 0 || high < 0 };
}

export function weightedBootstrapInterval(
  sample: ArrayLike<number>,
  weights: ArrayLike<number>,
  statistic: WeightedStatistic,
  { rng, resamples = DEFAULT_RESAMPLES, level = DEFAULT_LEVEL }: WeightedBootstrapOptions,
): BootstrapInterval {
  requireResampleOptions(resamples, level);
  const { sorted, masses, rank } = sortWeighted(sample, weights, 'weightedBootstrapInterval');
  const n = sorted.length;
  const drawn = new Float64Array(n);
  const replicates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    drawn.fill(0);
    let total = 0;
    for (let draw = 0; draw < n; draw++) {
      const at = rank[(rng.next() * n) | 0];
      drawn[at] += masses[at];
      total += masses[at];
    }
    replicates[r] = statistic.ofMasses(sorted, drawn, total);
  }
  return interval(statistic.name, statistic.ofMasses(sorted, masses), replicates, level);
}

export function pairedWeightedBootstrapDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  weights: ArrayLike<number>,
  statistic: WeightedStatistic,
  { rng, resamples = DEFAULT_RESAMPLES, level = DEFAULT_LEVEL }: WeightedBootstrapOptions,
): BootstrapInterval {
  requireResampleOptions(resamples, level);
  const n = a.length;
  invariant(b.length === n, () => `paired samples differ in length: ${n} and ${b.length}`);
  const sideA = sortWeighted(a, weights, 'pairedWeightedBootstrapDifference a');
  const sideB = sortWeighted(b, weights, 'pairedWeightedBootstrapDifference b');
  const drawnA = new Float64Array(n);
  const drawnB = new Float64Array(n);
  const replicates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    drawnA.fill(0);
    drawnB.fill(0);
    let total = 0;
    for (let draw = 0; draw < n; draw++) {
      const pair = (rng.next() * n) | 0;
      const weight = weights[pair];
      drawnA[sideA.rank[pair]] += weight;
      drawnB[sideB.rank[pair]] += weight;
      total += weight;
    }
    replicates[r] = statistic.ofMasses(sideB.sorted, drawnB, total) - statistic.ofMasses(sideA.sorted, drawnA, total);
  }
  const estimate = statistic.ofMasses(sideB.sorted, sideB.masses) - statistic.ofMasses(sideA.sorted, sideA.masses);
  return interval(`${statistic.name}(b) - ${statistic.name}(a)`, estimate, replicates, level);
}
