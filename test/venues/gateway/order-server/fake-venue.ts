// A test-only venue counterparty for the order server: it holds the truth (orders, fills), queues
// reports while a gateway is disconnected, resends only current-session ones, answers downloads and
// phone calls. It implements the contract written in venues/gateway/order-server/venue-port.ts.
import type { Kernel, Ns } from '../../../../sim/index.ts';
import { DelayLine } from '../../../../venues/gateway/node/delay-line.ts';
import type { VenueOrderTruth } from '../../../../venues/gateway/order-server/order-audit.ts';
import type { OrderServerFill, OrderRequest, TradingSessionId } from '../../../../venues/gateway/order-server/order-types.ts';
import type { OrderServerVenuePort, PhoneCancelResult, VenueOrderEntryListener, VenueOrderStatus } from '../../../../venues/gateway/order-server/venue-port.ts';

interface VenueOrder {
  clOrdId: string;
  gatewayId: string;
  sessionId: TradingSessionId;
  qtyShares: number;
  cumQtyShares: number;
  working: boolean;
  fills: OrderServerFill[];
  acceptedCount: number;
}

type Outbound =
  | { kind: 'ack' | 'cancelled'; clOrdId: string; sessionId: TradingSessionId }
  | { kind: 'rejected' | 'cancel-rejected'; clOrdId: string; sessionId: TradingSessionId; reason: string }
  | { kind: 'fill'; fill: OrderServerFill; sessionId: TradingSessionId }
  | { kind: 'download'; orders: VenueOrderStatus[] };

class GatewaySession {
  listener: VenueOrderEntryListener | undefined;
  queue: Outbound[] = [];
  readonly line: DelayLine<Outbound>;
  constructor(kernel: Kernel) {
    this.line = new DelayLine(kernel, { arrive: (message) => this.deliver(message) });
  }
  private deliver(message: Outbound): void {
    const listener = this.listener as VenueOrderEntryListener;
    if (message.kind === 'ack') listener.onAck(message.clOrdId);
    else if (message.kind === 'cancelled') listener.onCancelled(message.clOrdId);
    else if (message.kind === 'rejected') listener.onRejected(message.clOrdId, message.reason);
    else if (message.kind === 'cancel-rejected') listener.onCancelRejected(message.clOrdId, message.reason);
    else if (message.kind === 'fill') listener.onFill(message.fill);
    else if (message.kind === 'download') listener.onCurrentSessionOrders(message.orders);
  }
}

export class FakeVenue implements OrderServerVenuePort {
  readonly orders = new Map<string, VenueOrder>();
  reachable = true;
  private readonly sessions = new Map<string, GatewaySession>();
  private execCount = 0;

  constructor(private readonly kernel: Kernel, readonly currentSessionId: TradingSessionId, private readonly latencyNs: Ns) {}

  connect(gatewayId: string, listener: VenueOrderEntryListener): boolean {
    if (!this.reachable) return false;
    const session = this.session(gatewayId);
    session.listener = listener;
    const queued = session.queue;
    session.queue = [];
    for (const message of queued) session.line.send(message, this.latencyNs);
    return true;
  }

  disconnect(gatewayId: string): void {
    const session = this.session(gatewayId);
    session.listener = undefined;
    const inFlight: Outbound[] = [];
    session.line.dropAll((message) => inFlight.push(message));
    // Undelivered reports are resent on reconnection, current-session ones only; a download is asked again.
    session.queue = [...inFlight.filter((message) => message.kind !== 'download' && message.sessionId === this.currentSessionId), ...session.queue];
  }

  /** The venue side drops the link (a network or venue fault). */
  dropLink(gatewayId: string): void {
    const listener = this.session(gatewayId).listener;
    if (listener === undefined) return;
    this.disconnect(gatewayId);
    listener.onLinkLost();
  }

