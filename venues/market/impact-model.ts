/**
 * How our own trades move the market's reference price (docs/MARKET-MODEL.md "Impact"). The exogenous tape is the
 * market without us; an impact model says how far our fills have pushed it, and the tape's orders are
 * placed that much away (price-shift in tape-replay.ts). The same model, with the same parameters, acts
 * in every run of an episode, so an incident's cost difference includes exactly the impact difference
 * of what the two runs traded.
 * Units: impact in ticks (positive = up), quantities in shares signed by direction (a buy is positive).
 */
import type { Ns } from '../../sim/index.ts';

export interface ImpactModel {
  /** One of our fills: `signedQtyShares` > 0 for a buy, < 0 for a sell. */
  onTrade(atNs: Ns, signedQtyShares: number): void;
  /** How far our trades so far have moved the price, at `atNs` (ticks). */
  impactTicksAt(atNs: Ns): number;
  /**
   * The average impact, beyond the current one, that trading `signedQtyShares` at once at `atNs` would
   * pay per share (ticks, signed like the trade): what a remainder would have cost to complete.
   */
  blockImpactTicks(atNs: Ns, signedQtyShares: number): number;
}

/** A market our orders do not move beyond what they do to the book itself. */
export class NoImpact implements ImpactModel {
  onTrade(): void {}
  impactTicksAt(): number {
    return 0;
  }
  blockImpactTicks(): number {
    return 0;
  }
}
