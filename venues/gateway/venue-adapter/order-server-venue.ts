/**
 * The order server's venue port (`OrderServerVenuePort`, seed 004) on the real venue: orders go
 * through the venue's sequencer into its book, and the book's sequenced outputs come back as the
 * port's reports. Each gateway trades as one venue owner; the adapter remembers, per ClOrdID, the
 * venue order id, the trading session it was entered in, and what the venue's outputs said of it
 * (the truth, at the instant of sequencing), so that it can answer a current-session download and a
 * phone call.
 *
 * - New order: entered at once (it is on the wire); its terms (side, type, limit) come from
 *   `termsOf`, since the order server's request carries only id, quantity and session. A second new
 *   order under a ClOrdID the venue already holds is not entered again (counted in `truth()`).
 * - Cancel: a venue cancel request; an order the venue no longer has is "too late".
 * - Reports: ack (accepted), fill (per side of each execution, ExecID `<epoch>.<seq>.<order id>`
 *   like the FIX counterparty's), cancelled (requested, IOC remainder, mass cancel), rejected, cancel
 *   rejected, and the venue's refusals during a sequencer failover ("venue-unavailable").
 * - Phone call: a person at the exchange cancels every working order of the gateway's firm, any
 *   session (one mass cancel through the sequencer) and reads out what it held at the call.
 *
 * Left out: order modification; sequencer takeovers that rewind outputs (a report already sent is
 * never withdrawn); a phone call during a sequencer transition (its mass cancel is refused by the
 * venue, so the call's answer overstates what it cancelled; the venue's truth stays right).
 * Units: prices in ticks, quantities in shares, the link latency in ns.
 */
import { invariant, type Kernel, type Ns, type RandomStreams } from '../../../sim/index.ts';
import type { BookEvent, OrderType, Side } from '../../book/index.ts';
import type { SequencedOutput } from '../../sequencer/index.ts';
import type { OwnerSink, Venue, VenueRequest } from '../../venue/index.ts';
import type { LatencyModel } from '../latency-model.ts';
import type { VenueOrderTruth } from '../order-server/order-audit.ts';
import type { OrderRequest, OrderServerFill, TradingSessionId } from '../order-server/order-types.ts';
import type { OrderServerVenuePort, PhoneCancelResult, VenueOrderEntryListener, VenueOrderStatus } from '../order-server/venue-port.ts';
import { ReportLink, type VenueReport } from './report-link.ts';

/** What the book needs beyond the order server's request. */
export interface VenueOrderTerms {
  readonly side: Side;
  readonly orderType: OrderType;
  /** The limit; 0 for a market order. */
  readonly priceTicks: number;
}

export interface OrderServerVenueConfig {
  readonly currentSessionId: TradingSessionId;
  /** Each gateway's venue owner id. */
  readonly ownerByGateway: Readonly<Record<string, number>>;
  readonly termsOf: (order: OrderRequest) => VenueOrderTerms;
  /** Venue to order server, one way, per report. */
  readonly reportLatency: LatencyModel;
}

interface VenueSideOrder {
  readonly clOrdId: string;
  readonly gatewayId: string;
  readonly orderId: number;
  readonly sessionId: TradingSessionId;
  readonly qtyShares: number;
  cumQtyShares: number;
  working: boolean;
  readonly fills: OrderServerFill[];
  acceptedCount: number;
}

export class OrderServerVenueAdapter implements OrderServerVenuePort {
  /** False while the exchange refuses connections (a network or exchange-side fault). */
  reachable = true;
  /**
   * Truth-side taps (the harness's oracle run): each report the instant the venue produces it, before
   * the link, per gateway. Never a path the order server itself reads.
   */
  private readonly taps: ((gatewayId: string, report: VenueReport) => void)[] = [];
  private readonly links = new Map<string, ReportLink>();
  private readonly byClOrdId = new Map<string, VenueSideOrder>();
  private readonly byOrderId = new Map<number, VenueSideOrder>();

