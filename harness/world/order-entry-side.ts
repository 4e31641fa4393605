/**
 * The order-entry side of an episode's world: for each scenario session, the venue's counterparty
 * for one router owner, a FIX session pair (router initiator with reconnect backoff, venue acceptor
 * with PersistMessages as the scenario says) on a simulated link with the session's latency, and the
 * router's port; a drop copy of every router owner's execution reports on its own session. Session
 * faults (disconnects, message loss, store loss) and drop-copy faults are scheduled here. Sessions on
 * a gateway fronted by a pool (seed 003) send through it: the router gets a routed port for them. The
 * session on a gateway with an order server (seed 004) has no FIX session: its router owner trades
 * through the server (order-server-side.ts), and the drop copy does not cover it. The session on a
 * gateway with a primary/backup pair (seed 000) goes through the pair (failover-side.ts); the drop
 * copy covers it, and what the router receives on it also reaches the pair's controller.
 * Stream names: `session.<id>.*`, `dropcopy.*`.
 */
import type { Kernel, Ns, RandomStreams } from '../../sim/index.ts';
import type { SessionView } from '../../policies/index.ts';
import { OrderEntryCounterparty } from '../../venues/fix/counterparty/index.ts';
import { CatchUpAfterOutage, DropCopy, LoseDuringOutage } from '../../venues/fix/drop-copy/index.ts';
import type { AppBody, ExecutionReport, FixMessage } from '../../venues/fix/codec/index.ts';
import {
  DEFAULT_SESSION_CONFIG,
  ExponentialBackoff,
  FixSession,
  NonPersistentMessageStore,
  PersistentMessageStore,
  type MessageStore,
  type SessionEvent,
} from '../../venues/fix/session/index.ts';
import { SimSessionEndpoint, SimulatedLink, type SimFixApplication } from '../../venues/fix/sim/index.ts';
import type { Venue } from '../../venues/venue/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { GatewayPort, OrderEntryPort } from '../router/ports.ts';
import { FixOrderEntryPort, type RouterReportSink, type TimedSessionEvent } from './fix-order-entry-port.ts';
import { FailoverSide } from './failover-side.ts';
import { scheduleFailoverFaults, scheduleGatewayFaults, scheduleOrderServerFaults } from './gateway-fault-schedule.ts';
import { OrderServerSide } from './order-server-side.ts';
import { GatewayPoolSide } from './gateway-pool-side.ts';
import { GatewayRoutedPort } from './gateway-routed-port.ts';
import { PoolGatewayPort } from './gateway-view.ts';
import { asDistribution, buildLatency } from './latency.ts';
import type { ResolvedFault } from './resolve-faults.ts';
import { scheduleSessionFaults } from './session-fault-schedule.ts';
import { WindowedExtraLatency } from './windowed-latency.ts';

/** Router owners are numbered from here; the background flow and replays use lower ids. */
export const ROUTER_OWNER_BASE = 100;
/** Simulated time zero is 2024-01-02 14:30 UTC (09:30 New York): SendingTime and TransactTime count from it. */
export const EPOCH_UTC_MS = Date.UTC(2024, 0, 2, 14, 30);

/** The router's end of the drop-copy session: reports go to the router's book on the drop-copy channel. */
export class DropCopyReceiver implements SimFixApplication {
  sink: RouterReportSink | undefined;
  /** Failover pairs whose controllers read the drop copy the router receives (seed 000). */
  readonly pairs: FailoverSide[] = [];
  lastReceivedAtNs: Ns | undefined;
  endpoint: SimSessionEndpoint | undefined;
  constructor(private readonly kernel: Kernel) {}
  get up(): boolean {
    return this.endpoint?.session.isLoggedOn ?? false;
  }
  onMessage(message: FixMessage<AppBody>): void {
    this.lastReceivedAtNs = this.kernel.now;
    if (message.body.msgType !== '8') return;
    const report = message.body as ExecutionReport;
    this.sink?.onExecutionReport(report, 'drop-copy', this.kernel.now);
    for (const pair of this.pairs) pair.onDropCopyReport(report);
  }
  onEvent(_event: SessionEvent): void {}
}

/** What every router port tells the KPIs and the runbook about its session, FIX or order server. */
export interface SessionSignals {
  readonly sessionId: string;
  readonly gatewayId: string;
  readonly events: readonly TimedSessionEvent[];
  readonly possDupTimesNs: readonly Ns[];
  readonly appReceivedInRecovery: number;
  readonly possDupInRecovery: number;
  view(): SessionView;
  canSend(): boolean;
}

