/**
 * The tail statistics comparisons and drill gates speak of, by name: `p50`, `p95`, `p99` (any `pNN`,
 * type 7 quantiles as everywhere in reports), `cvar95` (any `cvarNN`: expected shortfall, the mean of
 * the worst 100-NN %), and `mean`. Cost metrics: larger is worse.
 */
import {
  expectedShortfallStatistic,
  meanStatistic,
  quantileStatistic,
  weightedExpectedShortfallStatistic,
  weightedMeanStatistic,
  weightedQuantileStatistic,
  type Statistic,
  type WeightedStatistic,
} from '../../sim/index.ts';

const QUANTILE = /^p(\d{1,2}(?:\.\d+)?)$/;
const CVAR = /^cvar(\d{1,2}(?:\.\d+)?)$/;

/** What a statistic's name says, before it is made plain or weighted. */
type ParsedName = { kind: 'quantile'; p: number } | { kind: 'shortfall'; level: number } | { kind: 'mean' };

function parseName(name: string): ParsedName | null {
  const quantile = QUANTILE.exec(name);
  if (quantile !== null) {
    const percent = Number(quantile[1]);
    return percent > 0 && percent < 100 ? { kind: 'quantile', p: percent / 100 } : null;
  }
  const cvar = CVAR.exec(name);
  if (cvar !== null) {
    const percent = Number(cvar[1]);
    return percent > 0 && percent < 100 ? { kind: 'shortfall', level: percent / 100 } : null;
  }
  return name === 'mean' ? { kind: 'mean' } : null;
}

/** The statistic a name stands for, or null when the name is not one. */
export function statisticNamed(name: string): Statistic | null {
  const parsed = parseName(name);
  if (parsed === null) return null;
  if (parsed.kind === 'quantile') return quantileStatistic(parsed.p);
  return parsed.kind === 'shortfall' ? expectedShortfallStatistic(parsed.level) : meanStatistic;
}

/**
 * The weighted form of a named statistic, for importance-weighted records (weights.ts): `pNN` the inverse
 * weighted CDF, `cvarNN` the weighted expected shortfall, `mean` the weighted mean. Under unit weights
 * `pNN` is the type 1 quantile, not type 7 (sim/stats/weighted-tail.ts). Callers pass a name
 * statisticNamed has accepted (the gate and fact grammars check names as they parse), so any other is a
 * bug here and throws.
 */
export function weightedStatisticNamed(name: string): WeightedStatistic {
  const parsed = parseName(name);
  if (parsed === null) throw new Error(`unknown statistic ${name}`);
  if (parsed.kind === 'quantile') return weightedQuantileStatistic(parsed.p);
  return parsed.kind === 'shortfall' ? weightedExpectedShortfallStatistic(parsed.level) : weightedMeanStatistic;
}

export const STATISTIC_GRAMMAR = 'p<NN> (a quantile, e.g. p95, p99.9), cvar<NN> (mean of the worst 100-NN %), or mean';

/** The statistic of a sample (unsorted). */
export function evaluate(statistic: Statistic, sample: readonly number[]): number {
  return statistic.ofSorted(Float64Array.from(sample).sort());
}

/**
 * The fewest seeds at which the drill's bootstrap interval (BCa, sim/stats/bootstrap.ts) of the
 * statistic covers about as it says: 8 seeds beyond the quantile for a quantile, and never fewer than
 * QUANTILE_SEEDS (p50: 48, p95: 160, p99: 800); 64 beyond it for an expected shortfall (cvar95: 1280:
 * a tail mean converges more slowly than the quantile it starts from); MEAN_SEEDS for a mean. Measured
 * on VALIDATION T8 (A ~ Exp(1), B = 1.1·A, test/harness/compare/interval-coverage.test.ts), where the
 * 95% interval covers 0.93 to 0.97 at these counts, one policy or a paired difference; fewer seeds cover
 * less (cvar95 at 640: 0.92; a mean at 24: 0.89). Below, a gate is not judged: it waits for more seeds.
 */
const MEAN_SEEDS = 96;
const QUANTILE_SEEDS = 48;

export function seedsForInterval(name: string): number {
  const quantile = QUANTILE.exec(name);
  if (quantile !== null) return Math.max(QUANTILE_SEEDS, Math.ceil(8 / (1 - Number(quantile[1]) / 100) - 1e-9));
  const cvar = CVAR.exec(name);
  if (cvar !== null) return Math.ceil(64 / (1 - Number(cvar[1]) / 100) - 1e-9);
  return MEAN_SEEDS;
}