  submitNew(gatewayId: string, order: OrderRequest): void {
    const existing = this.orders.get(order.clOrdId);
    if (existing !== undefined) {
      existing.acceptedCount++;
      return;
    }
    this.orders.set(order.clOrdId, { ...order, gatewayId, cumQtyShares: 0, working: true, fills: [], acceptedCount: 1 });
    this.emit(gatewayId, { kind: 'ack', clOrdId: order.clOrdId, sessionId: order.sessionId });
  }

  /** An order that has been resting since a previous session (GTC). */
  seedPreviousSessionOrder(gatewayId: string, order: OrderRequest): void {
    this.orders.set(order.clOrdId, { ...order, gatewayId, cumQtyShares: 0, working: true, fills: [], acceptedCount: 1 });
  }

  submitCancel(gatewayId: string, clOrdId: string): void {
    const order = this.orders.get(clOrdId);
    if (order === undefined || !order.working) {
      this.emit(gatewayId, { kind: 'cancel-rejected', clOrdId, sessionId: order?.sessionId ?? this.currentSessionId, reason: 'too-late' });
      return;
    }
    order.working = false;
    this.emit(gatewayId, { kind: 'cancelled', clOrdId, sessionId: order.sessionId });
  }

  requestCurrentSessionOrders(gatewayId: string): void {
    const orders = [...this.orders.values()].filter((order) => order.gatewayId === gatewayId && order.sessionId === this.currentSessionId).map(status);
    this.session(gatewayId).line.send({ kind: 'download', orders }, this.latencyNs);
  }

  cancelAllByPhone(gatewayId: string): PhoneCancelResult[] {
    const results: PhoneCancelResult[] = [];
    for (const order of this.orders.values()) {
      if (order.gatewayId !== gatewayId) continue;
      const cancelledByPhone = order.working;
      if (cancelledByPhone) {
        order.working = false;
        this.emit(gatewayId, { kind: 'cancelled', clOrdId: order.clOrdId, sessionId: order.sessionId });
      }
      results.push({ order: status(order), cancelledByPhone });
    }
    return results;
  }

  /** The market fills part of a working order. */
  fill(clOrdId: string, qtyShares: number): void {
    const order = this.orders.get(clOrdId);
    if (order === undefined || !order.working) return;
    const qty = Math.min(qtyShares, order.qtyShares - order.cumQtyShares);
    const fill: OrderServerFill = { clOrdId, execId: `E${++this.execCount}`, qtyShares: qty, priceTicks: 100 };
    order.cumQtyShares += qty;
    order.fills.push(fill);
    if (order.cumQtyShares >= order.qtyShares) order.working = false;
    this.emit(order.gatewayId, { kind: 'fill', fill, sessionId: order.sessionId });
  }

  workingOrderIds(): string[] {
    return [...this.orders.values()].filter((order) => order.working).map((order) => order.clOrdId);
  }

  truth(): Map<string, VenueOrderTruth> {
    return new Map([...this.orders.values()].map((order) => [order.clOrdId, { working: order.working, cumQtyShares: order.cumQtyShares, acceptedCount: order.acceptedCount }]));
  }

  private emit(gatewayId: string, message: Outbound & { sessionId: TradingSessionId }): void {
    const session = this.session(gatewayId);
    if (session.listener !== undefined) session.line.send(message, this.latencyNs);
    else if (message.sessionId === this.currentSessionId) session.queue.push(message);
    // A previous session's report arising while the gateway is away is never sent (seed 004).
  }

  private session(gatewayId: string): GatewaySession {
    let session = this.sessions.get(gatewayId);
    if (session === undefined) {
      session = new GatewaySession(this.kernel);
      this.sessions.set(gatewayId, session);
    }
    return session;
  }
}

function status(order: VenueOrder): VenueOrderStatus {
  return { clOrdId: order.clOrdId, sessionId: order.sessionId, qtyShares: order.qtyShares, cumQtyShares: order.cumQtyShares, working: order.working, fills: [...order.fills] };
}
