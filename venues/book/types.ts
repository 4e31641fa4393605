/**
 * Vocabulary of the matching engine: sides, order types and the reasons attached to rejects and
 * cancels. Prices are integer ticks, quantities integer shares; ids are safe integers chosen by the
 * caller (the venue's order-id source), owners are small integers naming who placed an order
 * (the background flow, a replay, or a router session).
 */

export type Side = 'buy' | 'sell';

export const oppositeSide = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');

/** `limit` rests what it cannot fill; `ioc` cancels it; `market` has no price limit and cancels it. */
export type OrderType = 'limit' | 'ioc' | 'market';

export type RejectReason =
  /** No resting order has this id: never existed, already filled or already cancelled. */
  | 'unknown-order'
  /** The order exists but belongs to another owner. */
  | 'not-owner'
  /** Price not an integer in [1, MAX_PRICE_TICKS]. */
  | 'bad-price'
  /** Quantity not a positive safe integer, or a replace that would not leave any quantity open. */
  | 'bad-quantity'
  /** The id names an order already resting in the book. */
  | 'duplicate-order-id'
  /** An IOC or market order that could not fill any quantity at all. */
  | 'would-not-fill';

export type RejectedRequest = 'new' | 'cancel' | 'replace';

export type CancelReason =
  /** The owner asked, with a cancel request. */
  | 'requested'
  /** Remainder of an IOC or market order after it filled what it could. */
  | 'unfilled-remainder'
  /** Part of a mass cancel for the owner. */
  | 'mass-cancel';

/** Highest accepted price: levels are keyed by 32-bit integers. */
export const MAX_PRICE_TICKS = 0x7fffffff;

/** True for a price the book accepts. */
export const isValidPriceTicks = (priceTicks: number): boolean =>
  Number.isInteger(priceTicks) && priceTicks >= 1 && priceTicks <= MAX_PRICE_TICKS;

/** True for a quantity the book accepts. */
export const isValidQtyShares = (qtyShares: number): boolean => Number.isSafeInteger(qtyShares) && qtyShares >= 1;
