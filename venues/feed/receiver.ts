/**
 * The router's side of the feed: a receiver that delivers the venue's messages in sequence order,
 * exactly once, each with two timestamps (hftbacktest's exchange and local timestamps): `venueNs`,
 * when the venue produced it, and `localNs`, when the receiver delivered it (after any wait for a
 * gap to fill, so `localNs - venueNs` is the age of the message when the book reflected it).
 *
 * Gaps are detected from sequence numbers (a packet beyond the next expected number, or a heartbeat
 * announcing a higher next number). Messages beyond a gap are buffered; a `GapRecovery` fills the
 * gap by re-requests (rate-limited server, bounded messages per request, a timeout to ask again) or
 * by a snapshot followed by the buffered messages after the snapshot's sequence number. A new
 * session (the venue's truth rewound) always needs a snapshot: the book built so far is invalid.
 *
 * Staleness, for BSR (METRICS.md): `bookAsOfVenueNs` is the venue time up to which the receiver's
 * book is known complete: the production time of the last message delivered, or the send time of a
 * heartbeat that showed nothing was missing. `bookAgeNs(now)` is now minus that; it grows without
 * bound while a gap is open. Gap episodes (detected, missing range, recovered) are recorded.
 * Seed 001 sections 2A and 3 (gap events, BSR). Leaves out: the receiver's own processing time.
 *
 * Deferred delivery (`deliverAt`, for a path configured `deferred`): a packet that continues the
 * sequence while nothing is wrong changes nothing but the book, so it is queued with its delivery time
 * and applied, with that time as its local time, when someone reads (`catchUp`, which the market book
 * calls) or before anything else reaches the receiver: the same state at every read as one event per
 * packet would give, without the events. A packet that may reveal a gap, a session change or a
 * retransmission, and every packet while the receiver is recovering, is applied at its own instant
 * by an event, as before.
 * Units: ns, messages.
 */
import { invariant, type EventHandler, type EventId, type Kernel, type Ns, type UniformSource } from '../../sim/index.ts';
import type { LatencyModel } from '../gateway/latency-model.ts';
import type { DeferredPacketSink, FeedPacket, PacketSink } from './packet.ts';
import type { GapRecovery, RecoveryActions } from './recovery.ts';
import type { RetransmissionRequest, RetransmissionServer } from './retransmission.ts';
import type { FeedSnapshot, SnapshotChannel, SnapshotConsumer } from './snapshot.ts';
import { InboundQueue } from '../sequencer/inbound-queue.ts';

export interface FeedConsumer<M, S> {
  onMessage(payload: M, seq: number, venueNs: Ns, localNs: Ns): void;
  /** The book is replaced by `state`, which includes every message up to `lastSeq`. */
  onSnapshot(state: S, lastSeq: number, venueNs: Ns, localNs: Ns): void;
}

export interface RetransmissionLink<M> {
  readonly server: RetransmissionServer<M>;
  readonly requestLatency: LatencyModel;
  readonly requestRng: UniformSource;
  /** The receiver's own path from the server, with its latency and loss. */
  readonly replyPath: PacketSink<M>;
  readonly maxMessagesPerRequest: number;
  readonly requestTimeoutNs: Ns;
}

export interface GapEpisode {
  readonly session: number;
  readonly detectedAtNs: Ns;
  readonly firstMissingSeq: number;
  readonly missingAtDetection: number;
  recoveredAtNs: Ns | undefined;
  retransmitRequests: number;
  snapshotRequests: number;
  readonly sessionReset: boolean;
}

const SEND_REQUEST = 1;
const REQUEST_TIMEOUT = 2;
const WAKE = 3;

export class FeedReceiver<M, S> implements PacketSink<M>, DeferredPacketSink<M>, EventHandler, RecoveryActions, SnapshotConsumer<S> {
  readonly episodes: GapEpisode[] = [];
  private sessionNow: number;
  private nextSeq = 1;
  private highestSeenSeq = 0;
  private readonly bufferedPayloads = new Map<number, M>();
  private readonly bufferedProducedNs = new Map<number, Ns>();
  private episode: GapEpisode | undefined;
  private requestOutstanding = false;
  private requestTimeout: EventId | undefined;
  private snapshotPending = false;
  // Set by a session reset until a snapshot of the new session is applied.
  private needSnapshot = false;
  private asOfVenueNs: Ns = 0;
  private retransmission: RetransmissionLink<M> | undefined;
  private snapshots: SnapshotChannel<S> | undefined;
  private duplicates = 0;
  private delivered = 0;
  private timeouts = 0;
  // Deferred delivery: the queue, whether everything in it continues the sequence quietly (and where
  // the sequence then stands), the instant of the packet being applied, and the pending wake event.
  private readonly inbox = new InboundQueue<FeedPacket<M>>();
  private deferring = true;
  private queuedNextSeq = 1;
  private queuedSession: number;
  private applyingAtNs: Ns | undefined;
  private wakePending = false;

  constructor(private readonly kernel: Kernel, private readonly consumer: FeedConsumer<M, S>, private readonly recovery: GapRecovery, initialSession = 1) {
    this.sessionNow = initialSession;
    this.queuedSession = initialSession;
  }

