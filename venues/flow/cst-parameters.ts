/**
 * Parameters of the Cont, Stoikov & Talreja (2010) order flow ("A stochastic model for order book
 * dynamics", Operations Research 58(3); VALIDATION.md "Order book flow"). In model units: rates are
 * per model time unit, sizes in units of the average order size, distances in ticks from the
 * opposite best quote. The scenario maps them to the simulation (cst-flow.ts: time unit in ns, order
 * size in shares, intensity profile).
 *
 * Limit orders at distance i arrive at rate k / i^alpha on each side; market orders at rate mu on
 * each side; each resting order at distance i cancels at hazard theta(i). The paper fits theta for
 * the first few distances only; beyond the table the last value applies (documented choice).
 */
import { invariant } from '../../sim/index.ts';

export interface CstParameters {
  /** k: scale of the limit order arrival rate, per model time unit. */
  limitRateK: number;
  /** alpha: decay of the limit order rate with distance (dimensionless). */
  limitRateAlpha: number;
  /** mu: market order rate on each side, per model time unit. */
  marketRate: number;
  /** theta(1..n): cancel hazard of one resting order at distance i, per model time unit. */
  cancelHazards: readonly number[];
}

/** The paper's fit (Tokyo Stock Exchange), as quoted in VALIDATION.md. */
export const CST_2010_PARAMETERS: CstParameters = Object.freeze({
  limitRateK: 1.92,
  limitRateAlpha: 0.52,
  marketRate: 0.94,
  cancelHazards: Object.freeze([0.71, 0.81, 0.68, 0.56, 0.47]),
});

/** lambda(i) = k / i^alpha, per side, per model time unit. */
export function limitRate(parameters: CstParameters, distanceTicks: number): number {
  return parameters.limitRateK / Math.pow(distanceTicks, parameters.limitRateAlpha);
}

/** theta(i), the table's last value beyond its end. */
export function cancelHazard(parameters: CstParameters, distanceTicks: number): number {
  const table = parameters.cancelHazards;
  return table[Math.min(Math.max(distanceTicks, 1), table.length) - 1];
}

/**
 * Mean queue size at each distance 1..maxDistance if market orders are ignored (an M/M/infinity
 * queue: lambda(i) / theta(i)), rounded: a convenient starting book; the flow then relaxes it
 * towards its own stationary shape, so a scenario should allow a warm-up.
 */
export function initialDepthOrders(parameters: CstParameters, maxDistanceTicks: number): number[] {
  const depth: number[] = [];
  for (let i = 1; i <= maxDistanceTicks; i++) depth.push(Math.round(limitRate(parameters, i) / cancelHazard(parameters, i)));
  return depth;
}

export function checkCstParameters(parameters: CstParameters): void {
  const { limitRateK, limitRateAlpha, marketRate, cancelHazards } = parameters;
  invariant(limitRateK > 0 && Number.isFinite(limitRateK), () => `CST k must be positive, got ${limitRateK}`);
  invariant(limitRateAlpha >= 0 && Number.isFinite(limitRateAlpha), () => `CST alpha must be >= 0, got ${limitRateAlpha}`);
  invariant(marketRate >= 0 && Number.isFinite(marketRate), () => `CST mu must be >= 0, got ${marketRate}`);
  invariant(cancelHazards.length > 0, 'CST needs at least one cancel hazard');
  for (const theta of cancelHazards) invariant(theta >= 0 && Number.isFinite(theta), () => `CST theta must be >= 0, got ${theta}`);
}
