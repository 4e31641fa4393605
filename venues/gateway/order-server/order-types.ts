/**
 * The order server's vocabulary (seed 004, the CFE gateway's Order Server): what the router sends it,
 * what it keeps per order, what it reports back. Quantities in shares; times in ns.
 */
import type { Ns } from '../../../sim/index.ts';

/** A trading session (a day). Orders from an earlier session (GTC) are not in the venue's download. */
export type TradingSessionId = number;

/** A new order from the router. `clOrdId` is the router's id for it, unique for ever. */
export interface OrderRequest {
  readonly clOrdId: string;
  readonly qtyShares: number;
  readonly sessionId: TradingSessionId;
}

export interface OrderServerFill {
  readonly clOrdId: string;
  /** The venue's id for the execution: a fill is applied once per execId. */
  readonly execId: string;
  readonly qtyShares: number;
  /** The execution's price (the venue's, in ticks): the router prices its fills with it. */
  readonly priceTicks: number;
}

export type ServerOrderState = 'pending-new' | 'working' | 'pending-cancel' | 'filled' | 'cancelled' | 'rejected';

export const isActiveState = (state: ServerOrderState): boolean => state === 'pending-new' || state === 'working' || state === 'pending-cancel';

/** The order server's record of one order. */
export interface ServerOrder {
  clOrdId: string;
  sessionId: TradingSessionId;
  qtyShares: number;
  cumQtyShares: number;
  state: ServerOrderState;
  /**
   * False when the server cannot vouch for the order's state: an order from a previous session after
   * a restart (the venue does not resend it, so fills during the outage are unknown to the gateway).
   */
  verified: boolean;
}

/** What the router receives from the order server. */
export type OrderServerReport =
  | { readonly kind: 'ack'; readonly clOrdId: string }
  | { readonly kind: 'fill'; readonly fill: OrderServerFill }
  | { readonly kind: 'cancelled'; readonly clOrdId: string }
  | { readonly kind: 'rejected'; readonly clOrdId: string; readonly reason: string }
  | { readonly kind: 'cancel-rejected'; readonly clOrdId: string; readonly reason: string }
  /**
   * On every (re)connection: the active orders and the current session's fills, as of `asOfNs`. It
   * reflects the router's actions up to `reflectsActionsThrough` (the highest action number this
   * process `incarnation` has received): an order the router sent later may still be on its way, so
   * its absence from the book means nothing yet; one sent to an earlier incarnation and absent was
   * lost with that process.
   */
  | {
      readonly kind: 'order-book';
      readonly asOfNs: Ns;
      readonly incarnation: number;
      readonly reflectsActionsThrough: number;
      /**
       * The server started from a replacement drive: orders it had before are gone from its books, so
       * their absence says nothing about them (they may still be working at the venue).
       */
      readonly logLost: boolean;
      readonly activeOrders: readonly ServerOrder[];
      readonly fills: readonly OrderServerFill[];
    };

export type OrderServerProcessState = 'down' | 'starting' | 'running';
/** The exchange link as the gateway's monitor shows it: cycling reconnects show as `feed-down`. */
export type ExchangeLinkState = 'feed-down' | 'recovering' | 'connected';

/** What the router can observe about the order server, with the time it was observed. */
export interface OrderServerStatus {
  readonly observedAtNs: Ns;
  readonly gatewayId: string;
  readonly process: OrderServerProcessState;
  /** Counts process starts: a new incarnation has lost whatever was in flight to the old one. */
  readonly incarnation: number;
  readonly exchangeLink: ExchangeLinkState;
  /** Reconnect attempts since the link was last lost. */
  readonly reconnectAttempts: number;
  /** When the current startup ends (only while starting): startup time grows with the log. */
  readonly startupEndsAtNs: Ns | undefined;
}

/** Why the server refused a router action at once (domain outcomes, as values). */
export type OrderServerRefusal = 'gateway-down' | 'gateway-starting';
