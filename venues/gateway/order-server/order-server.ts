/**
 * The gateway's Order Server (seed 004, the CFE gateway): it sits between the router and the venue,
 * logs every order action to its persisted log, and recovers from crashes by reading that log.
 *
 * - Router actions travel to it and its reports back over one in-order link (`clientLatency`); a
 *   crash loses what is on that link, which the router recovers from the order book the server sends
 *   on every (re)connection.
 * - Running with the exchange link up, it appends a new order to the log and hands it to the venue in
 *   one step (so the log and the venue never disagree about whether an order was sent).
 * - Crash: memory and links gone; the venue queues reports. Restart: startup takes
 *   `startupBaseNs + startupNsPerRecord × records` (the log grows with the day's activity: "up to
 *   several minutes"), then the log is rewritten with active orders only.
 * - The exchange link reconnects in a loop and shows `feed-down` while it cycles; once up, the server
 *   downloads the current session's orders, reconciles (download-reconciliation.ts), sends the router
 *   its order book and fills, and takes new orders again. Queued reports arrive after reconnection.
 * - Disk loss: the log and fill file are destroyed; after restart the server can attribute nothing
 *   and reports every downloaded order to the administrator (orphan registry).
 *
 * Left out: order modification, partial writes, the router's own resend logic. Parameters in
 * `OrderServerParams` (ns and ns per record).
 */
import { invariant, type EventHandler, type Kernel, type Ns, type RandomStream, type RandomStreams } from '../../../sim/index.ts';
import type { LatencyModel } from '../latency-model.ts';
import { DelayLine } from '../node/delay-line.ts';
import { reconcileDownload } from './download-reconciliation.ts';
import type { PersistedOrderLog } from './order-log.ts';
import { isActiveState, type ExchangeLinkState, type OrderServerFill, type OrderRequest, type OrderServerProcessState, type OrderServerRefusal, type OrderServerReport, type OrderServerStatus, type ServerOrder, type ServerOrderState, type TradingSessionId } from './order-types.ts';
import type { OrphanReason, OrphanRegistry } from './orphan-registry.ts';
import { ReconnectLoop } from './reconnect-loop.ts';
import type { OrderServerVenuePort, VenueOrderEntryListener, VenueOrderStatus } from './venue-port.ts';

export interface OrderServerParams {
  gatewayId: string;
  currentSessionId: TradingSessionId;
  /**
   * When the session starts trading. A connection made after it follows a time the gateway was away
   * while orders could trade, so previous-session orders can no longer be verified.
   */
  sessionOpensAtNs: Ns;
  /** Startup time with an empty log (process start, configuration). */
  startupBaseNs: Ns;
  /** Startup time per log record read. 20 µs reads a 10-million-record day in about 3.3 minutes. */
  startupNsPerRecord: number;
  reconnectIntervalNs: Ns;
  /** Router to server and back, one way. */
  clientLatency: LatencyModel;
}

/** The router's side of the server: what it receives. */
export interface OrderServerClient {
  onReport(report: OrderServerReport): void;
  onStatus(status: OrderServerStatus): void;
}

/** A router action, numbered by the router in the order it sends them (> 0, increasing). */
type ClientAction = { readonly kind: 'new'; readonly order: OrderRequest; readonly actionSeq: number } | { readonly kind: 'cancel'; readonly clOrdId: string; readonly actionSeq: number };

const STARTED = 1;

