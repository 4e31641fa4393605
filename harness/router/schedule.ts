/**
 * Parent-order schedules: how much of the parent the router wants filled by a given time.
 * - TWAP: linear in time over the horizon.
 * - POV: a participation rate times the market volume the router has seen, capped at the parent.
 * - Almgren-Chriss (2000): the mean-variance optimal trajectory for linear temporary and permanent
 *   impact, holdings x_j = X sinh(kappa (T - t_j)) / sinh(kappa T), with kappa from
 *   cosh(kappa tau) = 1 + kappa~^2 tau^2 / 2, kappa~^2 = lambda sigma^2 / eta~, eta~ = eta - gamma tau / 2;
 *   lambda = 0 (risk neutral) gives TWAP. Between the N trading instants the target steps.
 * Units: quantities in shares, times in ns; Almgren-Chriss parameters in the paper's units
 * (sigma per sqrt(period), eta and gamma in currency per share^2 per period and per share^2).
 */
import type { Ns } from '../../sim/index.ts';

export interface Schedule {
  /** Quantity the schedule wants filled by `timeNs` (shares, may be fractional). */
  targetFilledQty(timeNs: Ns, observedVolumeShares: number): number;
}

export class TwapSchedule implements Schedule {
  constructor(private readonly qtyShares: number, private readonly startNs: Ns, private readonly horizonNs: Ns) {}
  targetFilledQty(timeNs: Ns): number {
    const elapsed = Math.min(Math.max(timeNs - this.startNs, 0), this.horizonNs);
    return (this.qtyShares * elapsed) / this.horizonNs;
  }
}

export class PovSchedule implements Schedule {
  constructor(private readonly qtyShares: number, private readonly participationRate: number) {}
  targetFilledQty(_timeNs: Ns, observedVolumeShares: number): number {
    return Math.min(this.qtyShares, this.participationRate * observedVolumeShares);
  }
}

export interface AlmgrenChrissParams {
  qtyShares: number;
  periods: number;
  periodLength: number;
  sigma: number;
  epsilon: number;
  eta: number;
  gamma: number;
  lambda: number;
}

/** Holdings x_0..x_N (x_0 = X, x_N = 0) and kappa, per Almgren & Chriss (2000), section 3. */
export function almgrenChrissTrajectory(p: AlmgrenChrissParams): { holdings: number[]; kappa: number } {
  const etaTilde = p.eta - (p.gamma * p.periodLength) / 2;
  const kappaTildeSquared = (p.lambda * p.sigma * p.sigma) / etaTilde;
  const kappa = Math.acosh(1 + (kappaTildeSquared * p.periodLength * p.periodLength) / 2) / p.periodLength;
  const horizon = p.periods * p.periodLength;
  const holdings = Array.from({ length: p.periods + 1 }, (_, j) => {
    if (kappa === 0) return p.qtyShares * (1 - j / p.periods);
    return (p.qtyShares * Math.sinh(kappa * (horizon - j * p.periodLength))) / Math.sinh(kappa * horizon);
  });
  return { holdings, kappa };
}

/** Expected cost E[x] = gamma X^2 / 2 + epsilon sum |n_k| + (eta~ / tau) sum n_k^2 (Almgren & Chriss, eq. 7). */
export function almgrenChrissExpectedCost(p: AlmgrenChrissParams, holdings: readonly number[]): number {
  const etaTilde = p.eta - (p.gamma * p.periodLength) / 2;
  let cost = (p.gamma * p.qtyShares * p.qtyShares) / 2;
  for (let k = 1; k < holdings.length; k++) {
    const traded = holdings[k - 1] - holdings[k];
    cost += p.epsilon * Math.abs(traded) + (etaTilde / p.periodLength) * traded * traded;
  }
  return cost;
}

export class AlmgrenChrissSchedule implements Schedule {
  private readonly holdings: number[];
  constructor(private readonly params: AlmgrenChrissParams, private readonly startNs: Ns, private readonly horizonNs: Ns) {
    this.holdings = almgrenChrissTrajectory(params).holdings;
  }
  targetFilledQty(timeNs: Ns): number {
    const fraction = Math.min(Math.max((timeNs - this.startNs) / this.horizonNs, 0), 1);
    const period = Math.min(Math.floor(fraction * this.params.periods), this.params.periods);
    return this.params.qtyShares - this.holdings[period];
  }
}
