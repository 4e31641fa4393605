/**
 * What an order source needs of the book it drives. `OrderBook` provides all of it; the venue
 * assembly may stand in between (to sequence, journal or halt the flow) by implementing the same
 * methods. A source reads the book right after a request: an implementation that queues requests
 * must report a queued order as open (`leavesQtyShares` > 0), or the flow takes it for gone and
 * stops cancelling it.
 */
import type { Side } from '../book/index.ts';

export interface FlowBook {
  bestBidTicks(): number | undefined;
  bestAskTicks(): number | undefined;
  /** 0 when the order no longer rests. */
  leavesQtyShares(orderId: number): number;
  submitLimit(orderId: number, ownerId: number, side: Side, priceTicks: number, qtyShares: number): void;
  submitMarket(orderId: number, ownerId: number, side: Side, qtyShares: number): void;
  cancel(orderId: number, ownerId: number): void;
}

/** What a replay of L3 messages needs besides: executions as IOCs and partial cancels as replaces. */
export interface ReplayBook extends FlowBook {
  submitIoc(orderId: number, ownerId: number, side: Side, priceTicks: number, qtyShares: number): void;
  replace(orderId: number, ownerId: number, priceTicks: number, orderQtyShares: number): void;
  /** 0 when the order no longer rests. */
  orderQtyShares(orderId: number): number;
}

/** The owner id of background flow orders unless a scenario chooses another. */
export const BACKGROUND_FLOW_OWNER_ID = 0;
