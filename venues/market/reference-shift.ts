/**
 * Where the market's reference price stands relative to the tape in a run: our impact plus the parent's
 * alpha, added to the price of every tape limit order placed (tape-replay.ts dithers it to whole ticks).
 *
 * Alpha (docs/MARKET-MODEL.md "Delay, urgency and adverse selection"): a parent exists because someone expects the
 * price to move; the expected move is realised linearly over the parent's horizon (Kyle 1985: information
 * enters the price at a constant rate) and then stays. It is the same in every run of a seed, so it
 * charges delay: what is bought late is bought after more of the move. Its size is
 * IC x sigma over the horizon (Grinold & Kahn, "Active Portfolio Management", ch. 10: alpha =
 * volatility x information coefficient x score, for a one-standard-deviation score).
 * Units: ticks, ns.
 */
import type { Ns } from '../../sim/index.ts';
import type { PriceShift } from '../flow/tape-replay.ts';
import type { ImpactModel } from './impact-model.ts';

export interface Alpha {
  driftTicksAt(atNs: Ns): number;
}

export const NO_ALPHA: Alpha = { driftTicksAt: () => 0 };

/** A move of `totalTicks` (signed: up for a buy parent) realised linearly over [startNs, startNs + horizonNs]. */
export class LinearAlpha implements Alpha {
  constructor(private readonly totalTicks: number, private readonly startNs: Ns, private readonly horizonNs: Ns) {}
  driftTicksAt(atNs: Ns): number {
    const share = Math.min(1, Math.max(0, (atNs - this.startNs) / this.horizonNs));
    return this.totalTicks * share;
  }
}

export class ReferenceShift implements PriceShift {
  constructor(private readonly impact: ImpactModel, private readonly alpha: Alpha) {}
  shiftTicksAt(atNs: Ns): number {
    return this.impact.impactTicksAt(atNs) + this.alpha.driftTicksAt(atNs);
  }
}
