// A failover gateway pair on the real venue: the venue's book through its sequencer, a market maker
// on the venue directly, the firm's order-entry counterparty behind two acceptor session identities
// (the primary's GW and the backup's own GWB), the gateway's two link slots, an optional drop copy
// whose router-side receiver feeds the pair, and a recording router.
import { Constant, Kernel, NS_PER_MS, NS_PER_S, NS_PER_US, RandomStreams, type Ns } from '../../../../sim/index.ts';
import type { LocalOrderBook } from '../../../../harness/router/local-order-book.ts';
import type { BookEvent } from '../../../../venues/book/index.ts';
import type { AppBody, ExecutionReport, FixMessage } from '../../../../venues/fix/codec/index.ts';
import { OrderEntryCounterparty } from '../../../../venues/fix/counterparty/index.ts';
import { CatchUpAfterOutage, DropCopy } from '../../../../venues/fix/drop-copy/index.ts';
import { DEFAULT_SESSION_CONFIG, ExponentialBackoff, FixSession, PersistentMessageStore, type SessionEvent } from '../../../../venues/fix/session/index.ts';
import { SimSessionEndpoint, SimulatedLink, type SimFixApplication } from '../../../../venues/fix/sim/index.ts';
import type { FailoverEvent } from '../../../../venues/gateway/failover/failover-events.ts';
import { FailoverGateway, type FailoverGatewayConfig } from '../../../../venues/gateway/failover/failover-gateway.ts';
import { ConnectionResetDetector, HeartbeatTimeoutDetector } from '../../../../venues/gateway/failover/failure-detector.ts';
import { StatusRequestRecovery } from '../../../../venues/gateway/failover/state-recovery.ts';
import { OwnSessionLogon, SharedStoreResume, type VenueConnection } from '../../../../venues/gateway/failover/takeover-design.ts';
import { VenueLinkSlot } from '../../../../venues/gateway/failover/venue-link-slot.ts';
import { ConstantLatency } from '../../../../venues/gateway/latency-model.ts';
import type { GatewayRejection } from '../../../../venues/gateway/node/node-listener.ts';
import { FirmSessions } from '../../../../venues/gateway/venue-adapter/firm-sessions.ts';
import { NoWarmup } from '../../../../venues/gateway/warmup/warmup-curve.ts';
import type { SequencedOutput } from '../../../../venues/sequencer/index.ts';
import { Venue, type OwnerSink } from '../../../../venues/venue/index.ts';
import { testVenueConfig } from '../../venue/test-venue-config.ts';

export const EPOCH_MS = Date.UTC(2024, 0, 2, 14, 30);
export const SYMBOL = 'XYZ';
export const ROUTER_OWNER = 1;
export const MAKER = 9;
export const BID_TICKS = 10_000;
export const BID_PRICE = 100;
export const LINK_LATENCY_NS = 100 * NS_PER_US;
export const CONNECT_DELAY_NS = 1 * NS_PER_MS;
export const HEART_BT_INT_SEC = 30;
export const CONTROLLER_HEARTBEAT_NS = 1 * NS_PER_S;
export const MISSED_HEARTBEATS = 3;
export const RESET_NOTICE_NS = 1 * NS_PER_MS;
export const PROMOTION_NS = 100 * NS_PER_MS;
export const RECONNECT_INITIAL_NS = 10 * NS_PER_MS;
export const RECOVERY_DEADLINE_NS = 30 * NS_PER_S;
export const SERVICE_NS = 20 * NS_PER_US;
export const INBOUND_NS = 50 * NS_PER_US;
export const RETURN_NS = 50 * NS_PER_US;

class MakerSink implements OwnerSink {
  onOutput(_output: SequencedOutput<BookEvent>): void {}
  onUnavailable(): void {}
}

