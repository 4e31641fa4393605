/**
 * The venue's side of one order server's exchange link (seed 004): reports travel to the server in
 * order over a link with latency; while the server is not connected the venue queues them, and on
 * reconnection sends the queue first. Only current-session reports are queued: "CFE only sends order
 * and fill information for the current session", so a previous session's report that arises while
 * the gateway is away is never sent. A download answer lost with a broken link is not queued (the
 * server asks again after it reconnects).
 *
 * Left out: a bound on the queue, and reports reordered on the link.
 * Units: the link latency model draws ns.
 */
import type { Kernel, RandomStream } from '../../../sim/index.ts';
import type { LatencyModel } from '../latency-model.ts';
import { DelayLine } from '../node/delay-line.ts';
import type { OrderServerFill, TradingSessionId } from '../order-server/order-types.ts';
import type { VenueOrderEntryListener, VenueOrderStatus } from '../order-server/venue-port.ts';

/** A message from the venue to an order server; `sessionId` is the trading session of the order it is about. */
export type VenueReport =
  | { readonly kind: 'ack' | 'cancelled'; readonly clOrdId: string; readonly sessionId: TradingSessionId }
  | { readonly kind: 'rejected' | 'cancel-rejected'; readonly clOrdId: string; readonly sessionId: TradingSessionId; readonly reason: string }
  | { readonly kind: 'fill'; readonly fill: OrderServerFill; readonly sessionId: TradingSessionId }
  | { readonly kind: 'download'; readonly orders: readonly VenueOrderStatus[] };

export class ReportLink {
  private listener: VenueOrderEntryListener | undefined;
  private queue: VenueReport[] = [];
  private readonly line: DelayLine<VenueReport>;

  constructor(
    kernel: Kernel,
    private readonly currentSessionId: TradingSessionId,
    private readonly latency: LatencyModel,
    private readonly rng: RandomStream,
  ) {
    this.line = new DelayLine(kernel, { arrive: (report) => this.deliver(report) });
  }

  get connected(): boolean {
    return this.listener !== undefined;
  }

  connect(listener: VenueOrderEntryListener): void {
    this.listener = listener;
    const queued = this.queue;
    this.queue = [];
    for (const report of queued) this.line.send(report, this.latency.sampleNs(this.rng));
  }

  /** The link is gone: what was on its way goes back to the front of the queue (current session only). */
  disconnect(): void {
    this.listener = undefined;
    const inFlight: VenueReport[] = [];
    this.line.dropAll((report) => inFlight.push(report));
    this.queue = [...inFlight.filter((report) => this.queues(report)), ...this.queue];
  }

  /** Returns the listener that was connected, if any (to tell it the venue dropped the link). */
  drop(): VenueOrderEntryListener | undefined {
    const listener = this.listener;
    this.disconnect();
    return listener;
  }

  send(report: VenueReport): void {
    if (this.listener !== undefined) this.line.send(report, this.latency.sampleNs(this.rng));
    else if (this.queues(report)) this.queue.push(report);
  }

  private queues(report: VenueReport): boolean {
    return report.kind !== 'download' && report.sessionId === this.currentSessionId;
  }

  private deliver(report: VenueReport): void {
    const listener = this.listener as VenueOrderEntryListener;
    switch (report.kind) {
      case 'ack':
        return listener.onAck(report.clOrdId);
      case 'cancelled':
        return listener.onCancelled(report.clOrdId);
      case 'rejected':
        return listener.onRejected(report.clOrdId, report.reason);
      case 'cancel-rejected':
        return listener.onCancelRejected(report.clOrdId, report.reason);
      case 'fill':
        return listener.onFill(report.fill);
      case 'download':
        return listener.onCurrentSessionOrders(report.orders);
    }
  }
}
