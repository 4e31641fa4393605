/**
 * What the order server needs from the venue (seed 004), as an interface so that it plugs into the
 * venue's order-entry side later. The venue holds the truth; the order server only sees what comes
 * through this port.
 *
 * Contract the venue implements:
 * - `connect` succeeds or not at once (the server's reconnect loop retries); while a gateway is not
 *   connected the venue queues its execution reports ("no order or fill information is lost").
 * - On reconnection the venue delivers the queued reports of current-session orders only; reports for
 *   orders from previous sessions (GTC) that arose while disconnected are not sent.
 * - `requestCurrentSessionOrders` answers through `onCurrentSessionOrders` with the current session's
 *   orders entered through this gateway, each with its fills; previous sessions' orders are not in it.
 * - An order handed to `submitNew` is the venue's from that instant (it is on the wire).
 * - `cancelAllByPhone` is a person calling the exchange: the venue cancels every working order of the
 *   gateway's firm, any session, reports the cancels to a connected server like unsolicited cancels,
 *   and answers with the status of every order it holds for the gateway.
 */
import type { OrderServerFill, OrderRequest, TradingSessionId } from './order-types.ts';

/** The venue's view of one order, as it reports it in a download or a phone call. */
export interface VenueOrderStatus {
  readonly clOrdId: string;
  readonly sessionId: TradingSessionId;
  readonly qtyShares: number;
  readonly cumQtyShares: number;
  readonly working: boolean;
  readonly fills: readonly OrderServerFill[];
}

/** One order in the exchange's answer to a phone call: its state after the call. */
export interface PhoneCancelResult {
  readonly order: VenueOrderStatus;
  /** It was working and the call cancelled it. */
  readonly cancelledByPhone: boolean;
}

export interface VenueOrderEntryListener {
  onAck(clOrdId: string): void;
  onFill(fill: OrderServerFill): void;
  onCancelled(clOrdId: string): void;
  onRejected(clOrdId: string, reason: string): void;
  onCancelRejected(clOrdId: string, reason: string): void;
  onCurrentSessionOrders(orders: readonly VenueOrderStatus[]): void;
  /** The venue side dropped the link (network, venue failover). */
  onLinkLost(): void;
}

export interface OrderServerVenuePort {
  connect(gatewayId: string, listener: VenueOrderEntryListener): boolean;
  /** The gateway's side of the link is gone (its process died). */
  disconnect(gatewayId: string): void;
  submitNew(gatewayId: string, order: OrderRequest): void;
  submitCancel(gatewayId: string, clOrdId: string): void;
  requestCurrentSessionOrders(gatewayId: string): void;
  cancelAllByPhone(gatewayId: string): readonly PhoneCancelResult[];
}
