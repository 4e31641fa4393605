// A venue with one router owner trading through a FIX order-entry session (router initiator <->
// venue acceptor over the simulated link), a market maker entering liquidity straight on the venue,
// and an optional drop copy on its own link: for counterparty and drop-copy tests.
import { Constant, Kernel, RandomStreams, type Ns } from '../../../../sim/index.ts';
import type { BookEvent, Side } from '../../../../venues/book/index.ts';
import type { AppBody, BeginString, ExecutionReport, FixMessage, OrderCancelReject, TimeInForce } from '../../../../venues/fix/codec/index.ts';
import { OrderEntryCounterparty } from '../../../../venues/fix/counterparty/index.ts';
import { DropCopy, type OutageRecovery, type OutageWindow } from '../../../../venues/fix/drop-copy/index.ts';
import {
  DEFAULT_SESSION_CONFIG,
  ExponentialBackoff,
  FixSession,
  NonPersistentMessageStore,
  PersistentMessageStore,
  type SessionEvent,
} from '../../../../venues/fix/session/index.ts';
import { SimSessionEndpoint, SimulatedLink, type SimFixApplication } from '../../../../venues/fix/sim/index.ts';
import { ConstantLatency, type LatencyModel } from '../../../../venues/gateway/latency-model.ts';
import { QueueDuringTransition, type SequencedOutput, type SequencerFault, type TransitionInbound } from '../../../../venues/sequencer/index.ts';
import { Venue, type OwnerSink } from '../../../../venues/venue/index.ts';
import { testVenueConfig } from '../../venue/test-venue-config.ts';

export const US = 1_000;
export const MS = 1_000_000;
export const S = 1_000_000_000;
export const EPOCH_MS = Date.UTC(2024, 0, 2, 14, 30);
export const ROUTER = 1;
export const MAKER = 9;
export const TICK = 0.01;
export const SYMBOL = 'XYZ';
export const LINK_LATENCY_NS = 100 * US;
export const SERVICE_NS = 5 * US;

export interface Received<B extends AppBody = AppBody> {
  body: B;
  atNs: Ns;
  seq: number;
  possDup: boolean;
}

/** The router's (or drop-copy receiver's) FIX application: records what its session delivers. */
export class ReceiverApp {
  readonly received: Received[] = [];
  readonly events: { event: SessionEvent; atNs: Ns }[] = [];
  constructor(private readonly kernel: Kernel) {}
  onMessage(message: FixMessage<AppBody>): void {
    this.received.push({ body: message.body, atNs: this.kernel.now, seq: message.header.msgSeqNum, possDup: message.header.possDupFlag });
  }
  onEvent(event: SessionEvent): void {
    this.events.push({ event, atNs: this.kernel.now });
  }
  get reports(): Received<ExecutionReport>[] {
    return this.received.filter((r): r is Received<ExecutionReport> => r.body.msgType === '8');
  }
  get cancelRejects(): Received<OrderCancelReject>[] {
    return this.received.filter((r): r is Received<OrderCancelReject> => r.body.msgType === '9');
  }
  /** Reports of one order, by any ClOrdID of its chain. */
  reportsFor(...clOrdIds: string[]): ExecutionReport[] {
    return this.reports.map((r) => r.body).filter((r) => clOrdIds.includes(r.clOrdId ?? ''));
  }
}

class MakerSink implements OwnerSink {
  readonly outputs: SequencedOutput<BookEvent>[] = [];
  onOutput(output: SequencedOutput<BookEvent>): void {
    this.outputs.push(output);
  }
  onUnavailable(): void {}
}

export interface SessionPair {
  link: SimulatedLink;
  router: SimSessionEndpoint;
  venue: SimSessionEndpoint;
  app: ReceiverApp;
}

export interface WorldOptions {
  seed?: number;
  beginString?: BeginString;
  cancelOnDisconnectDelayNs?: Ns;
  /** PersistMessages on the venue's entry session (default true). */
  entryPersists?: boolean;
  linkLatencyNs?: Ns;
  sequencerFaults?: SequencerFault[];
  transitionInbound?: TransitionInbound;
  statusAnswersPerSec?: number;
  acceptsMassStatus?: boolean;
  dropCopy?: { lag: LatencyModel; outages?: OutageWindow[]; recovery: OutageRecovery; persists?: boolean; linkLatencyNs?: Ns };
}

