/**
 * The venue's market-data publisher: a sequenced incremental feed, MoldUDP64/ITCH-like. Messages
 * published at one instant are packed into packets of at most `maxMessagesPerPacket` and multicast
 * to every path; when nothing has been sent for a heartbeat interval a heartbeat (count 0, carrying
 * the next sequence number) goes out, so a receiver can detect the loss of the last packet.
 * The publisher keeps every message of the current session for the re-request server.
 *
 * Seed 001: "venue sequence number stream (live + recovery channel)", "gap events". A new session
 * (after the venue's truth rewound in a lossy takeover) restarts numbering at 1, as MoldUDP64 does.
 * Leaves out: packet size in bytes and the ITCH message layout. Units: ns.
 */
import { invariant, type EventHandler, type Kernel, type Ns } from '../../sim/index.ts';
import type { FeedPacket, PacketSink } from './packet.ts';

export interface FeedPublisherConfig {
  readonly maxMessagesPerPacket: number;
  readonly heartbeatIntervalNs: Ns;
  /**
   * `instant` (the default): messages published at one instant leave together, packed by an event at the
   * end of that instant. `caller`: the publisher's owner calls `flush` when a batch is complete (the venue,
   * after each sequenced input's outputs), which saves that event per batch.
   */
  readonly packing?: 'instant' | 'caller';
}

const FLUSH = 1;
const HEARTBEAT = 2;

export class FeedPublisher<M> implements EventHandler {
  private readonly paths: PacketSink<M>[] = [];
  private sessionNow = 1;
  private payloadHistory: M[] = [];
  private producedHistory: Ns[] = [];
  // History index of the first message not yet packed.
  private unflushedFrom = 0;
  private flushScheduled = false;
  private lastSentNs: Ns = -1;

  constructor(private readonly kernel: Kernel, readonly config: FeedPublisherConfig) {
    invariant(Number.isInteger(config.maxMessagesPerPacket) && config.maxMessagesPerPacket >= 1, 'maxMessagesPerPacket must be an integer >= 1');
    invariant(config.heartbeatIntervalNs > 0, 'feed heartbeat interval must be > 0 ns');
  }

  addPath(path: PacketSink<M>): void {
    this.paths.push(path);
  }

  start(): void {
    this.kernel.scheduleAfter(this.config.heartbeatIntervalNs, this, HEARTBEAT);
  }

  get session(): number {
    return this.sessionNow;
  }
  /** Sequence number the next published message will carry (unflushed messages already count). */
  get nextSeq(): number {
    return this.payloadHistory.length + 1;
  }

  /** Publishes a message now; it leaves in a packet at the end of this instant. */
  publish(payload: M): void {
    this.payloadHistory.push(payload);
    this.producedHistory.push(this.kernel.now);
    if (this.config.packing !== 'caller' && !this.flushScheduled) {
      this.flushScheduled = true;
      this.kernel.schedule(this.kernel.now, this, FLUSH);
    }
  }

  /** Starts a new session: pending messages are sent first, then numbering restarts at 1. */
  newSession(): void {
    this.flush();
    this.sessionNow++;
    this.payloadHistory = [];
    this.producedHistory = [];
    this.unflushedFrom = 0;
  }

  /** Messages [firstSeq, firstSeq + count) of the current session, as a retransmission packet. */
  retransmissionPacket(firstSeq: number, count: number): FeedPacket<M> | undefined {
    const from = firstSeq - 1;
    const to = Math.min(from + count, this.unflushedFrom);
    if (from < 0 || to <= from) return undefined;
    return {
      session: this.sessionNow,
      firstSeq,
      count: to - from,
      sentAtNs: this.kernel.now,
      payloads: this.payloadHistory.slice(from, to),
      producedAtNs: this.producedHistory.slice(from, to),
      retransmission: true,
    };
  }

  handleEvent(kind: number): void {
    if (kind === FLUSH) {
      this.flush();
      return;
    }
    if (this.kernel.now - this.lastSentNs >= this.config.heartbeatIntervalNs) {
      this.send({ session: this.sessionNow, firstSeq: this.nextSeq, count: 0, sentAtNs: this.kernel.now, payloads: [], producedAtNs: [], retransmission: false });
    }
    this.kernel.scheduleAfter(this.config.heartbeatIntervalNs, this, HEARTBEAT);
  }

  /** Packs and sends every message published and not yet sent. */
  flush(): void {
    this.flushScheduled = false;
    const end = this.payloadHistory.length;
    while (this.unflushedFrom < end) {
      const from = this.unflushedFrom;
      const to = Math.min(end, from + this.config.maxMessagesPerPacket);
      this.unflushedFrom = to;
      this.send({
        session: this.sessionNow,
        firstSeq: from + 1,
        count: to - from,
        sentAtNs: this.kernel.now,
        payloads: this.payloadHistory.slice(from, to),
        producedAtNs: this.producedHistory.slice(from, to),
        retransmission: false,
      });
    }
  }

  private send(packet: FeedPacket<M>): void {
    this.lastSentNs = this.kernel.now;
    for (const path of this.paths) path.onPacket(packet);
  }
}
