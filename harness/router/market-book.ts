/**
 * The router's market-data book: the L2 book rebuilt from the feed receiver's deliveries (level
 * updates, trade prints, snapshots), with the receiver's staleness. This is what a policy sees of the
 * market: it lags the venue by the feed's latency, and during a gap it is stale and says so
 * (`recovering`, `ageNs`, METRICS.md BSR). Traded volume counts prints delivered since the parent
 * started, for POV schedules.
 * Units: prices in ticks, quantities in shares, times in ns.
 */
import type { Ns } from '../../sim/index.ts';
import type { MarketView } from '../../policies/index.ts';
import type { FeedConsumer, FeedReceiver } from '../../venues/feed/index.ts';
import type { L2Book, VenueFeedMessage } from '../../venues/venue/feed-messages.ts';
import type { MarketDataPort } from './ports.ts';

export class MarketBook implements FeedConsumer<VenueFeedMessage, L2Book>, MarketDataPort {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private tradedShares = 0;
  private venueTimeNs: Ns = 0;
  private lastChangeVenueNs: Ns = 0;
  private receiver: FeedReceiver<VenueFeedMessage, L2Book> | undefined;

  constructor(private readonly volumeFromNs: Ns) {}

  /** The receiver whose staleness this book reports (set once both exist). */
  attach(receiver: FeedReceiver<VenueFeedMessage, L2Book>): void {
    this.receiver = receiver;
  }

  onMessage(payload: VenueFeedMessage, _seq: number, venueNs: Ns, localNs: Ns): void {
    this.venueTimeNs = venueNs;
    this.lastChangeVenueNs = venueNs;
    if (payload.type === 'trade') {
      if (localNs >= this.volumeFromNs) this.tradedShares += payload.qtyShares;
      return;
    }
    const side = payload.side === 'buy' ? this.bids : this.asks;
    if (payload.qtyShares > 0) side.set(payload.priceTicks, payload.qtyShares);
    else side.delete(payload.priceTicks);
  }

  onSnapshot(state: L2Book, _lastSeq: number, venueNs: Ns): void {
    this.venueTimeNs = venueNs;
    this.lastChangeVenueNs = venueNs;
    this.bids.clear();
    this.asks.clear();
    for (const level of state.bids) this.bids.set(level.priceTicks, level.qtyShares);
    for (const level of state.asks) this.asks.set(level.priceTicks, level.qtyShares);
  }

  view(nowNs: Ns): MarketView {
    this.receiver?.catchUp(nowNs);
    const bestBid = extreme(this.bids, Math.max);
    const bestAsk = extreme(this.asks, Math.min);
    const receiver = this.receiver;
    return {
      bestBidTicks: bestBid,
      bestAskTicks: bestAsk,
      bestBidQtyShares: bestBid === undefined ? 0 : (this.bids.get(bestBid) as number),
      bestAskQtyShares: bestAsk === undefined ? 0 : (this.asks.get(bestAsk) as number),
      venueTimeNs: receiver?.bookAsOfVenueNs ?? this.venueTimeNs,
      ageNs: receiver?.bookAgeNs(nowNs) ?? nowNs - this.venueTimeNs,
      lastChangeAgeNs: nowNs - this.lastChangeVenueNs,
      recovering: receiver?.isRecovering ?? false,
      gapCount: receiver?.episodes.length ?? 0,
      tradedQtyShares: this.tradedShares,
    };
  }
}

function extreme(levels: ReadonlyMap<number, number>, pick: (a: number, b: number) => number): number | undefined {
  let best: number | undefined;
  for (const price of levels.keys()) best = best === undefined ? price : pick(best, price);
  return best;
}
