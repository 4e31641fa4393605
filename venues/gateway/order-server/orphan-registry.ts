/**
 * Orders working (or worked) at the venue that the router cannot see or cannot trust, each with why:
 * the administrator's inbox (seed 004: "any missed fills for those orders are reported to the
 * Administrator") and the phone desk's log. Truth-side: the harness and the audit read it; a policy
 * never does.
 *
 * Reasons:
 * - `order-log-lost`: the server's log was destroyed; the venue's download shows an order it cannot
 *   attribute, so it cannot show it to the router.
 * - `not-in-order-log`: the venue reports an order (or fills) the intact log does not have.
 * - `missing-from-venue-download`: a current-session order the server knows is absent from the download.
 * - `previous-session-unverifiable`: a GTC order from an earlier session after an outage: the venue
 *   does not resend it, so the gateway cannot verify whether it filled.
 * - `found-by-phone`: a person called the exchange; the order was not visible at the gateway.
 */
import type { Ns } from '../../../sim/index.ts';

export type OrphanReason = 'order-log-lost' | 'not-in-order-log' | 'missing-from-venue-download' | 'previous-session-unverifiable' | 'found-by-phone';

export interface OrphanRecord {
  readonly clOrdId: string;
  readonly gatewayId: string;
  readonly reason: OrphanReason;
  readonly recordedAtNs: Ns;
  /** What the venue said about the order then, in words (`working`, `cancelled by phone`, `filled 300`). */
  readonly detail: string;
}

export class OrphanRegistry {
  private readonly list: OrphanRecord[] = [];
  private readonly byOrder = new Map<string, OrphanRecord[]>();

  get records(): readonly OrphanRecord[] {
    return this.list;
  }

  record(record: OrphanRecord): void {
    this.list.push(record);
    const existing = this.byOrder.get(record.clOrdId);
    if (existing === undefined) this.byOrder.set(record.clOrdId, [record]);
    else existing.push(record);
  }

  has(clOrdId: string): boolean {
    return this.byOrder.has(clOrdId);
  }

  recordsFor(clOrdId: string): readonly OrphanRecord[] {
    return this.byOrder.get(clOrdId) ?? [];
  }
}
