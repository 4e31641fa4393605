/**
 * The default background order flow: Cont, Stoikov & Talreja (2010), see cst-parameters.ts and
 * VALIDATION.md "Order book flow". On each side, limit orders of one unit arrive at distance i ticks
 * from the opposite best quote at rate lambda(i) = k / i^alpha (i = 1..maxDistanceTicks), market
 * orders of one unit at rate mu, and each of the flow's resting orders at distance i cancels at
 * hazard theta(i). The mid price is whatever the book's best quotes become.
 *
 * Simulation: one pending kernel event at a time (Gillespie). The total rate is
 *   intensity(t) x (2 sum_i lambda(i) + 2 mu aggression(t) + theta_max N),
 * where N counts the orders the flow believes rest. A cancel candidate picks one of them uniformly
 * and goes ahead with probability theta(i) / theta_max at its current distance i (thinning), so the
 * per-order hazard is exactly theta(i) without summing hazards over levels at every event; orders
 * that filled or were cancelled by someone else are dropped when picked (their hazard is 0, which
 * thinning also allows). N only grows by the flow's own limit orders, so the bound stays valid
 * between events without being told about fills. At a change of the intensity profile the next event
 * is redrawn (memorylessness makes that exact).
 * Leaves out: order sizes other than one unit, self-trade prevention (flow market orders hit flow
 * orders, as in the model), any reaction to router orders beyond their effect on the best quotes.
 * When a side is empty, distances are taken from that side's last known best quote.
 *
 * Units: `timeUnitNs` ns of simulation time per model time unit; `orderSizeShares` shares per model
 * unit of size; prices in ticks. Random streams: `<prefix>.arrivals` (event times), `<prefix>.events`
 * (kind, side, distance), `<prefix>.cancels` (which order, and the thinning draw).
 */
import { invariant, type EventHandler, type Kernel, type Ns, type RandomStream, type RandomStreams } from '../../sim/index.ts';
import type { OrderIdSource, Side } from '../book/index.ts';
import { cancelHazard, checkCstParameters, CST_2010_PARAMETERS, limitRate, type CstParameters } from './cst-parameters.ts';
import { BACKGROUND_FLOW_OWNER_ID, type FlowBook } from './flow-book.ts';
import { FlowOrders } from './flow-orders.ts';
import { ConstantIntensity, type IntensityProfile } from './intensity-profile.ts';

export interface CstFlowConfig {
  parameters?: CstParameters;
  timeUnitNs: Ns;
  orderSizeShares: number;
  maxDistanceTicks: number;
  /** Where distances are measured from while a side has never had a quote: best bid here, best ask one tick above. */
  referencePriceTicks: number;
  intensity?: IntensityProfile;
  ownerId?: number;
  streamPrefix?: string;
}

const SIDES: readonly Side[] = ['buy', 'sell'];
const KIND_EVENT = 0;
const KIND_REDRAW = 1;

export class CstFlow implements EventHandler {
  readonly ownerId: number;
  private readonly orders = new FlowOrders();
  /** Counts of what the flow has done, for reports and benches. */
  limitOrders = 0;
  marketOrders = 0;
  cancels = 0;

  private readonly parameters: CstParameters;
  private readonly intensity: IntensityProfile;
  private readonly arrivals: RandomStream;
  private readonly choices: RandomStream;
  private readonly cancelDraws: RandomStream;
  /** Cumulative lambda(1..i) per side, for choosing a distance; its last entry is the side's limit rate. */
  private readonly cumulativeLimitRate: Float64Array;
  private readonly thetaMax: number;
  private lastBidTicks: number;
  private lastAskTicks: number;
  private pendingEvent: number | undefined;

  constructor(
    private readonly config: CstFlowConfig,
    private readonly book: FlowBook,
    private readonly ids: OrderIdSource,
    streams: RandomStreams,
  ) {
    this.parameters = config.parameters ?? CST_2010_PARAMETERS;
    checkCstParameters(this.parameters);
    invariant(config.timeUnitNs > 0, () => `timeUnitNs must be positive, got ${config.timeUnitNs}`);
    invariant(Number.isSafeInteger(config.orderSizeShares) && config.orderSizeShares > 0, 'orderSizeShares must be a positive integer');
    invariant(Number.isInteger(config.maxDistanceTicks) && config.maxDistanceTicks >= 1, 'maxDistanceTicks must be an integer >= 1');
    invariant(Number.isInteger(config.referencePriceTicks) && config.referencePriceTicks > config.maxDistanceTicks, 'referencePriceTicks must exceed maxDistanceTicks');
    this.ownerId = config.ownerId ?? BACKGROUND_FLOW_OWNER_ID;
    this.intensity = config.intensity ?? new ConstantIntensity();
    const prefix = config.streamPrefix ?? 'flow';
    this.arrivals = streams.get(`${prefix}.arrivals`);
    this.choices = streams.get(`${prefix}.events`);
    this.cancelDraws = streams.get(`${prefix}.cancels`);
    this.cumulativeLimitRate = new Float64Array(config.maxDistanceTicks);
    let cumulative = 0;
    let thetaMax = 0;
    for (let i = 1; i <= config.maxDistanceTicks; i++) {
      cumulative += limitRate(this.parameters, i);
      this.cumulativeLimitRate[i - 1] = cumulative;
    }
    for (let i = 1; i <= Math.max(config.maxDistanceTicks, this.parameters.cancelHazards.length); i++) thetaMax = Math.max(thetaMax, cancelHazard(this.parameters, i));
    this.thetaMax = thetaMax;
    this.lastBidTicks = config.referencePriceTicks;
    this.lastAskTicks = config.referencePriceTicks + 1;
  }

