/**
 * Prices between the wire and the book: FIX carries decimal prices, the book integer ticks. A price is
 * `ticks × tickSize`, computed in integers scaled by the tick size's decimal places so that 10005 ticks
 * of 0.01 read 100.05 and not 100.05000000000001. A price that is not a whole number of ticks is not
 * rounded to one: the counterparty rejects it, as a venue rejects an off-tick price.
 * Leaves out: tick size tables (one size for every price) and tick sizes written in exponent form.
 * Units: `tickSize` in price units per tick (0.01 = one cent).
 */
import { invariant } from '../../../sim/invariant.ts';

/** Accepted distance, in scaled units, between a decimal price and the nearest whole multiple. */
const ON_TICK_TOLERANCE = 1e-6;

export class TickScale {
  /** 10^(decimal places of the tick size). */
  private readonly scale: number;
  /** The tick size in scaled units: a positive integer. */
  private readonly tickUnits: number;

  constructor(readonly tickSize: number) {
    const text = tickSize.toString();
    invariant(tickSize > 0 && Number.isFinite(tickSize) && !text.includes('e'), () => `tick size must be a positive decimal, got ${text}`);
    const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
    this.scale = 10 ** decimals;
    this.tickUnits = Math.round(tickSize * this.scale);
  }

  /** The decimal price of a whole number of ticks. */
  price(ticks: number): number {
    return (ticks * this.tickUnits) / this.scale;
  }

  /** A decimal price as ticks, or undefined when it is not a whole number of ticks. */
  ticks(price: number): number | undefined {
    if (!Number.isFinite(price)) return undefined;
    const units = price * this.scale;
    const whole = Math.round(units);
    if (Math.abs(units - whole) > ON_TICK_TOLERANCE || whole % this.tickUnits !== 0) return undefined;
    return whole / this.tickUnits;
  }

  /** The average price of `notionalTicks` (Σ qty × ticks) over `qtyShares`; 0 when nothing filled. */
  averagePrice(notionalTicks: number, qtyShares: number): number {
    return qtyShares === 0 ? 0 : (notionalTicks * this.tickUnits) / (qtyShares * this.scale);
  }
}
