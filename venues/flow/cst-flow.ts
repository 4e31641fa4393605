/**
 * The default background order flow: Cont, Stoikov & Talreja (2010), see cst-parameters.ts and
 * VALIDATION.md "Order book flow". On each side, limit orders of one unit arrive at distance i ticks
 * from the opposite best quote at rate lambda(i) = k / i^alpha (i = 1..maxDistanceTicks), market
 * orders of one unit at rate mu, and each of the flow's resting orders at distance i cancels at
 * hazard theta(i). The mid price is whatever the book's best quotes become.
 *
 * Simulation: three independent Poisson processes, each its own random stream and one pending kernel
 * event (hazard-clock.ts): limit arrivals at intensity(t) x 2 sum_i lambda(i), market orders at
 * intensity(t) x 2 mu aggression(t), and cancel candidates at intensity(t) x theta_max N, where N
 * counts the orders the flow believes rest. Their superposition is the model's process exactly; kept
 * apart, the market's arrivals do not depend on anything the router does, so an incident run and its
 * control run (same seed) see the same limit and market orders at the same times and differ only by
 * the router's real effect on the book (DESIGN.md principles 4 and 5). A single Gillespie loop over
 * the total rate, as before, let one changed N reshuffle every later event of the market.
 * A cancel candidate picks one of the N uniformly and goes ahead with probability theta(i) / theta_max
 * at its current distance i (thinning), so the per-order hazard is exactly theta(i); orders that
 * filled or were cancelled by someone else are dropped when picked (hazard 0, which thinning allows).
 * N only grows by the flow's own limit orders, so the bound stays valid between events without being
 * told about fills. At a change of the intensity profile, or of N, the clocks are rescaled, not redrawn.
 *
 * Halts: real participants stop sending orders into a venue that has stopped answering. `pause` (the
 * venue assembly calls it when participants notice the venue has gone silent) stops all three
 * processes; `resume` restarts them where they were (memorylessness makes that exact).
 * Leaves out: order sizes other than one unit, self-trade prevention (flow market orders hit flow
 * orders, as in the model), any reaction to router orders beyond their effect on the best quotes.
 * When a side is empty, distances are taken from that side's last known best quote.
 *
 * Units: `timeUnitNs` ns of simulation time per model time unit; `orderSizeShares` shares per model
 * unit of size; prices in ticks. Random streams: `<prefix>.limits` (times, side, distance),
 * `<prefix>.markets` (times, side), `<prefix>.cancels` (times, which order, the thinning draw).
 */
import { invariant, type EventHandler, type Kernel, type Ns, type RandomStream, type RandomStreams } from '../../sim/index.ts';
import { HazardClock } from './hazard-clock.ts';
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
const KIND_LIMIT = 0;
const KIND_MARKET = 1;
const KIND_CANCEL = 2;
const KIND_PROFILE_CHANGE = 3;

export class CstFlow implements EventHandler {
  readonly ownerId: number;
  private readonly orders = new FlowOrders();
  /** Counts of what the flow has done, for reports and benches. */
  limitOrders = 0;
  marketOrders = 0;
  cancels = 0;

  private readonly parameters: CstParameters;
  private readonly intensity: IntensityProfile;
  private readonly limitDraws: RandomStream;
  private readonly marketDraws: RandomStream;
  private readonly cancelDraws: RandomStream;
  private readonly limitClock: HazardClock;
  private readonly marketClock: HazardClock;
  private readonly cancelClock: HazardClock;
  /** Cumulative lambda(1..i) per side, for choosing a distance; its last entry is the side's limit rate. */
  private readonly cumulativeLimitRate: Float64Array;
  private readonly thetaMax: number;
  private lastBidTicks: number;
  private lastAskTicks: number;
  private kernel: Kernel | undefined;
  private profileEvent: number | undefined;
  private paused = false;

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
    this.limitDraws = streams.get(`${prefix}.limits`);
    this.marketDraws = streams.get(`${prefix}.markets`);
    this.cancelDraws = streams.get(`${prefix}.cancels`);
    this.limitClock = new HazardClock(this, KIND_LIMIT, this.limitDraws, config.timeUnitNs);
    this.marketClock = new HazardClock(this, KIND_MARKET, this.marketDraws, config.timeUnitNs);
    this.cancelClock = new HazardClock(this, KIND_CANCEL, this.cancelDraws, config.timeUnitNs);
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