/** The router: records what the pair tells it, with times, and feeds its local order book when it has one. */
export class RecordingRouter {
  readonly messages: { message: FixMessage<AppBody>; atNs: Ns }[] = [];
  readonly events: FailoverEvent[] = [];
  readonly rejections: GatewayRejection<AppBody>[] = [];
  readonly dropCopy: { report: ExecutionReport; atNs: Ns }[] = [];
  book: LocalOrderBook | undefined;
  constructor(private readonly kernel: Kernel) {}
  onMessage(message: FixMessage<AppBody>): void {
    this.messages.push({ message, atNs: this.kernel.now });
    const body = message.body;
    if (body.msgType === '8') this.book?.onExecutionReport(body, 'entry', this.kernel.now);
    else if (body.msgType === '9') this.book?.onCancelReject(body, this.kernel.now);
  }
  onDropCopy(report: ExecutionReport): void {
    this.dropCopy.push({ report, atNs: this.kernel.now });
    this.book?.onExecutionReport(report, 'drop-copy', this.kernel.now);
  }
  onRejected(rejection: GatewayRejection<AppBody>): void {
    this.rejections.push(rejection);
  }
  onEvent(event: FailoverEvent): void {
    this.events.push(event);
    if (event.type === 'failure-detected') this.book?.onSessionDown('pair1');
  }
  eventTypes(): string[] {
    return this.events.map((event) => event.type);
  }
}

export interface WorldOptions {
  seed?: number;
  design?: 'shared-store' | 'own-session';
  dropCopy?: boolean;
  config?: Partial<FailoverGatewayConfig>;
}

