/**
 * Draws the market tape of one seed from the Cont-Stoikov-Talreja (2010) order flow (cst-parameters.ts,
 * VALIDATION.md "Order book flow"): the flow runs on a book of its own, with no router in it, from the
 * scenario's starting book to the end of the episode, and every order it sends is recorded
 * (market-tape.ts). The tape's touch dynamics are the CST model's; what a run adds is our orders and our
 * impact (tape-replay.ts).
 *
 * Simulation: one Gillespie loop over the model's total rate, intensity(t) x (2 sum_i lambda(i) +
 * 2 mu aggression(t) + theta_max N), N the flow's resting orders: the next event's time is exponential
 * at that rate (redrawn at each change of the intensity profile, exact for a Markov flow), its kind is
 * drawn in proportion to the three rates. Limit orders of one unit land at distance i from the opposite
 * best quote with probability lambda(i) / sum lambda; market orders of one unit take the touch; a cancel
 * candidate picks one of the N uniformly and goes ahead with probability theta(i) / theta_max at its
 * current distance i (thinning: each order's hazard is exactly theta(i)); an order that has filled is
 * dropped when picked. No router acts on this book, so the common-random-number structure the
 * endogenous flow needs (cst-flow.ts: three processes apart) buys nothing here, and one loop with no
 * kernel events is several times cheaper.
 *
 * Ghost cancels: when a market order fills a resting tape order, the order is given the end it would
 * have had if someone else had taken that fill: a lifetime drawn from its cancel hazard at that moment,
 * theta(distance from the opposite best quote) x intensity. A run in which our order took the fill
 * cancels the tape order then. Each limit order also carries a dither draw that places it under a
 * fractional shift (market-tape.ts).
 * Random streams: `<prefix>.tape` (times, kinds, sides, distances, cancel picks), `<prefix>.ghosts`,
 * `<prefix>.dither`. Units: `timeUnitNs` ns per model time unit, prices in ticks, shares.
 */
import { invariant, type Ns, type RandomStream, type RandomStreams } from '../../sim/index.ts';
import { OrderBook, type BookOutputSink, type Fill, type Side } from '../book/index.ts';
import { cancelHazard, checkCstParameters, CST_2010_PARAMETERS, limitRate, type CstParameters } from './cst-parameters.ts';
import { FlowOrders } from './flow-orders.ts';
import { ConstantIntensity, type IntensityProfile } from './intensity-profile.ts';
import { MarketTapeBuilder, type MarketTape } from './market-tape.ts';

export interface CstTapeConfig {
  parameters?: CstParameters;
  timeUnitNs: Ns;
  orderSizeShares: number;
  maxDistanceTicks: number;
  /** The starting book's best bid; its best ask is one tick above. */
  referencePriceTicks: number;
  intensity?: IntensityProfile;
  /** Orders (of one unit) at each distance from the best quote in the starting book: bids from the reference price down, asks from one tick above it up. */
  startingDepthOrders: { readonly buy: readonly number[]; readonly sell: readonly number[] };
  /** The tape ends here (the end of the episode). */
  untilNs: Ns;
  streamPrefix?: string;
}

const SIDES: readonly Side[] = ['buy', 'sell'];
const OWNER = 0;

/** Records the book's fills onto the tape: traded volume, and a ghost end for each tape order filled. */
class FillRecorder implements BookOutputSink {
  nowNs: Ns = 0;
  constructor(
    private readonly tape: MarketTapeBuilder,
    private readonly book: () => OrderBook,
    private readonly ghostLifetimeNs: (distanceTicks: number, atNs: Ns) => Ns,
  ) {}
  fill(event: Readonly<Fill>): void {
    this.tape.trade(this.nowNs, event.qtyShares);
    if (event.makerLeavesQtyShares > 0) return;
    // The maker's distance from the opposite best quote, which the taker's side has not touched.
    const opposite = event.aggressorSide === 'buy' ? this.book().bestBidTicks() : this.book().bestAskTicks();
    const distance = opposite === undefined ? 1 : Math.max(1, Math.abs(event.priceTicks - opposite));
    this.tape.ghostCancel(this.nowNs + this.ghostLifetimeNs(distance, this.nowNs), event.makerOrderId);
  }
  accepted(): void {}
  rejected(): void {}
  cancelled(): void {}
  replaced(): void {}
  massCancelled(): void {}
  level(): void {}
}

