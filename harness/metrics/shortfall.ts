/**
 * Implementation shortfall (Perold, 1988), the cost a parent order paid against its decision price,
 * split into Perold's components:
 * - delay: the move between the decision and each child reaching the market, on the filled quantity;
 * - realised (execution): each fill against the price when its child reached the market;
 * - missed trade (opportunity): the unfilled quantity marked at the final price;
 * - explicit: fees and commissions.
 * All are signed so that a cost is positive for buys and for sells, and expressed both in currency
 * and in basis points of the paper notional (parent quantity x decision price).
 *
 * In this simulator the decision price is the arrival mid (METRICS.md). Overfill is not part of
 * Perold's paper portfolio: it is priced separately as the cost of unwinding the excess at the given
 * unwind price (the far touch at the horizon), so a policy that overtrades pays for it.
 */
import type { Side } from '../../policies/index.ts';

export interface ShortfallFill {
  qtyShares: number;
  price: number;
  /** The market price when the child order that filled reached the venue (Perold's "arrival"). */
  arrivalPrice: number;
}

export interface ShortfallInput {
  side: Side;
  qtyShares: number;
  decisionPrice: number;
  fills: readonly ShortfallFill[];
  /** Price the unfilled quantity is marked at (horizon mid, or clean-up average price). */
  finalPrice: number;
  /** Price at which overfill would be unwound (buy: the bid at the horizon; sell: the ask). */
  unwindPrice?: number;
  feesCurrency?: number;
}

export interface ShortfallComponents {
  delay: number;
  realised: number;
  missedTrade: number;
  explicit: number;
  overfillUnwind: number;
  total: number;
}

export interface Shortfall {
  currency: ShortfallComponents;
  bps: ShortfallComponents;
  filledQtyShares: number;
  unfilledQtyShares: number;
  overfillQtyShares: number;
}

export function implementationShortfall(input: ShortfallInput): Shortfall {
  const sign = input.side === 'buy' ? 1 : -1;
  const filled = input.fills.reduce((total, fill) => total + fill.qtyShares, 0);
  const counted = Math.min(filled, input.qtyShares);
  const overfill = Math.max(0, filled - input.qtyShares);
  // Fills count toward the paper portfolio in arrival order; an overfill's excess is priced as an unwind.
  let remaining = counted;
  let delay = 0;
  let realised = 0;
  let excessCost = 0;
  for (const fill of input.fills) {
    const inPaper = Math.min(fill.qtyShares, remaining);
    remaining -= inPaper;
    delay += sign * (fill.arrivalPrice - input.decisionPrice) * inPaper;
    realised += sign * (fill.price - fill.arrivalPrice) * inPaper;
    excessCost += sign * (fill.price - (input.unwindPrice ?? fill.price)) * (fill.qtyShares - inPaper);
  }
  const unfilled = input.qtyShares - counted;
  const missedTrade = sign * (input.finalPrice - input.decisionPrice) * unfilled;
  const explicit = input.feesCurrency ?? 0;
  const currency: ShortfallComponents = {
    delay,
    realised,
    missedTrade,
    explicit,
    overfillUnwind: excessCost,
    total: delay + realised + missedTrade + explicit + excessCost,
  };
  const notional = input.qtyShares * input.decisionPrice;
  const toBps = (value: number) => (value / notional) * 10_000;
  return {
    currency,
    bps: {
      delay: toBps(delay),
      realised: toBps(realised),
      missedTrade: toBps(missedTrade),
      explicit: toBps(explicit),
      overfillUnwind: toBps(excessCost),
      total: toBps(currency.total),
    },
    filledQtyShares: filled,
    unfilledQtyShares: unfilled,
    overfillQtyShares: overfill,
  };
}