export function buildWorld(options: WorldOptions = {}) {
  const kernel = new Kernel();
  const streams = new RandomStreams(options.seed ?? 1);
  const venue = new Venue(kernel, testVenueConfig(streams, { sequencer: { heartbeatIntervalNs: 100 * NS_PER_MS }, feed: { heartbeatIntervalNs: 100 * NS_PER_MS } }));
  venue.connect(MAKER, new MakerSink());
  const counterparty = new OrderEntryCounterparty(kernel, venue, {
    ownerId: ROUTER_OWNER,
    symbol: SYMBOL,
    tickSize: 0.01,
    beginString: 'FIX.4.4',
    epochUtcMs: EPOCH_MS,
    cancelOnDisconnectDelayNs: undefined,
  });
  const firm = new FirmSessions(counterparty);
  counterparty.beginTradingSession(firm);
  // Truth: every order id the counterparty reported on, for the audit.
  const venueOrderIds = new Set<number>();
  counterparty.addListener({ onExecutionReport: (report) => report.orderId !== 'NONE' && venueOrderIds.add(Number(report.orderId)) });

  const base = { ...DEFAULT_SESSION_CONFIG, beginString: 'FIX.4.4' as const, epochUtcMs: EPOCH_MS, heartBtIntSec: HEART_BT_INT_SEC };
  const link = (name: string) =>
    new SimulatedLink(kernel, { latencyNs: new Constant(LINK_LATENCY_NS), latencyRng: streams.get(`${name}.latency`), lossRng: streams.get(`${name}.loss`), connectDelayNs: CONNECT_DELAY_NS });

  // The venue side's session events, with times (the venue's view of each gateway identity).
  const venueEvents: { compId: string; event: SessionEvent; atNs: Ns }[] = [];
  /** One session identity: the venue's acceptor bound to the firm, and the gateway's initiator session and slot. */
  const identity = (compId: string): VenueConnection & { venueSide: FixSession } => {
    const wire = link(`link.${compId}`);
    const venueSide = new FixSession({ ...base, role: 'acceptor', senderCompId: 'VENUE', targetCompId: compId }, new PersistentMessageStore());
    const app = firm.application(compId);
    const recorded: SimFixApplication = {
      onMessage: (message, endpoint) => app.onMessage(message, endpoint),
      onEvent: (event, endpoint) => {
        venueEvents.push({ compId, event, atNs: kernel.now });
        app.onEvent?.(event, endpoint);
      },
    };
    firm.bind(compId, new SimSessionEndpoint(kernel, venueSide, wire, 1, recorded));
    const session = new FixSession({ ...base, role: 'initiator', senderCompId: compId, targetCompId: 'VENUE', reconnect: new ExponentialBackoff(RECONNECT_INITIAL_NS, 1 * NS_PER_S) }, new PersistentMessageStore());
    return { session, slot: new VenueLinkSlot(kernel, wire, CONNECT_DELAY_NS), venueSide };
  };
  const primary = identity('GW');
  const backupOwn = identity('GWB');

  const router = new RecordingRouter(kernel);
  const gateway = new FailoverGateway(
    kernel,
    {
      pairId: 'pair1',
      primaryId: 'gw1',
      backupId: 'gw2',
      symbol: SYMBOL,
      epochUtcMs: EPOCH_MS,
      nodeModels: {
        serviceTime: new ConstantLatency(SERVICE_NS),
        warmup: new NoWarmup(),
        inboundLatency: new ConstantLatency(INBOUND_NS),
        wireLatency: new ConstantLatency(0),
        returnLatency: new ConstantLatency(RETURN_NS),
        bootLatency: new ConstantLatency(0),
        sessionLogonLatency: new ConstantLatency(0),
      },
      primary,
      design: options.design === 'own-session' ? new OwnSessionLogon(backupOwn) : new SharedStoreResume(),
      detectors: [new HeartbeatTimeoutDetector(CONTROLLER_HEARTBEAT_NS, MISSED_HEARTBEATS), new ConnectionResetDetector(new ConstantLatency(RESET_NOTICE_NS))],
      promotionLatency: new ConstantLatency(PROMOTION_NS),
      recovery: new StatusRequestRecovery(),
      recoveryDeadlineNs: RECOVERY_DEADLINE_NS,
      ...options.config,
    },
    streams,
    router,
  );

  let dropCopy: DropCopy | undefined;
  if (options.dropCopy === true) {
    dropCopy = new DropCopy(kernel, { lag: new ConstantLatency(1 * NS_PER_MS), lagRng: streams.get('dropcopy.lag'), outages: [], recovery: new CatchUpAfterOutage() });
    dropCopy.cover(counterparty);
    const wire = link('link.DROP');
    const venueSide = new FixSession({ ...base, role: 'acceptor', senderCompId: 'DROP', targetCompId: 'ROUTER' }, new PersistentMessageStore());
    dropCopy.beginTradingSession(new SimSessionEndpoint(kernel, venueSide, wire, 1, dropCopy));
    const routerSide = new FixSession({ ...base, role: 'initiator', senderCompId: 'ROUTER', targetCompId: 'DROP', reconnect: new ExponentialBackoff(100 * NS_PER_MS, 1 * NS_PER_S) }, new PersistentMessageStore());
    const receiver = new SimSessionEndpoint(kernel, routerSide, wire, 0, {
      onMessage: (message) => {
        if (message.body.msgType !== '8') return;
        router.onDropCopy(message.body);
        gateway.onDropCopyReport(message.body);
      },
    });
    receiver.start();
  }

  venue.start();
  gateway.start();

  let orders = 0;
  const world = {
    kernel,
    venue,
    counterparty,
    firm,
    gateway,
    router,
    primary,
    backupOwn,
    venueEvents,
    get dropCopy(): DropCopy | undefined {
      return dropCopy;
    },
    run(untilNs: Ns): void {
      kernel.run({ until: untilNs });
    },
    /** A buy limit at the bid from the router, through the pair; the ClOrdID, and whether the pair refused it. */
    newOrder(qtyShares: number, clOrdId = `o${++orders}`): { clOrdId: string; refused: boolean } {
      const refusal = gateway.submit({ msgType: 'D', clOrdId, handlInst: '1', side: '1', symbol: SYMBOL, orderQty: qtyShares, ordType: '2', price: BID_PRICE, transactTime: '20240102-14:30:00' });
      return { clOrdId, refused: refusal !== undefined };
    },
    /** A cancel of the order first sent as `rootClOrdId`; whether the pair refused it. */
    cancel(rootClOrdId: string, clOrdId = `${rootClOrdId}-c${++orders}`): { clOrdId: string; refused: boolean } {
      const refusal = gateway.submit({ msgType: 'F', clOrdId, origClOrdId: rootClOrdId, side: '1', symbol: SYMBOL, transactTime: '20240102-14:30:00' });
      return { clOrdId, refused: refusal !== undefined };
    },
    /** The market maker sells into the router's bid. */
    hit(qtyShares: number): void {
      venue.submitLimit(venue.nextOrderId(), MAKER, 'sell', BID_TICKS, qtyShares);
    },
    /** Venue truth per root ClOrdID: working or not, filled quantity (orders the venue never received are absent). */
    truth(): Map<string, { working: boolean; cumQtyShares: number }> {
      const truth = new Map<string, { working: boolean; cumQtyShares: number }>();
      for (const orderId of venueOrderIds) {
        const record = counterparty.order(orderId);
        if (record !== undefined) truth.set(record.clOrdIds[0], { working: !record.isTerminal, cumQtyShares: record.cumQtyShares });
      }
      return truth;
    },
  };
  return world;
}

export type World = ReturnType<typeof buildWorld>;
