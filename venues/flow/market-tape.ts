/**
 * A market tape: the background market of one seed, drawn once and replayed into every run of that
 * seed (incident, control, oracle, every policy), so that they all face the same market and differ only
 * by what our own orders did (DESIGN.md principle 4; docs/MARKET-MODEL.md "common random numbers that hold").
 *
 * It is the record of a background flow run on a book of its own, with no router in it: every limit
 * order (time, side, price, quantity, its own id), every market order (time, side, quantity) and every
 * cancel (time, which order). A run replays it (tape-replay.ts) into the venue's real book, where our
 * orders queue among the tape's orders with price-time priority; the tape's prices are shifted by our
 * impact (venues/market) when they are placed.
 *
 * Every limit order on the tape has an end: its cancel, or, when the tape's own market orders filled it,
 * a "ghost" cancel drawn at the moment of that fill from the cancel hazard it had then. In a run our
 * order may take that fill instead, and the order then lives on until its ghost cancel, never forever:
 * that is what keeps a run's book within a few order lifetimes of the tape, whatever we did.
 *
 * The tape also keeps its own best quotes after every event and the volume traded so far: the
 * exogenous mid against which our impact is measured, and the market's own sigma and volume.
 * Units: times in ns, prices in ticks, quantities in shares. Order ids are the tape's own.
 */
import { invariant, type Ns } from '../../sim/index.ts';
import { grownFloat64, grownInt32, grownUint8 } from '../book/typed-arrays.ts';

export const TAPE_LIMIT = 0;
const TAPE_MARKET = 1;
export const TAPE_CANCEL = 2;

const INITIAL_CAPACITY = 4096;

export class MarketTape {
  constructor(
    /** Event times, non-decreasing. */
    readonly timeNs: Float64Array,
    /** TAPE_LIMIT, TAPE_MARKET or TAPE_CANCEL. */
    readonly kind: Uint8Array,
    /** 0 buy, 1 sell (limit and market orders). */
    readonly sideIndex: Uint8Array,
    /** Limit price in the tape's own ticks; 0 for other kinds. */
    readonly priceTicks: Int32Array,
    readonly qtyShares: Int32Array,
    /** The tape's id of the limit order placed or cancelled; -1 for a market order. */
    readonly orderId: Int32Array,
    /**
     * A uniform draw per event in [0, 1), fixed by the tape: a run places a limit order at
     * floor(tape price + shift + dither), so a fractional shift moves that share of the orders one tick,
     * the same orders in every run (the book's mid then follows a fractional shift on average).
     */
    readonly dither: Float64Array,
    /** One more than the largest tape order id. */
    readonly orderIdBound: number,
    private readonly quoteTimesNs: Float64Array,
    private readonly quoteBidTicks: Int32Array,
    private readonly quoteAskTicks: Int32Array,
    private readonly tradedTimesNs: Float64Array,
    private readonly tradedCumulativeShares: Float64Array,
  ) {}

  get length(): number {
    return this.timeNs.length;
  }

  /** The tape book's mid at `timeNs` (after the events at that instant); NaN before its first two-sided quote. */
  midTicksAt(timeNs: Ns): number {
    const i = lastAtOrBefore(this.quoteTimesNs, timeNs);
    return i < 0 ? Number.NaN : (this.quoteBidTicks[i] + this.quoteAskTicks[i]) / 2;
  }

  /** Shares traded on the tape in (fromNs, toNs]. */
  tradedSharesBetween(fromNs: Ns, toNs: Ns): number {
    return this.cumulativeTradedAt(toNs) - this.cumulativeTradedAt(fromNs);
  }

  private cumulativeTradedAt(timeNs: Ns): number {
    const i = lastAtOrBefore(this.tradedTimesNs, timeNs);
    return i < 0 ? 0 : this.tradedCumulativeShares[i];
  }
}

/** The index of the last entry <= t in a sorted array, or -1. */
function lastAtOrBefore(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Collects a tape as a flow runs: the flow's own events in time order, ghost cancels (drawn for a later
 * time) apart; `build` sorts the few ghosts and merges them in, after the flow's events at the same instant.
 */
export class MarketTapeBuilder {
  private timeNs = new Float64Array(INITIAL_CAPACITY);
  private kind = new Uint8Array(INITIAL_CAPACITY);
  private sideIndex = new Uint8Array(INITIAL_CAPACITY);
  private priceTicks = new Int32Array(INITIAL_CAPACITY);
  private qtyShares = new Int32Array(INITIAL_CAPACITY);
  private orderId = new Int32Array(INITIAL_CAPACITY);
  private dither = new Float64Array(INITIAL_CAPACITY);
  private count = 0;
  private orderIdBound = 0;
  private readonly ghostTimesNs: number[] = [];
  private readonly ghostOrderIds: number[] = [];
  private readonly bids = new SeriesBuilder();
  private readonly asks = new SeriesBuilder();
  private readonly traded = new SeriesBuilder();
  private tradedShares = 0;
  private lastBid = Number.NaN;
  private lastAsk = Number.NaN;