export interface OrderEntrySide {
  /** Every session's port signals, one per scenario session, in scenario order. */
  ports: SessionSignals[];
  /** The FIX ports (sequence checkers read their sessions). */
  fixPorts: FixOrderEntryPort[];
  /** Seed 004's order servers, one per fronted session. */
  orderServers: OrderServerSide[];
  /** What the router sends through: the FIX port itself, or the gateway pool in front of it. */
  routerPorts: OrderEntryPort[];
  /** Seed 003's pool, when the scenario has one. */
  gatewayPool: GatewayPoolSide | undefined;
  /** Seed 000's primary/backup pairs, one per fronted session. */
  failovers: FailoverSide[];
  /** The gateway nodes as the router observes them: the pool's, or the failover pair's. */
  gatewayPort: GatewayPort | undefined;
  counterparties: OrderEntryCounterparty[];
  routerOwnerIds: number[];
  /** The ClOrdID the router first sent a venue order under (venue truth names orders by owner and order id). */
  rootClOrdIdOf(ownerId: number, orderId: number): string | undefined;
  /** The oracle's tap: every execution report reaches `sink` the instant the venue produces it. */
  tapTruth(sink: RouterReportSink): void;
  dropCopy: DropCopyReceiver | undefined;
  /** Venue-side sessions by session id (their counters feed PES and GFR). */
  venueSessions: Map<string, FixSession>;
  connect(sink: RouterReportSink): void;
  start(): void;
}

interface SessionPair {
  link: SimulatedLink;
  routerStore: MessageStore;
  venueStore: MessageStore;
  routerEnd: SimSessionEndpoint;
  venueEnd: SimSessionEndpoint;
}

function sessionPair(
  kernel: Kernel,
  streams: RandomStreams,
  name: string,
  spec: Scenario['sessions'][number],
  routerApp: SimFixApplication,
  venueApp: SimFixApplication,
  persists: boolean,
): SessionPair {
  const latency = buildLatency(spec.latency);
  const link = new SimulatedLink(kernel, {
    latencyNs: asDistribution(latency),
    latencyRng: streams.get(`${name}.latency`),
    lossRng: streams.get(`${name}.loss`),
    faultRng: streams.get(`${name}.faults`),
    connectDelayNs: Math.round(2 * latency.meanNs),
  });
  const base = { ...DEFAULT_SESSION_CONFIG, beginString: spec.beginString, epochUtcMs: EPOCH_UTC_MS, heartBtIntSec: Math.max(1, Math.round(spec.heartbeat / 1e9)) };
  const routerStore = new PersistentMessageStore();
  const venueStore = persists ? new PersistentMessageStore() : new NonPersistentMessageStore();
  const routerSession = new FixSession(
    { ...base, role: 'initiator', senderCompId: 'ROUTER', targetCompId: name.toUpperCase(), reconnect: new ExponentialBackoff(spec.reconnectInitial, spec.reconnectMax), resendChunkSize: spec.resendChunkSize },
    routerStore,
  );
  const venueSession = new FixSession({ ...base, role: 'acceptor', senderCompId: name.toUpperCase(), targetCompId: 'ROUTER' }, venueStore);
  const routerEnd = new SimSessionEndpoint(kernel, routerSession, link, 0, routerApp);
  const venueEnd = new SimSessionEndpoint(kernel, venueSession, link, 1, venueApp);
  return { link, routerStore, venueStore, routerEnd, venueEnd };
}

