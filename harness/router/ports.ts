/**
 * What the router is connected to, as interfaces: the world assembly adapts FIX sessions, the
 * market-data receiver and the gateway pool to them. The router never touches venue truth; each port
 * gives it only what its side of the wire could know.
 */
import type { Ns } from '../../sim/index.ts';
import type { GatewayNodeView, MarketView, SessionView, Side } from '../../policies/index.ts';

export type TimeInForce = 'day' | 'ioc';

export interface NewChildOrder {
  clOrdId: string;
  side: Side;
  priceTicks: number;
  qtyShares: number;
  timeInForce: TimeInForce;
}

/** Every order of the session's owner at the venue, on the parent's side: those the router cannot see too. */
export interface MassCancelRequest {
  clOrdId: string;
  side: Side;
}

/** The status of every working order of the session's owner at the venue, on the parent's side. */
export interface MassStatusRequest {
  massStatusReqId: string;
  side: Side;
}

export interface OrderEntryPort {
  readonly sessionId: string;
  readonly gatewayId: string;
  /** The session's sequence signals as the router's FIX engine sees them now. */
  view(nowNs: Ns): SessionView;
  /** Whether a new application message can be sent now (logged on). */
  canSend(): boolean;
  sendNewOrder(order: NewChildOrder): void;
  sendCancel(request: { clOrdId: string; origClOrdId: string; side: Side; qtyShares: number }): void;
  sendReplace(request: { clOrdId: string; origClOrdId: string; side: Side; priceTicks: number; qtyShares: number }): void;
  sendStatusRequest(request: { clOrdId: string; side: Side }): void;
  /**
   * One OrderMassCancelRequest (FIX 4.4). False when this port cannot send one (a FIX 4.2 session has no
   * MsgType q; an order server has no mass cancel): nothing was sent, and the router must cancel order by order.
   */
  sendMassCancel(request: MassCancelRequest): boolean;
  /** One OrderMassStatusRequest (FIX 4.4); false, with nothing sent, when this port cannot send one. */
  sendMassStatus(request: MassStatusRequest): boolean;
}

export interface MarketDataPort {
  /** The router's book from its feed receiver, with its age and recovery state. */
  view(nowNs: Ns): MarketView;
}

export interface GatewayPort {
  views(nowNs: Ns): GatewayNodeView[];
}
