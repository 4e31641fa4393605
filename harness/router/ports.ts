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
}

export interface MarketDataPort {
  /** The router's book from its feed receiver, with its age and recovery state. */
  view(nowNs: Ns): MarketView;
}

export interface GatewayPort {
  views(nowNs: Ns): GatewayNodeView[];
}
