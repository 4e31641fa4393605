/**
 * A router session whose messages pass through a gateway pool before they reach its FIX session
 * (seed 003): the router's port for a session on a pooled gateway. What the router observes of the
 * session is the FIX session's own signals; it can send a new order only while some node can take it.
 */
import type { Ns } from '../../sim/index.ts';
import type { SessionView, Side } from '../../policies/index.ts';
import type { MassCancelRequest, MassStatusRequest, NewChildOrder, OrderEntryPort } from '../router/ports.ts';
import type { FixOrderEntryPort } from './fix-order-entry-port.ts';
import type { GatewayPoolSide } from './gateway-pool-side.ts';

export class GatewayRoutedPort implements OrderEntryPort {
  readonly sessionId: string;
  readonly gatewayId: string;

  constructor(private readonly inner: FixOrderEntryPort, private readonly pool: GatewayPoolSide) {
    this.sessionId = inner.sessionId;
    this.gatewayId = inner.gatewayId;
  }

  view(_nowNs: Ns): SessionView {
    return this.inner.view();
  }

  canSend(): boolean {
    return this.inner.canSend() && this.pool.routable();
  }

  sendNewOrder(order: NewChildOrder): void {
    this.pool.sendNew(order.clOrdId, () => this.inner.sendNewOrder(order));
  }

  sendCancel(request: { clOrdId: string; origClOrdId: string; side: Side; qtyShares: number }): void {
    this.pool.sendFollowUp(request.origClOrdId, request.clOrdId, () => this.inner.sendCancel(request));
  }

  sendReplace(request: { clOrdId: string; origClOrdId: string; side: Side; priceTicks: number; qtyShares: number }): void {
    this.pool.sendFollowUp(request.origClOrdId, request.clOrdId, () => this.inner.sendReplace(request));
  }

  sendStatusRequest(request: { clOrdId: string; side: Side }): void {
    this.pool.sendFollowUp(request.clOrdId, undefined, () => this.inner.sendStatusRequest(request));
  }

  // A mass request names no order of the pool's: it goes through whichever node the pool routes it to.
  sendMassCancel(request: MassCancelRequest): boolean {
    if (!this.inner.speaksMassRequests) return false;
    this.pool.sendFollowUp(request.clOrdId, undefined, () => this.inner.sendMassCancel(request));
    return true;
  }

  sendMassStatus(request: MassStatusRequest): boolean {
    if (!this.inner.speaksMassRequests) return false;
    this.pool.sendFollowUp(request.massStatusReqId, undefined, () => this.inner.sendMassStatus(request));
    return true;
  }
}