  constructor(
    kernel: Kernel,
    private readonly venue: Venue,
    private readonly config: OrderServerVenueConfig,
    streams: RandomStreams,
  ) {
    for (const [gatewayId, ownerId] of Object.entries(config.ownerByGateway)) {
      this.links.set(gatewayId, new ReportLink(kernel, config.currentSessionId, config.reportLatency, streams.get(`latency.venue.${gatewayId}.reports`)));
      venue.connect(ownerId, this.ownerSink(gatewayId));
    }
  }

  connect(gatewayId: string, listener: VenueOrderEntryListener): boolean {
    if (!this.reachable) return false;
    this.link(gatewayId).connect(listener);
    return true;
  }

  disconnect(gatewayId: string): void {
    this.link(gatewayId).disconnect();
  }

  /** The venue side drops the link (a network fault, or the venue's own failover). */
  dropLink(gatewayId: string): void {
    this.link(gatewayId).drop()?.onLinkLost();
  }

  submitNew(gatewayId: string, order: OrderRequest): void {
    const existing = this.byClOrdId.get(order.clOrdId);
    if (existing !== undefined) {
      existing.acceptedCount++;
      return;
    }
    this.enter(gatewayId, order);
  }

  /** An order resting since an earlier trading session (GTC), entered by the venue's own hand. */
  enterPreviousSessionOrder(gatewayId: string, order: OrderRequest): void {
    invariant(order.sessionId !== this.config.currentSessionId, () => `order ${order.clOrdId} is of the current session`);
    this.enter(gatewayId, order);
  }

  submitCancel(gatewayId: string, clOrdId: string): void {
    const order = this.byClOrdId.get(clOrdId);
    if (order === undefined || order.gatewayId !== gatewayId) {
      this.emit(gatewayId, { kind: 'cancel-rejected', clOrdId, sessionId: this.config.currentSessionId, reason: 'unknown-order' });
      return;
    }
    this.venue.cancel(order.orderId, this.ownerOf(gatewayId));
  }

  requestCurrentSessionOrders(gatewayId: string): void {
    const orders: VenueOrderStatus[] = [];
    for (const order of this.byClOrdId.values()) if (order.gatewayId === gatewayId && order.sessionId === this.config.currentSessionId) orders.push(status(order));
    this.emit(gatewayId, { kind: 'download', orders });
  }

  cancelAllByPhone(gatewayId: string): readonly PhoneCancelResult[] {
    const results: PhoneCancelResult[] = [];
    for (const order of this.byClOrdId.values()) {
      if (order.gatewayId !== gatewayId) continue;
      results.push({ order: { ...status(order), working: false }, cancelledByPhone: order.working });
    }
    this.venue.massCancel(this.ownerOf(gatewayId));
    return results;
  }

  addTap(tap: (gatewayId: string, report: VenueReport) => void): void {
    this.taps.push(tap);
  }

  /** The ClOrdID a venue order was entered under through this adapter, if it was. */
  clOrdIdOf(orderId: number): string | undefined {
    return this.byOrderId.get(orderId)?.clOrdId;
  }

  /** Truth for audits: per ClOrdID, working or not, filled quantity, how often it was entered. */
  truth(): Map<string, VenueOrderTruth> {
    return new Map([...this.byClOrdId].map(([id, order]) => [id, { working: order.working, cumQtyShares: order.cumQtyShares, acceptedCount: order.acceptedCount }]));
  }

  workingOrderIds(gatewayId: string): string[] {
    return [...this.byClOrdId.values()].filter((order) => order.gatewayId === gatewayId && order.working).map((order) => order.clOrdId);
  }

  private enter(gatewayId: string, order: OrderRequest): void {
    const orderId = this.venue.nextOrderId();
    const record: VenueSideOrder = { clOrdId: order.clOrdId, sessionId: order.sessionId, qtyShares: order.qtyShares, gatewayId, orderId, cumQtyShares: 0, working: true, fills: [], acceptedCount: 1 };
    this.byClOrdId.set(order.clOrdId, record);
    this.byOrderId.set(orderId, record);
    const terms = this.config.termsOf(order);
    this.venue.submitOrder(orderId, this.ownerOf(gatewayId), terms.side, terms.orderType, terms.priceTicks, order.qtyShares);
  }

