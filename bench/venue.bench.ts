/**
 * Venue benches: the matching engine alone, and the background flow driving it on the kernel.
 *
 * `venue.book`: requests (limit adds, cancels, market orders) are generated once by the default CST
 * flow and recorded into typed arrays; the timed part replays them into a fresh book with a null
 * sink, so only the book is measured. Each replay ends in the same state hash as the recording run
 * (same work) before a rate is reported.
 * `venue.flow`: the CST flow, the book and the kernel together; a rate of flow events.
 */
import { invariant, Kernel, NS_PER_S, RandomStreams } from '../sim/index.ts';
import { OrderBook, OrderIdCounter, type Side } from '../venues/book/index.ts';
import { CST_2010_PARAMETERS, CstFlow, initialDepthOrders, type FlowBook } from '../venues/flow/index.ts';
import type { Bench } from './contract.ts';
import { bestSeconds } from './timing.ts';

const REPEATS = 5;
const REFERENCE_TICKS = 100_000;
const MAX_DISTANCE_TICKS = 10;
const BOOK_OPS = 2_000_000;
const FLOW_EVENTS = 2_000_000;

const OP_LIMIT = 0;
const OP_MARKET = 1;
const OP_CANCEL = 2;

/** Requests as the flow made them, in order. */
interface RecordedOps {
  count: number;
  kind: Uint8Array;
  orderId: Float64Array;
  ownerId: Int32Array;
  side: Uint8Array;
  priceTicks: Int32Array;
  qtyShares: Float64Array;
  finalHash: string;
}

/** Passes each request on to the book and records it. */
class RecordingBook implements FlowBook {
  readonly ops: RecordedOps;
  constructor(
    readonly book: OrderBook,
    capacity: number,
  ) {
    this.ops = {
      count: 0,
      kind: new Uint8Array(capacity),
      orderId: new Float64Array(capacity),
      ownerId: new Int32Array(capacity),
      side: new Uint8Array(capacity),
      priceTicks: new Int32Array(capacity),
      qtyShares: new Float64Array(capacity),
      finalHash: '',
    };
  }
  get full(): boolean {
    return this.ops.count === this.ops.kind.length;
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
    this.record(OP_LIMIT, orderId, ownerId, side, priceTicks, qtyShares);
    this.book.submitLimit(orderId, ownerId, side, priceTicks, qtyShares);
  }
  submitMarket(orderId: number, ownerId: number, side: Side, qtyShares: number): void {
    this.record(OP_MARKET, orderId, ownerId, side, 0, qtyShares);
    this.book.submitMarket(orderId, ownerId, side, qtyShares);
  }
  cancel(orderId: number, ownerId: number): void {
    this.record(OP_CANCEL, orderId, ownerId, 'buy', 0, 0);
    this.book.cancel(orderId, ownerId);
  }
  private record(kind: number, orderId: number, ownerId: number, side: Side, priceTicks: number, qtyShares: number): void {
    if (this.full) return;
    const ops = this.ops;
    const i = ops.count++;
    ops.kind[i] = kind;
    ops.orderId[i] = orderId;
    ops.ownerId[i] = ownerId;
    ops.side[i] = side === 'buy' ? 0 : 1;
    ops.priceTicks[i] = priceTicks;
    ops.qtyShares[i] = qtyShares;
  }
}

function newFlow(book: FlowBook, kernel: Kernel, seed: number): CstFlow {
  const flow = new CstFlow(
    { timeUnitNs: NS_PER_S, orderSizeShares: 100, maxDistanceTicks: MAX_DISTANCE_TICKS, referencePriceTicks: REFERENCE_TICKS },
    book,
    new OrderIdCounter(),
    new RandomStreams(seed),
  );
  const depth = initialDepthOrders(CST_2010_PARAMETERS, MAX_DISTANCE_TICKS);
  flow.seedSide('buy', REFERENCE_TICKS, depth);
  flow.seedSide('sell', REFERENCE_TICKS + 1, depth);
  flow.start(kernel);
  return flow;
}

/** Runs the default flow until it has made `count` requests (the seeding ones included) and keeps them. */
function recordFlowOps(count: number): RecordedOps {
  const recorder = new RecordingBook(new OrderBook(), count);
  const kernel = new Kernel();
  newFlow(recorder, kernel, 1);
  while (!recorder.full) kernel.run({ maxEvents: 1 });
  recorder.ops.finalHash = recorder.book.stateHash();
  return recorder.ops;
}

const SIDES: readonly Side[] = ['buy', 'sell'];

function replay(ops: RecordedOps): OrderBook {
  const book = new OrderBook();
  const { kind, orderId, ownerId, side, priceTicks, qtyShares } = ops;
  for (let i = 0; i < ops.count; i++) {
    const k = kind[i];
    if (k === OP_LIMIT) book.submitLimit(orderId[i], ownerId[i], SIDES[side[i]], priceTicks[i], qtyShares[i]);
    else if (k === OP_MARKET) book.submitMarket(orderId[i], ownerId[i], SIDES[side[i]], qtyShares[i]);
    else book.cancel(orderId[i], ownerId[i]);
  }
  return book;
}

function mixOf(ops: RecordedOps): string {
  const counts = [0, 0, 0];
  for (let i = 0; i < ops.count; i++) counts[ops.kind[i]]++;
  const pct = (n: number) => `${Math.round((100 * n) / ops.count)}%`;
  return `limit ${pct(counts[OP_LIMIT])}, cancel ${pct(counts[OP_CANCEL])}, market ${pct(counts[OP_MARKET])}`;
}

export const benches: Bench[] = [
  {
    name: 'venue.book',
    run() {
      const ops = recordFlowOps(BOOK_OPS);
      invariant(replay(ops).stateHash() === ops.finalHash, 'replayed book differs from the recorded run');
      const [seconds] = bestSeconds([() => void replay(ops)], REPEATS);
      return { bench: 'venue.book', opsPerSec: ops.count / seconds, note: `${ops.count} requests from the CST flow (${mixOf(ops)}), null sink` };
    },
  },
  {
    name: 'venue.flow',
    run() {
      let flow: CstFlow | undefined;
      const work = () => {
        const kernel = new Kernel();
        flow = newFlow(new OrderBook(), kernel, 2);
        invariant(kernel.run({ maxEvents: FLOW_EVENTS }).eventsRun === FLOW_EVENTS, 'the flow stopped early');
      };
      const [seconds] = bestSeconds([work], REPEATS);
      const done = flow as CstFlow | undefined;
      return {
        bench: 'venue.flow',
        eventsPerSec: FLOW_EVENTS / seconds,
        note: `CST flow + book + kernel, ${FLOW_EVENTS} events (${done?.limitOrders} limit, ${done?.marketOrders} market, ${done?.cancels} cancels; the rest thinned cancel candidates)`,
      };
    },
  },
];
