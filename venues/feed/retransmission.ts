/**
 * The venue's re-request server, after MoldUDP64's: a receiver asks for `count` messages from
 * `firstSeq` of a session; the server answers with one packet of at most `maxMessagesPerRequest`
 * of them (the receiver asks again for the rest) on the receiver's own reply path, which has its own
 * latency and loss. Requests are served one at a time, at most `requestsPerSec`: a burst of
 * requests queues, which is the rate limit a gap storm runs into. A request for another session or
 * for messages not yet sent gets no answer; the receiver's timeout covers it.
 *
 * Seed 001: "replay throughput (msgs/s), drain slope" of the recovery channel.
 * Leaves out: per-client quotas and request coalescing. Units: requests per second, ns.
 */
import { invariant, type EventHandler, type Kernel, type Ns } from '../../sim/index.ts';
import type { PacketSink } from './packet.ts';
import type { FeedPublisher } from './publisher.ts';

export interface RetransmissionRequest<M> {
  readonly session: number;
  readonly firstSeq: number;
  readonly count: number;
  readonly replyTo: PacketSink<M>;
}

export interface RetransmissionServerConfig {
  readonly maxMessagesPerRequest: number;
  readonly requestsPerSec: number;
}

export class RetransmissionServer<M> implements EventHandler {
  private readonly intervalNs: Ns;
  private nextFreeNs: Ns = 0;
  private served = 0;
  private messagesResent = 0;

  constructor(private readonly kernel: Kernel, private readonly publisher: FeedPublisher<M>, readonly config: RetransmissionServerConfig) {
    invariant(Number.isInteger(config.maxMessagesPerRequest) && config.maxMessagesPerRequest >= 1, 'maxMessagesPerRequest must be an integer >= 1');
    invariant(config.requestsPerSec > 0, 'requestsPerSec must be > 0');
    this.intervalNs = Math.max(1, Math.round(1e9 / config.requestsPerSec));
  }

  get requestsServed(): number {
    return this.served;
  }
  get messagesRetransmitted(): number {
    return this.messagesResent;
  }

  /** A request reaches the server now; it is answered when the rate limit allows. */
  submit(request: RetransmissionRequest<M>): void {
    const serveAtNs = Math.max(this.kernel.now, this.nextFreeNs);
    this.nextFreeNs = serveAtNs + this.intervalNs;
    this.kernel.schedule(serveAtNs, this, 0, request);
  }

  handleEvent(_kind: number, data: unknown): void {
    const request = data as RetransmissionRequest<M>;
    this.served++;
    if (request.session !== this.publisher.session) return;
    const packet = this.publisher.retransmissionPacket(request.firstSeq, Math.min(request.count, this.config.maxMessagesPerRequest));
    if (packet === undefined) return;
    this.messagesResent += packet.count;
    request.replyTo.onPacket(packet);
  }
}
