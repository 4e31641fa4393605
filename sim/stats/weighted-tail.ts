/**
 * Tail statistics of a weighted sample: the estimators an importance-sampled design needs. When the
 * seeds were drawn from a proposal g instead of the target f (a rare fault made to occur more often),
 * each observation carries its likelihood ratio w_i = f/g, and the target's distribution is estimated
 * by the self-normalised weighted empirical CDF
 *   F_w(x) = Σ_i w_i 1{x_i <= x} / Σ_i w_i
 * (Glynn 1996, "Importance sampling for Monte Carlo estimation of quantiles", the estimator he calls
 * F_1 / the ratio form; Hesterberg 1995, "Weighted average importance sampling and defensive mixture
 * distributions", for why normalising by Σ w_i rather than n keeps the estimate a distribution).
 *
 * Definitions, all of a sample with masses m_i > 0 (any total M; unit masses give the plain statistics):
 * - quantile at level p: the smallest x_i with F_w(x_i) >= p, the inverse weighted CDF. With unit masses
 *   it is Hyndman & Fan type 1, i.e. `valueAtRisk`, not the type 7 `quantile` the unweighted reports use:
 *   type 7 interpolates between order statistics by their count, which has no meaning once they carry
 *   unequal mass.
 * - expected shortfall at level p (upper tail, Acerbi & Tasche 2002 under the weights): the mean of the
 *   top M(1 - p) of mass, the boundary observation contributing the fraction of its mass that fits.
 *   With unit masses it equals `expectedShortfall`.
 * - mean: Σ m_i x_i / M.
 *
 * `WeightedStatistic.ofMasses` takes the sample sorted ascending and each sorted position's mass; the
 * bootstrap (weighted-bootstrap.ts) multiplies a resample's multiplicities by the weights and calls it,
 * so no replicate sorts anything.
 */
import { InvariantViolation, invariant } from '../invariant.ts';
import { requireProbability, requireTailLevel, upperTailMass, upperTailSum } from './_internals/order-statistics.ts';
import { ranksAscending, sortAscending } from './_internals/sort-ascending.ts';

export interface WeightedStatistic {
  /** For reports: `wq0.99`, `wes0.95`, `wmean`. */
  readonly name: string;
  /**
   * The statistic of `sorted` (ascending) where sorted[i] carries masses[i] >= 0, the masses summing to more
   * than 0; `total`, when the caller knows it (a bootstrap replicate adds it up as it draws), saves a pass.
   */
  ofMasses(sorted: Float64Array, masses: ArrayLike<number>, total?: number): number;
}

function totalOf(masses: ArrayLike<number>, known?: number): number {
  if (known !== undefined) return known;
  let total = 0;
  for (let i = 0; i < masses.length; i++) total += masses[i];
  invariant(total > 0, 'the masses of a weighted sample sum to 0');
  return total;
}

/**
 * The smallest sorted[i] whose weighted CDF reaches p. Walked from the top (an upper quantile is near
 * it): sorted[i] is the answer when the mass strictly below it falls short of p·M. "Reaches" allows a
 * relative 1e-12 of M, so with unit masses the boundary falls where decimal arithmetic puts it
 * (0.99 × 100 is 98.99999999999999 in binary).
 */
export function weightedQuantileOfMasses(sorted: Float64Array, masses: ArrayLike<number>, p: number, knownTotal?: number): number {
  const total = totalOf(masses, knownTotal);
  const target = p * total - 1e-12 * total;
  let below = total;
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (masses[i] === 0) continue;
    below -= masses[i];
    if (below < target) return sorted[i];
  }
  // p = 0 (or rounding at the very bottom): the smallest observation with any mass.
  for (let i = 0; i < sorted.length; i++) if (masses[i] > 0) return sorted[i];
  throw new InvariantViolation('no observation carries mass, yet the masses sum to more than 0');
}

export function weightedExpectedShortfallOfMasses(sorted: Float64Array, masses: ArrayLike<number>, level: number, knownTotal?: number): number {
  const tail = upperTailMass(totalOf(masses, knownTotal), level);
  return upperTailSum(sorted, masses, tail) / tail;
}

export function weightedQuantileStatistic(p: number): WeightedStatistic {
  requireProbability(p, 'weighted quantile p');
  return { name: `wq${p}`, ofMasses: (sorted, masses, total) => weightedQuantileOfMasses(sorted, masses, p, total) };
}

export function weightedExpectedShortfallStatistic(level: number): WeightedStatistic {
  requireTailLevel(level);
  return { name: `wes${level}`, ofMasses: (sorted, masses, total) => weightedExpectedShortfallOfMasses(sorted, masses, level, total) };
}

export const weightedMeanStatistic: WeightedStatistic = {
  name: 'wmean',
  ofMasses: (sorted, masses, total) => {
    let sum = 0;
    for (let i = 0; i < sorted.length; i++) sum += masses[i] * sorted[i];
    return sum / totalOf(masses, total);
  },
};

/** Likelihood-ratio weights are finite and positive: a zero would be a seed the target can never draw. */
export function requireWeights(weights: ArrayLike<number>, n: number, what: string): void {
  invariant(weights.length === n, () => `${what}: ${weights.length} weights for a sample of ${n}`);
  for (let i = 0; i < n; i++) {
    const weight = weights[i];
    invariant(Number.isFinite(weight) && weight > 0, () => `${what}: weights[${i}] is ${weight}, expected a finite number > 0`);
  }
}

/** The sample sorted ascending, and each sorted position's weight. */
export function sortWeighted(sample: ArrayLike<number>, weights: ArrayLike<number>, what: string): { sorted: Float64Array; masses: Float64Array; rank: Uint32Array } {
  const sorted = sortAscending(sample, what);
  requireWeights(weights, sorted.length, what);
  const rank = ranksAscending(sample);
  const masses = new Float64Array(sorted.length);
  for (let i = 0; i < rank.length; i++) masses[rank[i]] = weights[i];
  return { sorted, masses, rank };
}

/** The weighted statistic of an unsorted sample whose i-th value carries weights[i]. */
export function weightedStatisticOf(statistic: WeightedStatistic, sample: ArrayLike<number>, weights: ArrayLike<number>): number {
  const { sorted, masses } = sortWeighted(sample, weights, statistic.name);
  return statistic.ofMasses(sorted, masses);
}
