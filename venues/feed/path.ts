/**
 * One network path carrying feed packets to one destination, with a latency model and a loss model.
 * The path is FIFO, like one link: a packet is delivered no earlier than the one sent before it
 * (hftbacktest assumes the same ordering). Reordering across paths (A/B feeds, retransmissions on
 * their own path) is left to the receiver.
 *
 * Seed 001 ("market-data sequence continuity becomes noisy"): loss here is what makes gaps.
 * Leaves out: bandwidth and queueing in switches. Random streams: one for latency, one for loss,
 * named by the caller after the path (`feed.<path>.latency`, `feed.<path>.loss`).
 * Units: latency draws in integer ns (the gateway's `LatencyModel`).
 */
import { invariant, type EventHandler, type Kernel, type Ns, type UniformSource } from '../../sim/index.ts';
import type { LatencyModel } from '../gateway/latency-model.ts';
import type { LossModel } from './loss.ts';
import type { DeferredPacketSink, FeedPacket, PacketSink } from './packet.ts';

export interface FeedPathConfig {
  readonly name: string;
  readonly latency: LatencyModel;
  readonly loss: LossModel;
  readonly latencyRng: UniformSource;
  readonly lossRng: UniformSource;
  /**
   * Hand each packet to the destination at once with its delivery time (`DeferredPacketSink`) instead of
   * by an event at that time: for a receiver whose reader catches it up before reading (receiver.ts).
   */
  readonly deferred?: boolean;
}

export class FeedPath<M> implements PacketSink<M>, EventHandler {
  private lastDeliveryNs: Ns = 0;
  private sent = 0;
  private dropped = 0;
  // The destination as a deferred sink when the path is configured `deferred`; undefined otherwise.
  private readonly deferredSink: DeferredPacketSink<M> | undefined;

  constructor(
    private readonly kernel: Kernel,
    readonly config: FeedPathConfig,
    private readonly destination: PacketSink<M> & Partial<DeferredPacketSink<M>>,
  ) {
    invariant(config.deferred !== true || destination.deliverAt !== undefined, () => `feed path ${config.name}: a deferred path needs a destination that takes deferred packets`);
    this.deferredSink = config.deferred === true ? (destination as DeferredPacketSink<M>) : undefined;
  }

  get packetsSent(): number {
    return this.sent;
  }
  get packetsDropped(): number {
    return this.dropped;
  }

  onPacket(packet: FeedPacket<M>): void {
    const now = this.kernel.now;
    this.sent++;
    if (this.config.loss.drops(now, this.config.lossRng)) {
      this.dropped++;
      return;
    }
    const deliveryNs = Math.max(this.lastDeliveryNs, now + this.config.latency.sampleNs(this.config.latencyRng));
    this.lastDeliveryNs = deliveryNs;
    if (this.deferredSink !== undefined) this.deferredSink.deliverAt(deliveryNs, packet);
    else this.kernel.schedule(deliveryNs, this, 0, packet);
  }

  handleEvent(_kind: number, data: unknown): void {
    this.destination.onPacket(data as FeedPacket<M>);
  }
}