export class OrderServer implements EventHandler {
  private process: OrderServerProcessState = 'down';
  private link: ExchangeLinkState = 'feed-down';
  private orders = new Map<string, ServerOrder>();
  private appliedExecIds = new Set<string>();
  private incarnation = 0;
  private lastActionSeq = 0;
  private logWasLost = false;
  private startupEndsAtNs: Ns | undefined;
  private startupTimer = -1;
  private readonly linkLoop: ReconnectLoop;
  private readonly toClient: DelayLine<OrderServerReport>;
  private readonly fromClient: DelayLine<ClientAction>;
  private readonly rng: RandomStream;
  private venueListener: VenueOrderEntryListener | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly params: OrderServerParams,
    private readonly log: PersistedOrderLog,
    private readonly venue: OrderServerVenuePort,
    private readonly client: OrderServerClient,
    private readonly administrator: OrphanRegistry,
    streams: RandomStreams,
  ) {
    invariant(params.startupBaseNs >= 0 && params.startupNsPerRecord >= 0, 'startup times must be >= 0');
    this.rng = streams.get(`latency.${params.gatewayId}.order-server`);
    this.linkLoop = new ReconnectLoop(kernel, { tryConnect: () => this.tryConnect(), connected: () => this.linkUp() }, params.reconnectIntervalNs);
    this.toClient = new DelayLine(kernel, { arrive: (report) => client.onReport(report) });
    this.fromClient = new DelayLine(kernel, { arrive: (action) => this.act(action) });
  }

  get gatewayId(): string {
    return this.params.gatewayId;
  }

  status(): OrderServerStatus {
    return {
      observedAtNs: this.kernel.now,
      gatewayId: this.params.gatewayId,
      process: this.process,
      incarnation: this.incarnation,
      exchangeLink: this.process === 'running' ? this.link : 'feed-down',
      reconnectAttempts: this.linkLoop.attempts,
      startupEndsAtNs: this.process === 'starting' ? this.startupEndsAtNs : undefined,
    };
  }

  /** Whether the order is on the gateway's screens (the phone desk asks before calling it orphaned). */
  shows(clOrdId: string): boolean {
    return this.process === 'running' && this.orders.has(clOrdId);
  }

  /** Starts the process (first start or restart after a crash): reads the log, then connects. */
  start(): void {
    invariant(this.process === 'down', () => `order server ${this.gatewayId}: start from ${this.process}`);
    this.incarnation++;
    this.lastActionSeq = 0;
    this.process = 'starting';
    this.startupEndsAtNs = this.kernel.now + Math.round(this.params.startupBaseNs + this.params.startupNsPerRecord * this.log.recordCount);
    this.startupTimer = this.kernel.schedule(this.startupEndsAtNs, this, STARTED);
    this.publishStatus();
  }

  /** `actionSeq`: the router's number for this action (see the order book's `reflectsActionsThrough`). */
  submitNew(order: OrderRequest, actionSeq: number): OrderServerRefusal | undefined {
    return this.fromRouter({ kind: 'new', order, actionSeq });
  }

  submitCancel(clOrdId: string, actionSeq: number): OrderServerRefusal | undefined {
    return this.fromRouter({ kind: 'cancel', clOrdId, actionSeq });
  }

  /** The process dies; the files survive. */
  crash(): void {
    if (this.process === 'down') return;
    this.kernel.cancel(this.startupTimer);
    this.linkLoop.stop();
    if (this.venueListener !== undefined) this.venue.disconnect(this.gatewayId);
    this.venueListener = undefined;
    this.toClient.dropAll(() => undefined);
    this.fromClient.dropAll(() => undefined);
    this.orders = new Map();
    this.appliedExecIds = new Set();
    this.process = 'down';
    this.link = 'feed-down';
    this.publishStatus();
  }

  /** The drive fails: the process dies and the log and fill file are gone for good. */
  loseDisk(): void {
    this.crash();
    this.log.lose();
  }

  handleEvent(kind: number): void {
    invariant(kind === STARTED, () => `order server ${this.gatewayId}: unknown event ${kind}`);
    this.logWasLost = this.log.wasLost;
    this.orders = new Map([...this.log.replay()].filter(([, order]) => isActiveState(order.state)));
    this.appliedExecIds = new Set(this.log.fills.map((fill) => fill.execId));
    this.log.rewriteActiveOnly(this.orders.values());
    this.process = 'running';
    this.link = 'feed-down';
    this.linkLoop.start();
    this.publishStatus();
  }

  private fromRouter(action: ClientAction): OrderServerRefusal | undefined {
    if (this.process === 'down') return 'gateway-down';
    if (this.process === 'starting') return 'gateway-starting';
    this.fromClient.send(action, this.params.clientLatency.sampleNs(this.rng));
    return undefined;
  }

  private act(action: ClientAction): void {
    invariant(action.actionSeq > this.lastActionSeq, () => `router action ${action.actionSeq} after ${this.lastActionSeq}: action numbers must increase`);
    this.lastActionSeq = action.actionSeq;
    const id = action.kind === 'new' ? action.order.clOrdId : action.clOrdId;
    if (this.link !== 'connected') {
      this.report(action.kind === 'new' ? { kind: 'rejected', clOrdId: id, reason: 'exchange-link-down' } : { kind: 'cancel-rejected', clOrdId: id, reason: 'exchange-link-down' });
      return;
    }
    if (action.kind === 'new') {
      if (this.orders.has(id)) return this.report({ kind: 'rejected', clOrdId: id, reason: 'duplicate-clordid' });
      const { qtyShares, sessionId } = action.order;
      this.orders.set(id, { clOrdId: id, qtyShares, sessionId, cumQtyShares: 0, state: 'pending-new', verified: true });
      this.log.append({ kind: 'new', order: action.order });
      this.venue.submitNew(this.gatewayId, action.order);
      return;
    }
    const order = this.orders.get(id);
    if (order === undefined || !isActiveState(order.state)) return this.report({ kind: 'cancel-rejected', clOrdId: id, reason: order === undefined ? 'unknown-order' : 'too-late' });
    this.setState(order, 'pending-cancel');
    this.venue.submitCancel(this.gatewayId, id);
  }

  private tryConnect(): boolean {
    const incarnation = this.incarnation;
    const listener = this.listenerFor(incarnation);
    if (!this.venue.connect(this.gatewayId, listener)) return false;
    this.venueListener = listener;
    return true;
  }

  private linkUp(): void {
    this.link = 'recovering';
    this.venue.requestCurrentSessionOrders(this.gatewayId);
    this.publishStatus();
  }

  private download(statuses: readonly VenueOrderStatus[]): void {
    const sessionId = this.params.currentSessionId;
    const afterOutage = this.kernel.now > this.params.sessionOpensAtNs;
    const result = reconcileDownload(this.orders, this.appliedExecIds, statuses, { currentSessionId: sessionId, logWasLost: this.logWasLost, afterOutage });
    for (const fill of result.missedFills) this.log.append({ kind: 'fill', fill });
    for (const order of result.changed) this.log.append({ kind: 'state', clOrdId: order.clOrdId, state: order.state });
    for (const orphan of result.orphans) this.reportOrphan(orphan.clOrdId, orphan.reason, orphan.detail);
    this.link = 'connected';
    const activeOrders = [...this.orders.values()].filter((order) => isActiveState(order.state)).map((order) => ({ ...order }));
    this.report({
      kind: 'order-book',
      asOfNs: this.kernel.now,
      incarnation: this.incarnation,
      reflectsActionsThrough: this.lastActionSeq,
      logLost: this.logWasLost,
      activeOrders,
      fills: [...this.log.fills],
    });
    this.publishStatus();
  }

  private listenerFor(incarnation: number): VenueOrderEntryListener {
    const live = () => {
      invariant(this.incarnation === incarnation && this.venueListener !== undefined, () => `venue called order server ${this.gatewayId} on a link it no longer holds`);
    };
    return {
      onAck: (clOrdId) => {
        live();
        const order = this.known(clOrdId, 'ack');
        if (order?.state === 'pending-new') this.setState(order, 'working');
        if (order !== undefined) this.report({ kind: 'ack', clOrdId });
      },
      onFill: (fill) => {
        live();
        this.applyFill(fill);
      },
      onCancelled: (clOrdId) => {
        live();
        const order = this.known(clOrdId, 'cancel');
        if (order === undefined) return;
        if (isActiveState(order.state)) this.setState(order, 'cancelled');
        this.report({ kind: 'cancelled', clOrdId });
      },
      onRejected: (clOrdId, reason) => {
        live();
        const order = this.known(clOrdId, 'reject');
        if (order === undefined) return;
        this.setState(order, 'rejected');
        this.report({ kind: 'rejected', clOrdId, reason });
      },
      onCancelRejected: (clOrdId, reason) => {
        live();
        const order = this.known(clOrdId, 'cancel reject');
        if (order === undefined) return;
        if (order.state === 'pending-cancel') this.setState(order, 'working');
        this.report({ kind: 'cancel-rejected', clOrdId, reason });
      },
      onCurrentSessionOrders: (statuses) => {
        live();
        this.download(statuses);
      },
      onLinkLost: () => {
        live();
        this.venueListener = undefined;
        this.link = 'feed-down';
        this.linkLoop.start();
        this.publishStatus();
      },
    };
  }

  private applyFill(fill: OrderServerFill): void {
    if (this.appliedExecIds.has(fill.execId)) return;
    const order = this.known(fill.clOrdId, `fill ${fill.execId}`);
    if (order === undefined) return;
    this.appliedExecIds.add(fill.execId);
    order.cumQtyShares += fill.qtyShares;
    this.log.append({ kind: 'fill', fill });
    if (order.cumQtyShares >= order.qtyShares && isActiveState(order.state)) order.state = 'filled';
    this.report({ kind: 'fill', fill });
  }

  /** The order, or undefined after reporting the venue's message about an order the server does not have. */
  private known(clOrdId: string, what: string): ServerOrder | undefined {
    const order = this.orders.get(clOrdId);
    if (order === undefined) this.reportOrphan(clOrdId, this.logWasLost ? 'order-log-lost' : 'not-in-order-log', `venue sent ${what}`);
    return order;
  }

  private setState(order: ServerOrder, state: ServerOrderState): void {
    order.state = state;
    this.log.append({ kind: 'state', clOrdId: order.clOrdId, state });
  }

  private report(report: OrderServerReport): void {
    this.toClient.send(report, this.params.clientLatency.sampleNs(this.rng));
  }

  private reportOrphan(clOrdId: string, reason: OrphanReason, detail: string): void {
    this.administrator.record({ clOrdId, gatewayId: this.gatewayId, reason, recordedAtNs: this.kernel.now, detail });
  }

  private publishStatus(): void {
    this.client.onStatus(this.status());
  }
}