  limit(atNs: Ns, sideIndex: number, priceTicks: number, qtyShares: number, orderId: number, dither: number): void {
    this.push(atNs, TAPE_LIMIT, sideIndex, priceTicks, qtyShares, orderId, dither);
    this.orderIdBound = Math.max(this.orderIdBound, orderId + 1);
  }

  market(atNs: Ns, sideIndex: number, qtyShares: number): void {
    this.push(atNs, TAPE_MARKET, sideIndex, 0, qtyShares, -1, 0);
  }

  cancel(atNs: Ns, orderId: number): void {
    this.push(atNs, TAPE_CANCEL, 0, 0, 0, orderId, 0);
  }

  /** The end of an order the tape's market orders filled, for a run in which it survived (cst-tape.ts). */
  ghostCancel(atNs: Ns, orderId: number): void {
    invariant(Number.isSafeInteger(atNs), () => `ghost cancel time must be an integer ns, got ${atNs}`);
    this.ghostTimesNs.push(atNs);
    this.ghostOrderIds.push(orderId);
  }

  /** The tape book's quotes after an event (recorded only when they change). */
  quote(atNs: Ns, bidTicks: number | undefined, askTicks: number | undefined): void {
    if (bidTicks === undefined || askTicks === undefined) return;
    if (bidTicks === this.lastBid && askTicks === this.lastAsk) return;
    this.lastBid = bidTicks;
    this.lastAsk = askTicks;
    this.bids.push(atNs, bidTicks);
    this.asks.push(atNs, askTicks);
  }

  trade(atNs: Ns, qtyShares: number): void {
    this.tradedShares += qtyShares;
    this.traded.push(atNs, this.tradedShares);
  }

  build(): MarketTape {
    const ghosts = this.ghostTimesNs.map((_, i) => i).sort((a, b) => this.ghostTimesNs[a] - this.ghostTimesNs[b] || a - b);
    const n = this.count + ghosts.length;
    const tape = {
      timeNs: new Float64Array(n),
      kind: new Uint8Array(n),
      sideIndex: new Uint8Array(n),
      priceTicks: new Int32Array(n),
      qtyShares: new Int32Array(n),
      orderId: new Int32Array(n),
      dither: new Float64Array(n),
    };
    let own = 0;
    let ghost = 0;
    for (let i = 0; i < n; i++) {
      if (ghost < ghosts.length && (own === this.count || this.ghostTimesNs[ghosts[ghost]] < this.timeNs[own])) {
        const g = ghosts[ghost++];
        tape.timeNs[i] = this.ghostTimesNs[g];
        tape.kind[i] = TAPE_CANCEL;
        tape.orderId[i] = this.ghostOrderIds[g];
        continue;
      }
      tape.timeNs[i] = this.timeNs[own];
      tape.kind[i] = this.kind[own];
      tape.sideIndex[i] = this.sideIndex[own];
      tape.priceTicks[i] = this.priceTicks[own];
      tape.qtyShares[i] = this.qtyShares[own];
      tape.orderId[i] = this.orderId[own];
      tape.dither[i] = this.dither[own];
      own++;
    }
    return new MarketTape(
      tape.timeNs,
      tape.kind,
      tape.sideIndex,
      tape.priceTicks,
      tape.qtyShares,
      tape.orderId,
      tape.dither,
      this.orderIdBound,
      this.bids.times(),
      Int32Array.from(this.bids.values()),
      Int32Array.from(this.asks.values()),
      this.traded.times(),
      Float64Array.from(this.traded.values()),
    );
  }

  private push(atNs: Ns, kind: number, sideIndex: number, priceTicks: number, qtyShares: number, orderId: number, dither: number): void {
    invariant(Number.isSafeInteger(atNs) && atNs >= (this.count > 0 ? this.timeNs[this.count - 1] : 0), () => `tape events must come in time order (integer ns), got ${atNs}`);
    if (this.count === this.timeNs.length) {
      const capacity = this.count * 2;
      this.timeNs = grownFloat64(this.timeNs, capacity);
      this.kind = grownUint8(this.kind, capacity);
      this.sideIndex = grownUint8(this.sideIndex, capacity);
      this.priceTicks = grownInt32(this.priceTicks, capacity);
      this.qtyShares = grownInt32(this.qtyShares, capacity);
      this.orderId = grownInt32(this.orderId, capacity);
      this.dither = grownFloat64(this.dither, capacity);
    }
    const i = this.count++;
    this.timeNs[i] = atNs;
    this.kind[i] = kind;
    this.sideIndex[i] = sideIndex;
    this.priceTicks[i] = priceTicks;
    this.qtyShares[i] = qtyShares;
    this.orderId[i] = orderId;
    this.dither[i] = dither;
  }
}

/** A time series in time order, a later point at the same instant replacing the earlier one. */
class SeriesBuilder {
  private readonly t: number[] = [];
  private readonly v: number[] = [];
  push(atNs: Ns, value: number): void {
    const last = this.t.length - 1;
    if (last >= 0 && this.t[last] === atNs) this.v[last] = value;
    else {
      this.t.push(atNs);
      this.v.push(value);
    }
  }
  times(): Float64Array {
    return Float64Array.from(this.t);
  }
  values(): number[] {
    return this.v;
  }
}
