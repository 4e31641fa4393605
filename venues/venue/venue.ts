/**
 * The venue: one instrument's book, driven through a sequencer with primary/backup failover, with
 * a market-data feed publisher and an order-entry API for sessions and the background flow.
 *
 * Every request (a session's or the background flow's) goes through the sequencer's queue and is
 * journaled, so an outage delays everyone alike and replaying the journal rebuilds the same book.
 * Each sequenced output is routed by what it is: acks, rejects, cancels and replaces to the order's
 * owner; a fill to the maker's and the taker's owners and, as an anonymous trade print, to the feed;
 * level updates to the feed. Outputs carry the venue sequence number. A request refused during a
 * failover transition goes back to its owner as an "unavailable" notice. When a takeover rewinds
 * the venue's truth (lost journal entries, a new epoch), the feed starts a new session, which sends
 * every receiver to a snapshot.
 *
 * Reads (best quotes, an order's open quantity) see the active node's book at once: the background
 * flow is a model of the market, not a participant with a feed. An order still waiting in the
 * sequencer's queue counts as open for its full quantity, so a flow does not forget it during an
 * outage; after `haltReactionNs` of silence the background flow's participants stop sending until the
 * venue answers again. Seeds 000 and 001; DESIGN.md "truth and belief": the venue is the truth.
 * Leaves out: multiple instruments, fees, self-trade prevention (the book's), per-session throttles.
 */
import type { Kernel, Ns } from '../../sim/index.ts';
import { OrderIdCounter, type BookEvent, type OrderBook, type OrderIdSource, type OrderType, type Side } from '../book/index.ts';
import { FeedPublisher, type FeedPublisherConfig, type FeedSnapshot, type SnapshotSource } from '../feed/index.ts';
import {
  FanOutListener,
  Sequencer,
  type SequencedOutput,
  type SequencerConfig,
  type SequencerHeartbeat,
  type SequencerListener,
  type SessionMarker,
} from '../sequencer/index.ts';
import type { L2Book, VenueFeedMessage } from './feed-messages.ts';
import { BookMachine, type VenueRequest } from './requests.ts';
import { SilenceWatch, type PausableFlow } from './silence-watch.ts';

export interface OwnerSink {
  /** A sequenced output concerning this owner's order: ack, reject, fill, cancel, replace. */
  onOutput(output: SequencedOutput<BookEvent>): void;
  /** A request refused during a failover transition; it was never sequenced. */
  onUnavailable(request: VenueRequest, atNs: Ns): void;
}

export interface BackgroundFlow {
  start(kernel: Kernel): void;
  /** A flow of participants who stop sending to a silent venue; a replay of recorded data has neither. */
  pause?(): void;
  resume?(): void;
}

export interface VenueConfig {
  readonly sequencer: Omit<SequencerConfig<VenueRequest, BookEvent>, 'createReplica' | 'listener'>;
  readonly feed: FeedPublisherConfig;
  /** Extra listeners on the sequencer (an outside observer, a trace). */
  readonly observers?: readonly SequencerListener<VenueRequest, BookEvent>[];
  /** Builds the background flow on this venue's order-entry API and id source. */
  readonly backgroundFlow?: (venue: Venue) => BackgroundFlow;
  /**
   * Participants notice a venue that has sent no heartbeat for this long (ns) and stop sending until
   * it answers again (silence-watch.ts). Undefined: they never notice.
   */
  readonly haltReactionNs?: Ns;
}

function isPausable(flow: BackgroundFlow | undefined): flow is BackgroundFlow & PausableFlow {
  return flow?.pause !== undefined && flow.resume !== undefined;
}

export class Venue implements SequencerListener<VenueRequest, BookEvent>, SnapshotSource<L2Book> {
  readonly sequencer: Sequencer<VenueRequest, BookEvent>;
  readonly feed: FeedPublisher<VenueFeedMessage>;
  readonly ids: OrderIdSource = new OrderIdCounter();
  private readonly owners = new Map<number, OwnerSink>();
  // Open quantity of new orders still waiting to be sequenced.
  private readonly pendingQty = new Map<number, number>();
  private readonly flow: BackgroundFlow | undefined;
  private readonly silenceWatch: SilenceWatch | undefined;
  private feedEpoch = 1;

  constructor(private readonly kernel: Kernel, config: VenueConfig) {
    const listener = config.observers?.length ? new FanOutListener([this, ...config.observers]) : this;
    this.sequencer = new Sequencer(kernel, { ...config.sequencer, createReplica: () => new BookMachine(), listener });
    this.feed = new FeedPublisher(kernel, config.feed);
    this.flow = config.backgroundFlow?.(this);
    if (config.haltReactionNs !== undefined && isPausable(this.flow)) this.silenceWatch = new SilenceWatch(kernel, config.haltReactionNs, this.flow);
  }