  attachRetransmission(link: RetransmissionLink<M>): void {
    this.retransmission = link;
  }
  attachSnapshots(channel: SnapshotChannel<S>): void {
    this.snapshots = channel;
  }

  get session(): number {
    return this.sessionNow;
  }
  /** Sequence number of the last message delivered (or covered by a snapshot). */
  get lastDeliveredSeq(): number {
    return this.nextSeq - 1;
  }
  get isRecovering(): boolean {
    return this.episode !== undefined;
  }
  get bookAsOfVenueNs(): Ns {
    return this.asOfVenueNs;
  }
  bookAgeNs(nowNs: Ns): Ns {
    return nowNs - this.asOfVenueNs;
  }
  get duplicateMessages(): number {
    return this.duplicates;
  }
  get deliveredMessages(): number {
    return this.delivered;
  }
  get requestTimeouts(): number {
    return this.timeouts;
  }

  /** A packet from a path that delivers by event (retransmissions, or a path not deferred): applied now. */
  onPacket(packet: FeedPacket<M>): void {
    this.catchUp(this.kernel.now);
    this.apply(packet);
    this.afterEagerInput();
  }

  deliverAt(deliveryNs: Ns, packet: FeedPacket<M>): void {
    this.catchUp(this.kernel.now);
    this.inbox.push(packet, deliveryNs);
    const quiet = this.deferring && this.steady() && !packet.retransmission && packet.session === this.queuedSession && packet.firstSeq === this.queuedNextSeq;
    if (quiet) {
      this.queuedNextSeq += packet.count;
      return;
    }
    this.deferring = false;
    this.wakeForHead();
  }

  /** Applies every deferred packet delivered by `nowNs`, each at its own delivery time. */
  catchUp(nowNs: Ns): void {
    for (let at = this.inbox.headArrivalNs; at !== undefined && at <= nowNs; at = this.inbox.headArrivalNs) {
      const packet = this.inbox.shift();
      this.applyingAtNs = at;
      this.apply(packet);
      this.applyingAtNs = undefined;
    }
  }

  private apply(packet: FeedPacket<M>): void {
    if (packet.session < this.sessionNow) return;
    if (packet.session > this.sessionNow) this.resetSession(packet.session);
    if (packet.retransmission) this.clearRequest();
    if (packet.count === 0) {
      this.highestSeenSeq = Math.max(this.highestSeenSeq, packet.firstSeq - 1);
      if (packet.firstSeq === this.nextSeq && !this.holding()) this.asOfVenueNs = Math.max(this.asOfVenueNs, packet.sentAtNs);
    }
    for (let i = 0; i < packet.count; i++) {
      const seq = packet.firstSeq + i;
      if (seq < this.nextSeq || this.bufferedPayloads.has(seq)) {
        this.duplicates++;
      } else if (seq === this.nextSeq && !this.holding()) {
        this.deliver(packet.payloads[i], packet.producedAtNs[i]);
      } else {
        this.bufferedPayloads.set(seq, packet.payloads[i]);
        this.bufferedProducedNs.set(seq, packet.producedAtNs[i]);
      }
    }
    if (packet.count > 0) this.highestSeenSeq = Math.max(this.highestSeenSeq, packet.firstSeq + packet.count - 1);
    this.drainBuffer();
    this.checkGap();
  }

  requestRetransmission(): void {
    const link = this.retransmission;
    invariant(link !== undefined, 'gap recovery asked for a retransmission but the receiver has no re-request link');
    let count = 0;
    const limit = Math.min(link.maxMessagesPerRequest, this.highestSeenSeq - this.nextSeq + 1);
    while (count < limit && !this.bufferedPayloads.has(this.nextSeq + count)) count++;
    invariant(count > 0, 'retransmission requested with nothing missing');
    const request: RetransmissionRequest<M> = { session: this.sessionNow, firstSeq: this.nextSeq, count, replyTo: link.replyPath };
    this.requestOutstanding = true;
    if (this.episode !== undefined) this.episode.retransmitRequests++;
    this.kernel.scheduleAfter(link.requestLatency.sampleNs(link.requestRng), this, SEND_REQUEST, request);
    this.requestTimeout = this.kernel.scheduleAfter(link.requestTimeoutNs, this, REQUEST_TIMEOUT);
  }

  requestSnapshot(): void {
    invariant(this.snapshots !== undefined, 'gap recovery asked for a snapshot but the receiver has no snapshot channel');
    this.snapshotPending = true;
    if (this.episode !== undefined) this.episode.snapshotRequests++;
    this.snapshots.request(this);
  }