export function buildWorld(options: WorldOptions = {}) {
  const kernel = new Kernel();
  const streams = new RandomStreams(options.seed ?? 1);
  const beginString = options.beginString ?? 'FIX.4.4';
  const venue = new Venue(
    kernel,
    testVenueConfig(streams, {
      sequencer: { serviceTimeNs: new Constant(SERVICE_NS), transitionInbound: options.transitionInbound ?? QueueDuringTransition, faults: options.sequencerFaults ?? [] },
    }),
  );
  const maker = new MakerSink();
  venue.connect(MAKER, maker);
  const counterparty = new OrderEntryCounterparty(kernel, venue, {
    ownerId: ROUTER,
    symbol: SYMBOL,
    tickSize: TICK,
    beginString,
    epochUtcMs: EPOCH_MS,
    cancelOnDisconnectDelayNs: options.cancelOnDisconnectDelayNs,
    statusAnswersPerSec: options.statusAnswersPerSec,
    acceptsMassStatus: options.acceptsMassStatus,
  });

  let pairs = 0;
  /** A fresh pair of sessions (fresh stores, sequence numbers at 1) on a fresh link. */
  const sessionPair = (name: string, app: SimFixApplication, persists: boolean, latencyNs: Ns): SessionPair => {
    pairs++;
    const link = new SimulatedLink(kernel, {
      latencyNs: new Constant(latencyNs),
      latencyRng: streams.get(`${name}.${pairs}.latency`),
      lossRng: streams.get(`${name}.${pairs}.loss`),
      connectDelayNs: 1 * MS,
    });
    const base = { ...DEFAULT_SESSION_CONFIG, beginString, epochUtcMs: EPOCH_MS };
    const routerSession = new FixSession(
      { ...base, role: 'initiator', senderCompId: 'ROUTER', targetCompId: name, reconnect: new ExponentialBackoff(50 * MS, 50 * MS) },
      new PersistentMessageStore(),
    );
    const venueSession = new FixSession({ ...base, role: 'acceptor', senderCompId: name, targetCompId: 'ROUTER' }, persists ? new PersistentMessageStore() : new NonPersistentMessageStore());
    const receiver = new ReceiverApp(kernel);
    const router = new SimSessionEndpoint(kernel, routerSession, link, 0, receiver);
    const venueEnd = new SimSessionEndpoint(kernel, venueSession, link, 1, app);
    return { link, router, venue: venueEnd, app: receiver };
  };

  let entry = sessionPair('VENUE', counterparty, options.entryPersists ?? true, options.linkLatencyNs ?? LINK_LATENCY_NS);
  counterparty.beginTradingSession(entry.venue);

  let dropCopy: DropCopy | undefined;
  let drop: SessionPair | undefined;
  if (options.dropCopy !== undefined) {
    const config = options.dropCopy;
    dropCopy = new DropCopy(kernel, { lag: config.lag, lagRng: streams.get('dropcopy.lag'), outages: config.outages ?? [], recovery: config.recovery });
    dropCopy.cover(counterparty);
    drop = sessionPair('DROPCOPY', dropCopy, config.persists ?? true, config.linkLatencyNs ?? LINK_LATENCY_NS);
    dropCopy.beginTradingSession(drop.venue);
  }

  venue.start();
  entry.router.start();
  drop?.router.start();

  let clOrdIds = 0;
  const world = {
    kernel,
    venue,
    counterparty,
    maker,
    get entry(): SessionPair {
      return entry;
    },
    get drop(): SessionPair {
      if (drop === undefined) throw new Error('no drop copy in this world');
      return drop;
    },
    get dropCopy(): DropCopy {
      if (dropCopy === undefined) throw new Error('no drop copy in this world');
      return dropCopy;
    },
    /** Runs `action` at `atNs` (simulated time). */
    at(atNs: Ns, action: () => void): void {
      kernel.schedule(atNs, action);
    },
    run(untilNs: Ns): void {
      kernel.run({ until: untilNs });
    },
    /** Liquidity from the market maker, entered on the venue directly. */
    makerLimit(side: Side, priceTicks: number, qtyShares: number): number {
      const orderId = venue.nextOrderId();
      venue.submitLimit(orderId, MAKER, side, priceTicks, qtyShares);
      return orderId;
    },
    newOrder(order: { clOrdId?: string; side: Side; price?: number; qty: number; ordType?: '1' | '2'; tif?: TimeInForce; symbol?: string }): string {
      const clOrdId = order.clOrdId ?? `C${++clOrdIds}`;
      entry.router.send({
        msgType: 'D',
        clOrdId,
        handlInst: '1',
        side: order.side === 'buy' ? '1' : '2',
        symbol: order.symbol ?? SYMBOL,
        orderQty: order.qty,
        ordType: order.ordType ?? '2',
        price: order.price,
        timeInForce: order.tif,
        transactTime: '20240102-14:30:00',
      });
      return clOrdId;
    },
    cancel(origClOrdId: string, side: Side, clOrdId = `C${++clOrdIds}`): string {
      entry.router.send({ msgType: 'F', clOrdId, origClOrdId, side: side === 'buy' ? '1' : '2', symbol: SYMBOL, transactTime: '20240102-14:30:00' });
      return clOrdId;
    },
    replace(origClOrdId: string, side: Side, price: number, qty: number, clOrdId = `C${++clOrdIds}`): string {
      entry.router.send({
        msgType: 'G',
        clOrdId,
        origClOrdId,
        handlInst: '1',
        side: side === 'buy' ? '1' : '2',
        symbol: SYMBOL,
        ordType: '2',
        price,
        orderQty: qty,
        transactTime: '20240102-14:30:00',
      });
      return clOrdId;
    },
    status(clOrdId: string, side: Side): void {
      entry.router.send({ msgType: 'H', clOrdId, side: side === 'buy' ? '1' : '2', symbol: SYMBOL });
    },
    /** OrderMassCancelRequest: all orders (7), or the security's (1, Symbol given unless `symbol` is null). */
    massCancel(clOrdId: string, type: '1' | '7', options: { side?: Side; symbol?: string | null } = {}): void {
      const symbol = options.symbol === null ? undefined : (options.symbol ?? (type === '1' ? SYMBOL : undefined));
      const side = options.side === undefined ? undefined : options.side === 'buy' ? '1' : '2';
      entry.router.send({ msgType: 'q', clOrdId, massCancelRequestType: type, symbol, side, transactTime: '20240102-14:30:00' });
    },
    massStatus(massStatusReqId: string, options: { side?: Side; symbol?: string } = {}): void {
      const side = options.side === undefined ? undefined : options.side === 'buy' ? '1' : '2';
      entry.router.send({ msgType: 'AF', massStatusReqId, massStatusReqType: options.symbol === undefined ? 7 : 1, symbol: options.symbol, side });
    },
    /** Cuts the entry link at this instant and refuses reconnects for `downNs`. */
    cutEntry(downNs: Ns): void {
      entry.link.refuseConnectionsUntil(kernel.now + downNs);
      entry.link.disconnect();
    },
    /** Ends the trading session: a fresh session pair, bound to the counterparty, the router logging on at seq 1. */
    newTradingSession(): SessionPair {
      entry = sessionPair('VENUE', counterparty, options.entryPersists ?? true, options.linkLatencyNs ?? LINK_LATENCY_NS);
      counterparty.beginTradingSession(entry.venue);
      entry.router.start();
      return entry;
    },
    /** Venue truth: the owner's fills per order id, from the sequencer's journal. */
    venueFillsByOrder(ownerId = ROUTER): Map<number, number> {
      const fills = new Map<number, number>();
      for (const entryRecord of venue.sequencer.journal.entries) {
        for (const output of entryRecord.outputs) {
          const event = output.payload;
          if (event.type !== 'fill') continue;
          if (event.makerOwnerId === ownerId) fills.set(event.makerOrderId, (fills.get(event.makerOrderId) ?? 0) + event.qtyShares);
          if (event.takerOwnerId === ownerId) fills.set(event.takerOrderId, (fills.get(event.takerOrderId) ?? 0) + event.qtyShares);
        }
      }
      return fills;
    },
  };
  return world;
}

export type World = ReturnType<typeof buildWorld>;

export const CONSTANT = (ns: Ns): LatencyModel => new ConstantLatency(ns);
export const isTrade = (r: ExecutionReport): boolean => r.execType === 'F' || r.execType === '1' || r.execType === '2';