  /**
   * Places flow-owned orders of one unit: `depthOrders[j]` of them at `bestPriceTicks` - j for bids
   * (+ j for asks). For an initial book, or a test's chosen state; prices must not cross the book.
   */
  seedSide(side: Side, bestPriceTicks: number, depthOrders: readonly number[]): void {
    const sideIndex = side === 'buy' ? 0 : 1;
    depthOrders.forEach((count, j) => {
      const priceTicks = sideIndex === 0 ? bestPriceTicks - j : bestPriceTicks + j;
      for (let n = 0; n < count; n++) this.placeLimit(sideIndex, priceTicks);
    });
    this.observeQuotes();
  }

  /** Orders the flow tracks as its own resting ones (some may have filled since it last looked). */
  get trackedOrderCount(): number {
    return this.orders.size;
  }

  /** Schedules the flow's first event; the flow then keeps one event pending until `stop`. */
  start(kernel: Kernel): void {
    invariant(this.pendingEvent === undefined, 'the flow is already running');
    this.observeQuotes();
    this.scheduleNext(kernel);
  }

  stop(kernel: Kernel): void {
    if (this.pendingEvent !== undefined) kernel.cancel(this.pendingEvent);
    this.pendingEvent = undefined;
  }

  handleEvent(kind: number, _data: unknown, kernel: Kernel): void {
    this.pendingEvent = undefined;
    if (kind === KIND_EVENT) this.fire(kernel.now);
    this.scheduleNext(kernel);
  }

  /** Total event rate per model time unit at `timeNs`, cancel candidates included. */
  private totalRate(timeNs: Ns): number {
    const intensity = this.intensity.intensityAt(timeNs);
    if (intensity === 0) return 0;
    return intensity * (this.limitRateBothSides() + this.marketRateBothSides(timeNs) + this.thetaMax * this.orders.size);
  }

  private limitRateBothSides(): number {
    return 2 * this.cumulativeLimitRate[this.cumulativeLimitRate.length - 1];
  }

  private marketRateBothSides(timeNs: Ns): number {
    return 2 * this.parameters.marketRate * this.intensity.aggressionAt(timeNs);
  }

  private scheduleNext(kernel: Kernel): void {
    const now = kernel.now;
    const rate = this.totalRate(now);
    const changeNs = this.intensity.nextChangeAfter(now);
    let atNs = Number.POSITIVE_INFINITY;
    if (rate > 0) atNs = now + Math.round((-Math.log(1 - this.arrivals.next()) * this.config.timeUnitNs) / rate);
    // A rate so small that the next event lies beyond the clock's range means no event at all.
    if (atNs > Number.MAX_SAFE_INTEGER) atNs = Number.POSITIVE_INFINITY;
    if (atNs < changeNs) this.pendingEvent = kernel.schedule(atNs, this, KIND_EVENT);
    else if (changeNs !== Number.POSITIVE_INFINITY) this.pendingEvent = kernel.schedule(changeNs, this, KIND_REDRAW);
  }

  /** One event of the flow, its kind drawn in proportion to the rates in force. */
  private fire(timeNs: Ns): void {
    this.observeQuotes();
    const limit = this.limitRateBothSides();
    const market = this.marketRateBothSides(timeNs);
    const u = this.choices.next() * (limit + market + this.thetaMax * this.orders.size);
    if (u < limit) this.arriveLimit(u < limit / 2 ? 0 : 1);
    else if (u < limit + market) this.arriveMarket(u < limit + market / 2 ? 0 : 1);
    else this.cancelCandidate();
  }

  private arriveLimit(sideIndex: number): void {
    const table = this.cumulativeLimitRate;
    const u = this.choices.next() * table[table.length - 1];
    let distance = 1;
    while (distance < table.length && table[distance - 1] <= u) distance++;
    const priceTicks = sideIndex === 0 ? this.lastAskTicks - distance : this.lastBidTicks + distance;
    if (priceTicks < 1) return;
    this.placeLimit(sideIndex, priceTicks);
    this.limitOrders++;
  }

  private arriveMarket(sideIndex: number): void {
    this.book.submitMarket(this.ids.nextOrderId(), this.ownerId, SIDES[sideIndex], this.config.orderSizeShares);
    this.marketOrders++;
  }

  private cancelCandidate(): void {
    const orders = this.orders;
    const index = Math.floor(this.cancelDraws.next() * orders.size);
    const accept = this.cancelDraws.next() * this.thetaMax;
    const orderId = orders.orderId[index];
    if (this.book.leavesQtyShares(orderId) === 0) {
      orders.removeAt(index);
      return;
    }
    const priceTicks = orders.priceTicks[index];
    const distance = orders.sideIndex[index] === 0 ? this.lastAskTicks - priceTicks : priceTicks - this.lastBidTicks;
    if (accept >= cancelHazard(this.parameters, distance)) return;
    this.book.cancel(orderId, this.ownerId);
    this.cancels++;
    // A venue that queues requests (or refuses them during a failover) may still hold the order:
    // it stays on the list, to be cancelled again or dropped when next picked.
    if (this.book.leavesQtyShares(orderId) === 0) orders.removeAt(index);
  }

  private placeLimit(sideIndex: number, priceTicks: number): void {
    const orderId = this.ids.nextOrderId();
    this.book.submitLimit(orderId, this.ownerId, SIDES[sideIndex], priceTicks, this.config.orderSizeShares);
    this.orders.add(orderId, sideIndex, priceTicks);
  }

  private observeQuotes(): void {
    const bid = this.book.bestBidTicks();
    const ask = this.book.bestAskTicks();
    if (bid !== undefined) this.lastBidTicks = bid;
    if (ask !== undefined) this.lastAskTicks = ask;
  }
}