  onSnapshotResponse(snapshot: FeedSnapshot<S>): void {
    this.catchUp(this.kernel.now);
    this.snapshotPending = false;
    if (snapshot.session > this.sessionNow) this.resetSession(snapshot.session, false);
    // A snapshot of an older session, or older than the book, is of no use; the gap check asks again.
    if (snapshot.session === this.sessionNow && snapshot.lastSeq >= this.nextSeq - 1) {
      this.needSnapshot = false;
      this.consumer.onSnapshot(snapshot.state, snapshot.lastSeq, snapshot.takenAtNs, this.kernel.now);
      for (let seq = this.nextSeq; seq <= snapshot.lastSeq; seq++) {
        this.bufferedPayloads.delete(seq);
        this.bufferedProducedNs.delete(seq);
      }
      this.nextSeq = snapshot.lastSeq + 1;
      this.highestSeenSeq = Math.max(this.highestSeenSeq, snapshot.lastSeq);
      this.asOfVenueNs = Math.max(this.asOfVenueNs, snapshot.takenAtNs);
    }
    this.drainBuffer();
    this.checkGap();
    this.afterEagerInput();
  }

  handleEvent(kind: number, data: unknown): void {
    this.catchUp(this.kernel.now);
    if (kind === WAKE) {
      this.wakePending = false;
      this.afterEagerInput();
      return;
    }
    if (kind === SEND_REQUEST) {
      (this.retransmission as RetransmissionLink<M>).server.submit(data as RetransmissionRequest<M>);
      return;
    }
    this.requestTimeout = undefined;
    this.requestOutstanding = false;
    this.timeouts++;
    this.checkGap();
    this.afterEagerInput();
  }

  // Nothing is wrong: no gap episode, no snapshot awaited, nothing buffered beyond a gap.
  private steady(): boolean {
    return this.episode === undefined && !this.holding() && this.bufferedPayloads.size === 0;
  }

  // After anything but a quiet packet: defer again once steady with nothing queued; otherwise take the
  // queued packets at their own instants.
  private afterEagerInput(): void {
    if (this.steady() && this.inbox.length === 0) {
      this.deferring = true;
      this.queuedNextSeq = this.nextSeq;
      this.queuedSession = this.sessionNow;
      return;
    }
    this.deferring = false;
    this.wakeForHead();
  }

  private wakeForHead(): void {
    const at = this.inbox.headArrivalNs;
    if (at === undefined || this.wakePending) return;
    this.wakePending = true;
    this.kernel.schedule(Math.max(at, this.kernel.now), this, WAKE);
  }

  private deliver(payload: M, producedAtNs: Ns): void {
    const seq = this.nextSeq++;
    this.delivered++;
    this.asOfVenueNs = Math.max(this.asOfVenueNs, producedAtNs);
    this.consumer.onMessage(payload, seq, producedAtNs, this.applyingAtNs ?? this.kernel.now);
  }

  private drainBuffer(): void {
    if (this.holding()) return;
    while (this.bufferedPayloads.has(this.nextSeq)) {
      const seq = this.nextSeq;
      const payload = this.bufferedPayloads.get(seq) as M;
      const producedAtNs = this.bufferedProducedNs.get(seq) as Ns;
      this.bufferedPayloads.delete(seq);
      this.bufferedProducedNs.delete(seq);
      this.deliver(payload, producedAtNs);
    }
  }

  private missingMessages(): number {
    return Math.max(0, this.highestSeenSeq - this.nextSeq + 1 - this.bufferedPayloads.size);
  }

  // Incrementals wait while a snapshot is due: they will be applied after it, from its sequence on.
  private holding(): boolean {
    return this.snapshotPending || this.needSnapshot;
  }

  private checkGap(): void {
    const missing = this.missingMessages();
    if (this.needSnapshot) {
      if (!this.snapshotPending) this.requestSnapshot();
      return;
    }
    if (missing === 0 && !this.snapshotPending) {
      if (this.episode !== undefined) {
        this.episode.recoveredAtNs = this.kernel.now;
        this.episode = undefined;
      }
      return;
    }
    if (this.episode === undefined) this.openEpisode(missing, false);
    if (!this.requestOutstanding && !this.snapshotPending) this.recovery.recover(missing, this);
  }

  private openEpisode(missing: number, sessionReset: boolean): void {
    this.episode = {
      session: this.sessionNow,
      detectedAtNs: this.kernel.now,
      firstMissingSeq: this.nextSeq,
      missingAtDetection: missing,
      recoveredAtNs: undefined,
      retransmitRequests: 0,
      snapshotRequests: 0,
      sessionReset,
    };
    this.episodes.push(this.episode);
  }

  // The venue started a new session: what was built from the old one cannot be trusted.
  private resetSession(session: number, fetchSnapshot = true): void {
    this.sessionNow = session;
    this.nextSeq = 1;
    this.highestSeenSeq = 0;
    this.bufferedPayloads.clear();
    this.bufferedProducedNs.clear();
    this.clearRequest();
    // An open episode of the old session is abandoned unrecovered.
    this.episode = undefined;
    this.openEpisode(0, true);
    this.needSnapshot = true;
    if (fetchSnapshot && !this.snapshotPending) this.requestSnapshot();
  }

  private clearRequest(): void {
    this.requestOutstanding = false;
    if (this.requestTimeout !== undefined) this.kernel.cancel(this.requestTimeout);
    this.requestTimeout = undefined;
  }
}