export function buildOrderEntrySide(kernel: Kernel, streams: RandomStreams, scenario: Scenario, venue: Venue, faults: readonly ResolvedFault[], endNs: Ns): OrderEntrySide {
  const ports: SessionSignals[] = [];
  const fixPorts: FixOrderEntryPort[] = [];
  const orderServers: OrderServerSide[] = [];
  const failovers: FailoverSide[] = [];
  const routerPorts: OrderEntryPort[] = [];
  // Per router owner: the root ClOrdID of each of its venue orders.
  const rootClOrdIds: Array<(orderId: number) => string | undefined> = [];
  const rootsOf = (counterparty: OrderEntryCounterparty) => (orderId: number) => counterparty.order(orderId)?.clOrdIds[0];
  const counterparties: OrderEntryCounterparty[] = [];
  const routerOwnerIds: number[] = [];
  const venueSessions = new Map<string, FixSession>();
  const pairs: SessionPair[] = [];
  const serverSpec = scenario.gateways.orderServer;
  const pairSpec = scenario.gateways.failover;
  const cancelOnDisconnectDelayNs = scenario.venue.cancelOnDisconnect ? scenario.venue.cancelOnDisconnectDelay : undefined;
  scenario.sessions.forEach((spec, index) => {
    const ownerId = ROUTER_OWNER_BASE + index;
    routerOwnerIds.push(ownerId);
    if (serverSpec !== undefined && spec.gateway === serverSpec.fronts) {
      const side = new OrderServerSide(kernel, streams, serverSpec, spec, ownerId, venue, scenario.instrument.symbol, scenario.instrument.tickSize);
      scheduleOrderServerFaults(kernel, side, faults);
      orderServers.push(side);
      ports.push(side.port);
      routerPorts.push(side.port);
      rootClOrdIds.push((orderId) => side.rootClOrdIdOf(orderId));
      return;
    }
    if (pairSpec !== undefined && spec.gateway === pairSpec.fronts) {
      const side = new FailoverSide(kernel, streams, pairSpec, spec, venue, { ownerId, symbol: scenario.instrument.symbol, tickSize: scenario.instrument.tickSize, epochUtcMs: EPOCH_UTC_MS, cancelOnDisconnectDelayNs });
      scheduleFailoverFaults(kernel, side, faults);
      failovers.push(side);
      ports.push(side.port);
      routerPorts.push(side.port);
      rootClOrdIds.push(rootsOf(side.counterparty));
      counterparties.push(side.counterparty);
      side.venueSessions.forEach((session, i) => venueSessions.set(i === 0 ? spec.id : `${spec.id}.backup`, session));
      return;
    }
    const counterparty = new OrderEntryCounterparty(kernel, venue, {
      ownerId,
      symbol: scenario.instrument.symbol,
      tickSize: scenario.instrument.tickSize,
      beginString: spec.beginString,
      epochUtcMs: EPOCH_UTC_MS,
      cancelOnDisconnectDelayNs,
    });
    // The port and the session pair refer to each other: the port reads the venue session's counters.
    const built: { pair?: SessionPair } = {};
    const port = new FixOrderEntryPort(kernel, spec.id, spec.gateway, scenario.instrument.symbol, scenario.instrument.tickSize, EPOCH_UTC_MS, () => (built.pair as SessionPair).venueEnd.session);
    const pair = sessionPair(kernel, streams, `session.${spec.id}`, spec, port, counterparty, spec.persistMessages);
    built.pair = pair;
    port.endpoint = pair.routerEnd;
    counterparty.beginTradingSession(pair.venueEnd);
    scheduleSessionFaults(kernel, pair, spec.id, faults);
    ports.push(port);
    fixPorts.push(port);
    routerPorts.push(port);
    rootClOrdIds.push(rootsOf(counterparty));
    counterparties.push(counterparty);
    venueSessions.set(spec.id, pair.venueEnd.session);
    pairs.push(pair);
  });

  let dropCopyReceiver: DropCopyReceiver | undefined;
  let dropPair: SessionPair | undefined;
  if (scenario.dropCopy !== undefined) {
    const spec = scenario.dropCopy;
    const lagWindows = faults.filter((f) => f.kind === 'drop-copy-lag').map((f) => ({ fromNs: f.atNs, untilNs: f.atNs + f.duration, extraNs: f.extraLatency }));
    const outages = faults.filter((f) => f.kind === 'drop-copy-down').map((f) => ({ fromNs: f.atNs, untilNs: f.atNs + f.duration }));
    const dropCopy = new DropCopy(kernel, {
      lag: new WindowedExtraLatency(kernel, buildLatency(spec.latency), lagWindows),
      lagRng: streams.get('dropcopy.lag'),
      outages,
      recovery: spec.afterOutage === 'resend' ? new CatchUpAfterOutage() : new LoseDuringOutage(),
    });
    for (const counterparty of counterparties) dropCopy.cover(counterparty);
    dropCopyReceiver = new DropCopyReceiver(kernel);
    dropCopyReceiver.pairs.push(...failovers);
    dropPair = sessionPair(kernel, streams, 'dropcopy', scenario.sessions[0], dropCopyReceiver, dropCopy, true);
    dropCopyReceiver.endpoint = dropPair.routerEnd;
    dropCopy.beginTradingSession(dropPair.venueEnd);
  }

  const poolSpec = scenario.gateways.pool;
  const gatewayPool = poolSpec === undefined ? undefined : new GatewayPoolSide(kernel, streams, poolSpec, endNs);
  if (gatewayPool !== undefined) scheduleGatewayFaults(kernel, gatewayPool, faults);
  if (gatewayPool !== undefined) {
    routerPorts.forEach((port, i) => {
      if (port instanceof FixOrderEntryPort && port.gatewayId === gatewayPool.spec.fronts) routerPorts[i] = new GatewayRoutedPort(port, gatewayPool);
    });
  }

  const pair = failovers[0];
  const gatewayPort = gatewayPool?.port ?? (pair === undefined ? undefined : new PoolGatewayPort({ observe: () => pair.gateway.observeNodes() }));

  return {
    ports,
    fixPorts,
    orderServers,
    routerPorts,
    gatewayPool,
    failovers,
    gatewayPort,
    counterparties,
    routerOwnerIds,
    dropCopy: dropCopyReceiver,
    venueSessions,
    rootClOrdIdOf: (ownerId, orderId) => rootClOrdIds[ownerId - ROUTER_OWNER_BASE](orderId),
    tapTruth(sink) {
      for (const counterparty of counterparties) counterparty.addListener({ onExecutionReport: (report) => sink.onExecutionReport(report, 'truth', kernel.now) });
      for (const server of orderServers) server.tapTruth(sink);
    },
    connect(sink) {
      for (const port of fixPorts) port.sink = sink;
      for (const server of orderServers) server.sink = sink;
      for (const side of failovers) side.port.sink = sink;
      if (dropCopyReceiver) dropCopyReceiver.sink = sink;
    },
    start() {
      gatewayPool?.start();
      for (const server of orderServers) server.start();
      for (const side of failovers) side.start();
      for (const pair of pairs) pair.routerEnd.start();
      dropPair?.routerEnd.start();
    },
  };
}
