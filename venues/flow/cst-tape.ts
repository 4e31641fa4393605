/**
 * Draws the market tape of one seed from the Cont-Stoikov-Talreja flow (cst-flow.ts): the flow runs on
 * a book of its own, with no router in it, from the scenario's starting book to the end of the episode,
 * and every order it sends is recorded (market-tape.ts). The tape's touch dynamics are therefore the
 * CST model's exactly (VALIDATION.md "Order book flow"); what a run adds is our orders and our impact.
 *
 * Ghost cancels: when a market order on the tape fills a resting tape order, the order is given the end
 * it would have had if someone else had taken that fill: a lifetime drawn from its cancel hazard at
 * that moment, theta(distance from the opposite best quote) x intensity, from the stream
 * `<prefix>.ghosts` (so the flow's own streams are untouched). A run in which our order took the fill
 * cancels the tape order then. Each limit order also carries a dither draw (`<prefix>.dither`) that
 * places it under a fractional shift (market-tape.ts).
 * Units: as the flow (timeUnitNs ns per model time unit, prices in ticks, shares).
 */
import { Kernel, type Ns, type RandomStream, type RandomStreams } from '../../sim/index.ts';
import { OrderBook, OrderIdCounter, type BookOutputSink, type Fill, type Side } from '../book/index.ts';
import { CstFlow, type CstFlowConfig } from './cst-flow.ts';
import { cancelHazard, CST_2010_PARAMETERS } from './cst-parameters.ts';
import type { FlowBook } from './flow-book.ts';
import { ConstantIntensity } from './intensity-profile.ts';
import { MarketTapeBuilder, type MarketTape } from './market-tape.ts';

export interface CstTapeConfig extends CstFlowConfig {
  /** Orders (of one unit) at each distance from the best quote in the starting book: bids from the reference price down, asks from one tick above it up. */
  startingDepthOrders: { readonly buy: readonly number[]; readonly sell: readonly number[] };
  /** The tape ends here (the end of the episode). */
  untilNs: Ns;
}

const SIDE_INDEX: Record<Side, number> = { buy: 0, sell: 1 };

/** The flow's book, recording every request onto the tape as it passes it on. */
class RecordingBook implements FlowBook, BookOutputSink {
  readonly book: OrderBook;
  constructor(
    private readonly kernel: Kernel,
    private readonly tape: MarketTapeBuilder,
    private readonly ghostLifetimeNs: (distanceTicks: number) => Ns,
    private readonly dithers: RandomStream,
  ) {
    this.book = new OrderBook(this);
  }

  bestBidTicks(): number | undefined {
    return this.book.bestBidTicks();
  }
  bestAskTicks(): number | undefined {
    return this.book.bestAskTicks();
  }
  leavesQtyShares(orderId: number): number {
    return this.book.leavesQtyShares(orderId);
  }
  submitLimit(orderId: number, ownerId: number, side: Side, priceTicks: number, qtyShares: number): void {
    this.tape.limit(this.kernel.now, SIDE_INDEX[side], priceTicks, qtyShares, orderId, this.dithers.next());
    this.book.submitLimit(orderId, ownerId, side, priceTicks, qtyShares);
    this.recordQuotes();
  }
  submitMarket(orderId: number, ownerId: number, side: Side, qtyShares: number): void {
    this.tape.market(this.kernel.now, SIDE_INDEX[side], qtyShares);
    this.book.submitMarket(orderId, ownerId, side, qtyShares);
    this.recordQuotes();
  }
  cancel(orderId: number, ownerId: number): void {
    this.tape.cancel(this.kernel.now, orderId);
    this.book.cancel(orderId, ownerId);
    this.recordQuotes();
  }

  // ---- the book's outputs: only fills matter to the tape ----
  fill(event: Readonly<Fill>): void {
    const now = this.kernel.now;
    this.tape.trade(now, event.qtyShares);
    if (event.makerLeavesQtyShares === 0) {
      // The maker's distance from the opposite best quote, which the taker's side has not touched.
      const opposite = event.aggressorSide === 'buy' ? this.book.bestBidTicks() : this.book.bestAskTicks();
      const distance = opposite === undefined ? 1 : Math.max(1, Math.abs(event.priceTicks - opposite));
      this.tape.ghostCancel(now + this.ghostLifetimeNs(distance), event.makerOrderId);
    }
  }
  accepted(): void {}
  rejected(): void {}
  cancelled(): void {}
  replaced(): void {}
  massCancelled(): void {}
  level(): void {}

  private recordQuotes(): void {
    this.tape.quote(this.kernel.now, this.book.bestBidTicks(), this.book.bestAskTicks());
  }
}

export function recordCstTape(config: CstTapeConfig, streams: RandomStreams): MarketTape {
  const kernel = new Kernel();
  const builder = new MarketTapeBuilder();
  const parameters = config.parameters ?? CST_2010_PARAMETERS;
  const intensity = config.intensity ?? new ConstantIntensity();
  const ghosts: RandomStream = streams.get(`${config.streamPrefix ?? 'flow'}.ghosts`);
  const ghostLifetimeNs = (distance: number): Ns => {
    const rate = cancelHazard(parameters, distance) * Math.max(intensity.intensityAt(kernel.now), 1e-9);
    return Math.max(1, Math.round((-Math.log(1 - ghosts.next()) / rate) * config.timeUnitNs));
  };
  const book = new RecordingBook(kernel, builder, ghostLifetimeNs, streams.get(`${config.streamPrefix ?? 'flow'}.dither`));
  const flow = new CstFlow(config, book, new OrderIdCounter(0), streams);
  flow.seedSide('buy', config.referencePriceTicks, config.startingDepthOrders.buy);
  flow.seedSide('sell', config.referencePriceTicks + 1, config.startingDepthOrders.sell);
  flow.start(kernel);
  kernel.run({ until: config.untilNs });
  return builder.build();
}
