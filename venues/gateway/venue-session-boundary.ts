/**
 * The gateway's boundary with the FIX session layer, and where the router's FIX session terminates.
 *
 * Decision: the router's order-entry session terminates AT THE GATEWAY. Router -> gateway is an
 * internal in-order link (a node's inbound and return paths); the gateway holds the venue-facing FIX
 * session (its CompIDs, sequence numbers and message store) and is the venue's counterparty. A gateway
 * node hands an order to its session when the order reaches the wire (`GatewayNodeListener.onWire`)
 * and relays what the session receives back to the router (`GatewayNode.relayAck`).
 *
 * What that means on primary/backup failover (seed 000): when the primary dies, its venue session
 * drops with it; whatever was in the primary (inbound, queued, in service, acks on the way back) is
 * lost, and the router cannot tell which of its orders reached the venue. The backup must log on to the
 * venue itself. Either it resumes the primary's session identity from a message store both can reach
 * (sequence numbers continue, and the venue's ResendRequest/GapFill recovers what the primary missed,
 * with PossDupFlag=Y on replays), or it logs on with its own session and recovers the live set by
 * order status requests or the drop copy. Until that recovery clears, the router's live set is
 * ambiguous: "transport recovery can be faster than state recovery".
 *
 * This interface is what a gateway needs from one venue-facing session; the FIX layer's simulated
 * endpoint provides it. Messages are typed by the caller (`Out`: NewOrderSingle, cancel...).
 */
export interface VenueSessionPort<Out> {
  readonly sessionId: string;
  /** Logged on, with inbound recovery (resend or gap fill) cleared: orders may go out. */
  readonly established: boolean;
  /** Sends an application message on the session; false (nothing sent) when not established. */
  send(message: Out): boolean;
}
