/**
 * Reconciles the order server's book with the venue's current-session download after a
 * (re)connection (seed 004: "When X_TRADER reconnects ... it automatically requests all Order Book
 * information"; "CFE only sends order and fill information for the current session").
 *
 * - A downloaded order the server knows: fills it has not applied are missed fills (applied now and
 *   passed on); if the venue no longer has it working, it is filled or cancelled.
 * - A downloaded order the server does not know: after a disk loss nothing can be attributed, so every
 *   one is `order-log-lost`; with an intact log, an unknown order still working or with unapplied
 *   fills is `not-in-order-log` (an order dropped at the rewrite because it was done is not news).
 * - A current-session active order missing from the download: `missing-from-venue-download`.
 * - An active order from a previous session, when the connection comes after the session opened: the
 *   gateway was away while it could trade and the venue does not resend it, so it is
 *   `previous-session-unverifiable` and marked unverified.
 */
import type { OrderServerFill, ServerOrder, TradingSessionId } from './order-types.ts';
import { isActiveState } from './order-types.ts';
import type { OrphanReason } from './orphan-registry.ts';
import type { VenueOrderStatus } from './venue-port.ts';

export interface ReconciliationInput {
  readonly currentSessionId: TradingSessionId;
  readonly logWasLost: boolean;
  /** The gateway was away at some time while the session traded (this connection is after its open). */
  readonly afterOutage: boolean;
}

export interface ReconciliationResult {
  /** Fills applied now that the router has not been told of, in download order. */
  missedFills: OrderServerFill[];
  orphans: { clOrdId: string; reason: OrphanReason; detail: string }[];
  /** Orders whose state changed (to be logged). */
  changed: ServerOrder[];
}

export function reconcileDownload(
  orders: Map<string, ServerOrder>,
  appliedExecIds: Set<string>,
  download: readonly VenueOrderStatus[],
  input: ReconciliationInput,
): ReconciliationResult {
  const result: ReconciliationResult = { missedFills: [], orphans: [], changed: [] };
  const downloaded = new Set<string>();
  for (const status of download) {
    downloaded.add(status.clOrdId);
    const order = orders.get(status.clOrdId);
    const unapplied = status.fills.filter((fill) => !appliedExecIds.has(fill.execId));
    if (order === undefined) {
      if (input.logWasLost) result.orphans.push({ clOrdId: status.clOrdId, reason: 'order-log-lost', detail: describe(status) });
      else if (status.working || unapplied.length > 0) result.orphans.push({ clOrdId: status.clOrdId, reason: 'not-in-order-log', detail: describe(status) });
      continue;
    }
    for (const fill of unapplied) {
      appliedExecIds.add(fill.execId);
      order.cumQtyShares += fill.qtyShares;
      result.missedFills.push(fill);
    }
    const before = order.state;
    if (!status.working && isActiveState(order.state)) order.state = order.cumQtyShares >= order.qtyShares ? 'filled' : 'cancelled';
    else if (status.working && order.state === 'pending-new') order.state = 'working';
    order.verified = true;
    if (order.state !== before) result.changed.push(order);
  }
  for (const order of orders.values()) {
    if (!isActiveState(order.state) || downloaded.has(order.clOrdId)) continue;
    if (order.sessionId === input.currentSessionId) {
      order.verified = false;
      result.orphans.push({ clOrdId: order.clOrdId, reason: 'missing-from-venue-download', detail: `server has it ${order.state}` });
    } else if (input.afterOutage && order.verified) {
      order.verified = false;
      result.orphans.push({ clOrdId: order.clOrdId, reason: 'previous-session-unverifiable', detail: `session ${order.sessionId}, server has it ${order.state}` });
    }
  }
  return result;
}

function describe(status: VenueOrderStatus): string {
  return `${status.working ? 'working' : 'done'}, filled ${status.cumQtyShares} of ${status.qtyShares}`;
}
