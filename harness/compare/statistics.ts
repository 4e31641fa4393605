/**
 * The tail statistics comparisons and drill gates speak of, by name: `p50`, `p95`, `p99` (any `pNN`,
 * type 7 quantiles as everywhere in reports), `cvar95` (any `cvarNN`: expected shortfall, the mean of
 * the worst 100-NN %), and `mean`. Cost metrics: larger is worse.
 */
import { expectedShortfallStatistic, meanStatistic, quantileStatistic, type Statistic } from '../../sim/index.ts';

const QUANTILE = /^p(\d{1,2}(?:\.\d+)?)$/;
const CVAR = /^cvar(\d{1,2}(?:\.\d+)?)$/;

/** The statistic a name stands for, or null when the name is not one. */
export function statisticNamed(name: string): Statistic | null {
  const quantile = QUANTILE.exec(name);
  if (quantile !== null) {
    const percent = Number(quantile[1]);
    return percent > 0 && percent < 100 ? quantileStatistic(percent / 100) : null;
  }
  const cvar = CVAR.exec(name);
  if (cvar !== null) {
    const percent = Number(cvar[1]);
    return percent > 0 && percent < 100 ? expectedShortfallStatistic(percent / 100) : null;
  }
  return name === 'mean' ? meanStatistic : null;
}

export const STATISTIC_GRAMMAR = 'p<NN> (a quantile, e.g. p95, p99.9), cvar<NN> (mean of the worst 100-NN %), or mean';

/** The statistic of a sample (unsorted). */
export function evaluate(statistic: Statistic, sample: readonly number[]): number {
  return statistic.ofSorted(Float64Array.from(sample).sort());
}