export function recordCstTape(config: CstTapeConfig, streams: RandomStreams): MarketTape {
  const parameters = config.parameters ?? CST_2010_PARAMETERS;
  checkCstParameters(parameters);
  invariant(config.timeUnitNs > 0 && config.untilNs >= 0, 'a tape needs a positive time unit and an end');
  invariant(Number.isInteger(config.maxDistanceTicks) && config.maxDistanceTicks >= 1, 'maxDistanceTicks must be an integer >= 1');
  const intensity = config.intensity ?? new ConstantIntensity();
  const prefix = config.streamPrefix ?? 'flow';
  const draws = streams.get(`${prefix}.tape`);
  const ghosts = streams.get(`${prefix}.ghosts`);
  const dithers = streams.get(`${prefix}.dither`);
  const tape = new MarketTapeBuilder();
  const unit = config.timeUnitNs;

  const cumulative = new Float64Array(config.maxDistanceTicks);
  let limitSum = 0;
  for (let i = 1; i <= config.maxDistanceTicks; i++) cumulative[i - 1] = limitSum += limitRate(parameters, i);
  let thetaMax = 0;
  for (let i = 1; i <= Math.max(config.maxDistanceTicks, parameters.cancelHazards.length); i++) thetaMax = Math.max(thetaMax, cancelHazard(parameters, i));

  const recorder: FillRecorder = new FillRecorder(tape, () => book, (distance, atNs) => {
    const rate = cancelHazard(parameters, distance) * Math.max(intensity.intensityAt(atNs), 1e-9);
    return Math.max(1, Math.round((-Math.log(1 - ghosts.next()) / rate) * unit));
  });
  const book: OrderBook = new OrderBook(recorder);
  const orders = new FlowOrders();
  let nextId = 0;
  let lastBid = config.referencePriceTicks;
  let lastAsk = config.referencePriceTicks + 1;
  const quotes = (atNs: Ns) => {
    const bid = book.bestBidTicks();
    const ask = book.bestAskTicks();
    if (bid !== undefined) lastBid = bid;
    if (ask !== undefined) lastAsk = ask;
    tape.quote(atNs, bid, ask);
  };
  const placeLimit = (atNs: Ns, sideIndex: number, priceTicks: number) => {
    const orderId = nextId++;
    tape.limit(atNs, sideIndex, priceTicks, config.orderSizeShares, orderId, dithers.next());
    book.submitLimit(orderId, OWNER, SIDES[sideIndex], priceTicks, config.orderSizeShares);
    orders.add(orderId, sideIndex, priceTicks);
  };

  recorder.nowNs = 0;
  config.startingDepthOrders.buy.forEach((count, j) => {
    for (let n = 0; n < count; n++) placeLimit(0, 0, config.referencePriceTicks - j);
  });
  config.startingDepthOrders.sell.forEach((count, j) => {
    for (let n = 0; n < count; n++) placeLimit(0, 1, config.referencePriceTicks + 1 + j);
  });
  quotes(0);

  let tModel = 0;
  const endModel = config.untilNs / unit;
  while (true) {
    const nowNs = Math.round(tModel * unit);
    const scale = intensity.intensityAt(nowNs);
    const limitTotal = scale * 2 * limitSum;
    const marketTotal = scale * 2 * parameters.marketRate * intensity.aggressionAt(nowNs);
    const cancelTotal = scale * thetaMax * orders.size;
    const total = limitTotal + marketTotal + cancelTotal;
    const changeModel = intensity.nextChangeAfter(nowNs) / unit;
    const wait = total > 0 ? -Math.log(1 - draws.next()) / total : Number.POSITIVE_INFINITY;
    if (tModel + wait >= changeModel) {
      // The profile changes first: start afresh from the change (memoryless, so exact).
      if (changeModel >= endModel) break;
      tModel = changeModel;
      continue;
    }
    tModel += wait;
    if (tModel > endModel) break;
    const atNs = Math.round(tModel * unit);
    recorder.nowNs = atNs;
    const u = draws.next() * total;
    if (u < limitTotal) {
      const sideIndex = draws.next() < 0.5 ? 0 : 1;
      const v = draws.next() * limitSum;
      let distance = 1;
      while (distance < cumulative.length && cumulative[distance - 1] <= v) distance++;
      const priceTicks = sideIndex === 0 ? lastAsk - distance : lastBid + distance;
      if (priceTicks >= 1) placeLimit(atNs, sideIndex, priceTicks);
    } else if (u < limitTotal + marketTotal) {
      const sideIndex = draws.next() < 0.5 ? 0 : 1;
      tape.market(atNs, sideIndex, config.orderSizeShares);
      book.submitMarket(nextId++, OWNER, SIDES[sideIndex], config.orderSizeShares);
    } else {
      cancelCandidate(atNs, draws);
    }
    quotes(atNs);
  }
  return tape.build();

  function cancelCandidate(atNs: Ns, rng: RandomStream): void {
    const index = Math.floor(rng.next() * orders.size);
    const accept = rng.next() * thetaMax;
    const orderId = orders.orderId[index];
    if (book.leavesQtyShares(orderId) === 0) {
      orders.removeAt(index);
      return;
    }
    const priceTicks = orders.priceTicks[index];
    const distance = orders.sideIndex[index] === 0 ? lastAsk - priceTicks : priceTicks - lastBid;
    if (accept >= cancelHazard(parameters, distance)) return;
    tape.cancel(atNs, orderId);
    book.cancel(orderId, OWNER);
    orders.removeAt(index);
  }
}