  /** Whether the flow is paused (participants have stopped sending to a silent venue). */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Starts the flow's three processes; each then keeps one event pending until `stop`. */
  start(kernel: Kernel): void {
    invariant(this.kernel === undefined, 'the flow is already running');
    this.kernel = kernel;
    this.observeQuotes();
    this.limitClock.arm(kernel, this.limitRate(kernel.now));
    this.marketClock.arm(kernel, this.marketRate(kernel.now));
    this.cancelClock.arm(kernel, this.cancelRate(kernel.now));
    this.scheduleProfileChange(kernel);
  }

  stop(kernel: Kernel): void {
    this.limitClock.stop(kernel);
    this.marketClock.stop(kernel);
    this.cancelClock.stop(kernel);
    if (this.profileEvent !== undefined) kernel.cancel(this.profileEvent);
    this.profileEvent = undefined;
    this.kernel = undefined;
  }

  /** Participants stop sending orders (and cancels) until `resume`. */
  pause(): void {
    if (this.paused || this.kernel === undefined) return;
    this.paused = true;
    this.refreshRates(this.kernel);
  }

  resume(): void {
    if (!this.paused || this.kernel === undefined) return;
    this.paused = false;
    this.refreshRates(this.kernel);
  }

  handleEvent(kind: number, _data: unknown, kernel: Kernel): void {
    const now = kernel.now;
    this.observeQuotes();
    switch (kind) {
      case KIND_LIMIT:
        this.arriveLimit();
        this.limitClock.arm(kernel, this.limitRate(now));
        return;
      case KIND_MARKET:
        this.arriveMarket();
        this.marketClock.arm(kernel, this.marketRate(now));
        return;
      case KIND_CANCEL:
        this.cancelCandidate();
        this.cancelClock.arm(kernel, this.cancelRate(now));
        return;
      case KIND_PROFILE_CHANGE:
        this.profileEvent = undefined;
        this.refreshRates(kernel);
        this.scheduleProfileChange(kernel);
        return;
      default:
        invariant(false, () => `CST flow got unknown event kind ${kind}`);
    }
  }

  private limitRate(timeNs: Ns): number {
    return this.paused ? 0 : this.intensity.intensityAt(timeNs) * 2 * this.cumulativeLimitRate[this.cumulativeLimitRate.length - 1];
  }

  private marketRate(timeNs: Ns): number {
    return this.paused ? 0 : this.intensity.intensityAt(timeNs) * 2 * this.parameters.marketRate * this.intensity.aggressionAt(timeNs);
  }

  private cancelRate(timeNs: Ns): number {
    return this.paused ? 0 : this.intensity.intensityAt(timeNs) * this.thetaMax * this.orders.size;
  }

  private refreshRates(kernel: Kernel): void {
    const now = kernel.now;
    this.limitClock.setRate(kernel, this.limitRate(now));
    this.marketClock.setRate(kernel, this.marketRate(now));
    this.cancelClock.setRate(kernel, this.cancelRate(now));
  }

  private scheduleProfileChange(kernel: Kernel): void {
    const changeNs = this.intensity.nextChangeAfter(kernel.now);
    if (changeNs !== Number.POSITIVE_INFINITY) this.profileEvent = kernel.schedule(changeNs, this, KIND_PROFILE_CHANGE);
  }

  private arriveLimit(): void {
    const sideIndex = this.limitDraws.next() < 0.5 ? 0 : 1;
    const table = this.cumulativeLimitRate;
    const u = this.limitDraws.next() * table[table.length - 1];
    let distance = 1;
    while (distance < table.length && table[distance - 1] <= u) distance++;
    const priceTicks = sideIndex === 0 ? this.lastAskTicks - distance : this.lastBidTicks + distance;
    if (priceTicks < 1) return;
    this.placeLimit(sideIndex, priceTicks);
    this.limitOrders++;
  }

  private arriveMarket(): void {
    const sideIndex = this.marketDraws.next() < 0.5 ? 0 : 1;
    this.book.submitMarket(this.ids.nextOrderId(), this.ownerId, SIDES[sideIndex], this.config.orderSizeShares);
    this.marketOrders++;
  }

  private cancelCandidate(): void {
    const orders = this.orders;
    if (orders.size === 0) return;
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
    // N grew: the cancel candidates' clock speeds up (seeding before the start has no clock to touch).
    if (this.kernel !== undefined) this.cancelClock.setRate(this.kernel, this.cancelRate(this.kernel.now));
  }

  private observeQuotes(): void {
    const bid = this.book.bestBidTicks();
    const ask = this.book.bestAskTicks();
    if (bid !== undefined) this.lastBidTicks = bid;
    if (ask !== undefined) this.lastAskTicks = ask;
  }
}
