/**
 * Short explanations for a new engineer, in METRICS.md's words: what each row of the comparison
 * means, what a paired difference and its verdict say, and which metrics the explorer shows first.
 * Per-metric units and meanings come from the metric catalogue; this file only adds what the
 * catalogue does not cover (tail statistics, table rows).
 */

export const STAT_EXPLANATIONS: Record<string, string> = {
  p50: 'median over seeds: a typical run',
  p95: '95th percentile over seeds: the cost you exceed one run in twenty',
  p99: '99th percentile over seeds: one run in a hundred (with few seeds, close to the worst seed)',
  cvar95: 'CVaR95: mean of the worst 5% of seeds, the tail that p95 hides',
};

export const ROW_EXPLANATIONS: Record<string, string> = {
  episodes: 'seeds run for this column; the same seed is the same market and the same faults for every policy',
  failed: 'episodes that crashed: they have no metrics; replay each with its command',
  'invariant violations': 'episodes where something that must always hold did not (position reconciles, no fill counted twice, book never crossed, FIX sequences accounted for)',
  'completion (mean)': 'share of the parent order filled at the venue, averaged over seeds',
  IS_BPS: 'implementation shortfall of the incident run, bps of the arrival mid, positive = cost',
  IS_FO_BPS: 'failover-driven IS: IS minus the IS of the control run (same seed, faults removed), the cost of the incident itself',
  FETL_BPS: 'failover expected tail loss: p95(IS) minus p95(IS of the control runs), with its bootstrap interval',
};

export const DIFFERENCE_EXPLANATION =
  'Each cell is the policy minus the baseline for one statistic, paired by seed (both ran the same markets and faults), ' +
  'with a bootstrap interval (BCa). Negative is cheaper. "better" / "worse": the interval lies below / above 0. ' +
  '"not significant": it contains 0, so these seeds cannot tell the two apart; more seeds narrow it. ' +
  '"too few pairs": under five shared seeds no interval is given.';

export const TAIL_CHART_EXPLANATION =
  'Bars: p95 and p99 of IS_FO_BPS over seeds per policy; whiskers: their bootstrap interval (none under five seeds). ' +
  'Lower is better; overlapping whiskers do not settle a comparison, the paired differences above do.';

/** Metrics the explorer lists for an episode, in reading order: cost, then state, then recovery. */
export const EXPLORER_METRICS = [
  'IS_BPS', 'IS_CONTROL_BPS', 'IS_FO_BPS', 'IS_ORACLE_BPS', 'C_DIVERGENCE_BPS', 'C_QUEUE_RESET_BPS', 'C_THROTTLE_BPS', 'C_CATCHUP_BPS',
  'ATTRIBUTION_RESIDUAL_BPS', 'COMPLETION', 'OVERFILL_SHARES', 'LSS_MIN', 'LSS_BELOW_099_MS', 'SUR_QTY', 'RWH_MAX', 'DETECTION_LAG_MS',
  'FDS_MS', 'SDL_MS', 'RCL_MS', 'RBL95', 'GRS', 'CID', 'ROR',
];