  private ownerSink(gatewayId: string): OwnerSink {
    const ownerId = this.ownerOf(gatewayId);
    return {
      onOutput: (output) => this.onOutput(gatewayId, ownerId, output),
      onUnavailable: (request, atNs) => this.onUnavailable(gatewayId, request, atNs),
    };
  }

  private onOutput(gatewayId: string, ownerId: number, output: SequencedOutput<BookEvent>): void {
    const event = output.payload;
    switch (event.type) {
      case 'accepted': {
        const order = this.order(event.orderId);
        return this.emit(gatewayId, { kind: 'ack', clOrdId: order.clOrdId, sessionId: order.sessionId });
      }
      case 'rejected': {
        const order = this.order(event.orderId);
        if (event.request === 'new') {
          order.working = false;
          return this.emit(gatewayId, { kind: 'rejected', clOrdId: order.clOrdId, sessionId: order.sessionId, reason: event.reason });
        }
        const reason = event.reason === 'unknown-order' ? 'too-late' : event.reason;
        return this.emit(gatewayId, { kind: 'cancel-rejected', clOrdId: order.clOrdId, sessionId: order.sessionId, reason });
      }
      case 'fill':
        if (event.makerOwnerId === ownerId) this.filled(gatewayId, output, event.makerOrderId, event.qtyShares, event.priceTicks, event.makerLeavesQtyShares);
        if (event.takerOwnerId === ownerId) this.filled(gatewayId, output, event.takerOrderId, event.qtyShares, event.priceTicks, event.takerLeavesQtyShares);
        return;
      case 'cancelled': {
        const order = this.order(event.orderId);
        order.working = false;
        return this.emit(gatewayId, { kind: 'cancelled', clOrdId: order.clOrdId, sessionId: order.sessionId });
      }
      default:
        return;
    }
  }

  private filled(gatewayId: string, output: SequencedOutput<BookEvent>, orderId: number, qtyShares: number, priceTicks: number, leavesQtyShares: number): void {
    const order = this.order(orderId);
    const fill: OrderServerFill = { clOrdId: order.clOrdId, execId: `${output.epoch}.${output.seq}.${orderId}`, qtyShares, priceTicks };
    order.cumQtyShares += qtyShares;
    order.fills.push(fill);
    if (leavesQtyShares === 0) order.working = false;
    this.emit(gatewayId, { kind: 'fill', fill, sessionId: order.sessionId });
  }

  private onUnavailable(gatewayId: string, request: VenueRequest, _atNs: Ns): void {
    if (request.kind === 'mass-cancel') return;
    const order = this.order(request.orderId);
    if (request.kind === 'new') {
      order.working = false;
      this.emit(gatewayId, { kind: 'rejected', clOrdId: order.clOrdId, sessionId: order.sessionId, reason: 'venue-unavailable' });
    } else this.emit(gatewayId, { kind: 'cancel-rejected', clOrdId: order.clOrdId, sessionId: order.sessionId, reason: 'venue-unavailable' });
  }

  private emit(gatewayId: string, report: VenueReport): void {
    for (const tap of this.taps) tap(gatewayId, report);
    this.link(gatewayId).send(report);
  }

  private order(orderId: number): VenueSideOrder {
    const order = this.byOrderId.get(orderId);
    invariant(order !== undefined, () => `venue order ${orderId} was not entered through this adapter`);
    return order;
  }

  private link(gatewayId: string): ReportLink {
    const link = this.links.get(gatewayId);
    invariant(link !== undefined, () => `no venue owner configured for gateway ${gatewayId}`);
    return link;
  }

  private ownerOf(gatewayId: string): number {
    const ownerId = this.config.ownerByGateway[gatewayId];
    invariant(ownerId !== undefined, () => `no venue owner configured for gateway ${gatewayId}`);
    return ownerId;
  }
}

function status(order: VenueSideOrder): VenueOrderStatus {
  return { clOrdId: order.clOrdId, sessionId: order.sessionId, qtyShares: order.qtyShares, cumQtyShares: order.cumQtyShares, working: order.working, fills: [...order.fills] };
}
