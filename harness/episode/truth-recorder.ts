/**
 * Venue truth about the router's orders, recorded by listening to the sequencer's outputs (only the
 * harness does this: DESIGN.md principle 1). For each router-owned order: when the venue accepted it
 * and the venue mid just before (Perold's price "when the order reached the market"), and every fill
 * at its price. The mid before a request is the mid read after the previous request's outputs, since
 * the sequencer publishes a request's outputs after applying it.
 * A takeover that loses journal entries (playbook 001, `LaggedEntriesLost`) rewinds the venue's truth:
 * the fills the failed primary published on those entries are busted. They leave `fills` for
 * `bustedFills`, although the router was told of them and nothing tells it otherwise.
 * Units: prices in ticks, quantities in shares, times in ns.
 */
import type { Ns } from '../../sim/index.ts';
import type { BookEvent, Fill } from '../../venues/book/index.ts';
import type { SequencedOutput, SequencerHeartbeat, SequencerListener, SessionMarker } from '../../venues/sequencer/index.ts';
import type { Venue, VenueRequest } from '../../venues/venue/index.ts';

export interface TruthFill {
  orderId: number;
  ownerId: number;
  qtyShares: number;
  priceTicks: number;
  atNs: Ns;
  /** The sequence number of the output that reported it: a lossy takeover busts those from its resume point. */
  seq: number;
}

export interface TruthOrder {
  orderId: number;
  ownerId: number;
  acceptedAtNs: Ns;
  arrivalMidTicks: number;
}

export class TruthRecorder implements SequencerListener<VenueRequest, BookEvent> {
  readonly fills: TruthFill[] = [];
  /** Our fills the venue published and then lost at a takeover: trades its surviving book never saw. */
  readonly bustedFills: TruthFill[] = [];
  private epoch = 0;
  readonly orders = new Map<number, TruthOrder>();
  /** Every traded share on the venue (all owners), for volume-relative measures. */
  tradedShares = 0;
  private lastMidTicks: number | undefined;
  private venue: Venue | undefined;

  constructor(private readonly routerOwners: ReadonlySet<number>) {}

  attach(venue: Venue): void {
    this.venue = venue;
  }

  /** The last mid seen with both sides of the book quoted (a thin book can empty one side for a while). */
  get lastMid(): number | undefined {
    return this.lastMidTicks;
  }

  get filledShares(): number {
    return this.fills.reduce((total, fill) => total + fill.qtyShares, 0);
  }

  onSequenced(output: SequencedOutput<BookEvent>): void {
    const event = output.payload;
    if (event.type === 'accepted' && this.routerOwners.has(event.ownerId)) {
      this.orders.set(event.orderId, { orderId: event.orderId, ownerId: event.ownerId, acceptedAtNs: output.producedAtNs, arrivalMidTicks: this.lastMidTicks ?? Number.NaN });
    } else if (event.type === 'fill') {
      this.tradedShares += event.qtyShares;
      if (this.routerOwners.has(event.makerOwnerId)) this.recordFill(output, event, event.makerOrderId, event.makerOwnerId);
      if (this.routerOwners.has(event.takerOwnerId)) this.recordFill(output, event, event.takerOrderId, event.takerOwnerId);
    }
    const bid = this.venue?.book.bestBidTicks();
    const ask = this.venue?.book.bestAskTicks();
    if (bid !== undefined && ask !== undefined) this.lastMidTicks = (bid + ask) / 2;
  }

  onRejected(): void {}
  onHeartbeat(_heartbeat: SequencerHeartbeat): void {}

  onMarker(marker: SessionMarker): void {
    // A new epoch reuses sequence numbers from resumeSeq on: every earlier output numbered from there is lost.
    if (marker.kind !== 'takeover' || marker.epoch === this.epoch) return;
    this.epoch = marker.epoch;
    const kept = this.fills.filter((fill) => fill.seq < marker.resumeSeq);
    this.bustedFills.push(...this.fills.filter((fill) => fill.seq >= marker.resumeSeq));
    this.fills.splice(0, this.fills.length, ...kept);
  }

  private recordFill(output: SequencedOutput<BookEvent>, event: Fill, orderId: number, ownerId: number): void {
    this.fills.push({ orderId, ownerId, qtyShares: event.qtyShares, priceTicks: event.priceTicks, atNs: output.producedAtNs, seq: output.seq });
  }
}
