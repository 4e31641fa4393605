/**
 * What the venue publishes on its market-data feed: public information only. Price level updates
 * (L2, as the book emits them) and trade prints (a fill without the parties' identities). The
 * snapshot for feed recovery is the L2 book with the feed position it includes.
 * Leaves out: L3 (order-by-order) feeds and imbalance or status messages.
 */
import type { BookLevel, LevelUpdate, Side } from '../book/index.ts';

export interface TradePrint {
  readonly type: 'trade';
  readonly priceTicks: number;
  readonly qtyShares: number;
  readonly aggressorSide: Side;
}

export type VenueFeedMessage = Readonly<LevelUpdate> | TradePrint;

export interface L2Book {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}
