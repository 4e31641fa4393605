/**
 * Upper-tail risk of a cost sample (slippage, implementation shortfall: larger is worse).
 *
 * Expected shortfall follows Acerbi & Tasche (2002), "On the coherence of expected shortfall",
 * mirrored to the upper tail: with the sample sorted ascending x[0..n-1], the tail holds m = n(1 - level)
 * units of mass, and
 *   ES_level = ( Σ_{i = n-⌊m⌋}^{n-1} x[i]  +  (m - ⌊m⌋) · x[n-1-⌊m⌋] ) / m,
 * the mean of the worst (1 - level) fraction with the fractional weight on the boundary observation.
 * It is the average of the empirical quantile function over [level, 1], so it is coherent (subadditive)
 * where a plain "mean of the observations above VaR" is not, and it moves continuously with the level.
 *
 * Value at risk is the quantile that estimator is built on, the inverse empirical CDF
 * (Hyndman & Fan type 1): VaR_level = x[⌈n·level⌉ - 1], the boundary observation above. It therefore
 * differs slightly from the type 7 `quantile(sample, level)` used for p95/p99 in reports (type 7
 * interpolates) by less than one gap between adjacent order statistics, and ES_level ≥ VaR_level
 * always holds.
 */
import { SortedSample } from './sorted-sample.ts';

export function valueAtRisk(sample: ArrayLike<number>, level: number): number {
  return SortedSample.of(sample).valueAtRisk(level);
}

export function expectedShortfall(sample: ArrayLike<number>, level: number): number {
  return SortedSample.of(sample).expectedShortfall(level);
}

/** CVaR95 as the metrics name it: the mean of the worst 5% of costs (ES at level 0.95). */
export function cvar95(sample: ArrayLike<number>): number {
  return expectedShortfall(sample, 0.95);
}