  start(): void {
    this.sequencer.start();
    this.feed.start();
    this.flow?.start(this.kernel);
    this.silenceWatch?.start();
  }

  /** The book of the active sequencer node: the venue's truth. */
  get book(): OrderBook {
    return (this.sequencer.replica as BookMachine).book;
  }

  /** The state hash of a fresh book fed the whole journal; equals `book.stateHash()` when replay is exact. */
  replayedBookHash(): string {
    return (this.sequencer.journal.replay() as BookMachine).book.stateHash();
  }

  connect(ownerId: number, sink: OwnerSink): void {
    this.owners.set(ownerId, sink);
  }

  nextOrderId(): number {
    return this.ids.nextOrderId();
  }

  // ---- order entry ------------------------------------------------------------------------------

  submit(request: VenueRequest): void {
    if (request.kind === 'new') this.pendingQty.set(request.orderId, request.qtyShares);
    this.sequencer.submit(request);
  }
  submitOrder(orderId: number, ownerId: number, side: Side, orderType: OrderType, priceTicks: number, qtyShares: number): void {
    this.submit({ kind: 'new', orderId, ownerId, side, orderType, priceTicks, qtyShares });
  }
  submitLimit(orderId: number, ownerId: number, side: Side, priceTicks: number, qtyShares: number): void {
    this.submitOrder(orderId, ownerId, side, 'limit', priceTicks, qtyShares);
  }
  submitIoc(orderId: number, ownerId: number, side: Side, priceTicks: number, qtyShares: number): void {
    this.submitOrder(orderId, ownerId, side, 'ioc', priceTicks, qtyShares);
  }
  submitMarket(orderId: number, ownerId: number, side: Side, qtyShares: number): void {
    this.submitOrder(orderId, ownerId, side, 'market', 0, qtyShares);
  }
  cancel(orderId: number, ownerId: number): void {
    this.submit({ kind: 'cancel', orderId, ownerId });
  }
  replace(orderId: number, ownerId: number, priceTicks: number, orderQtyShares: number): void {
    this.submit({ kind: 'replace', orderId, ownerId, priceTicks, orderQtyShares });
  }
  massCancel(ownerId: number, side?: Side): void {
    this.submit({ kind: 'mass-cancel', ownerId, side });
  }

  // ---- reads of the truth -----------------------------------------------------------------------

  bestBidTicks(): number | undefined {
    return this.book.bestBidTicks();
  }
  bestAskTicks(): number | undefined {
    return this.book.bestAskTicks();
  }
  leavesQtyShares(orderId: number): number {
    return this.pendingQty.get(orderId) ?? this.book.leavesQtyShares(orderId);
  }
  orderQtyShares(orderId: number): number {
    return this.pendingQty.get(orderId) ?? this.book.orderQtyShares(orderId);
  }

  takeSnapshot(): FeedSnapshot<L2Book> {
    return {
      state: { bids: this.book.levels('buy'), asks: this.book.levels('sell') },
      session: this.feed.session,
      lastSeq: this.feed.nextSeq - 1,
      takenAtNs: this.kernel.now,
    };
  }

  // ---- sequencer outputs ------------------------------------------------------------------------

  onSequenced(output: SequencedOutput<BookEvent>): void {
    const event = output.payload;
    switch (event.type) {
      case 'level':
        this.feed.publish(event);
        return;
      case 'fill':
        this.owners.get(event.makerOwnerId)?.onOutput(output);
        if (event.takerOwnerId !== event.makerOwnerId) this.owners.get(event.takerOwnerId)?.onOutput(output);
        this.feed.publish({ type: 'trade', priceTicks: event.priceTicks, qtyShares: event.qtyShares, aggressorSide: event.aggressorSide });
        return;
      case 'accepted':
        this.pendingQty.delete(event.orderId);
        break;
      case 'rejected':
        if (event.request === 'new') this.pendingQty.delete(event.orderId);
        break;
      default:
        break;
    }
    this.owners.get(event.ownerId)?.onOutput(output);
  }

  onBatchSequenced(): void {
    this.feed.flush();
  }

  onRejected(request: VenueRequest, atNs: Ns): void {
    if (request.kind === 'new') this.pendingQty.delete(request.orderId);
    this.owners.get(request.ownerId)?.onUnavailable(request, atNs);
  }

  onHeartbeat(heartbeat: SequencerHeartbeat): void {
    this.silenceWatch?.onHeartbeat(heartbeat.atNs);
  }

  onMarker(marker: SessionMarker): void {
    // A rewind of the truth invalidates every receiver's book: a new feed session makes them snapshot.
    if (marker.kind === 'takeover' && marker.epoch !== this.feedEpoch) {
      this.feedEpoch = marker.epoch;
      this.feed.newSession();
    }
  }
}
