/**
 * A feed packet, MoldUDP64-like: a session, the sequence number of its first message and a message
 * count (0 for a heartbeat, whose sequence number is then the next one to be sent), plus the
 * messages and the venue time each was produced (ITCH messages carry their timestamp).
 * `retransmission` marks a packet sent by the re-request server rather than the live stream.
 * Seed 001: "venue sequence number stream". Leaves out: the wire layout. Units: ns.
 */
import type { Ns } from '../../sim/index.ts';

export interface FeedPacket<M> {
  readonly session: number;
  readonly firstSeq: number;
  readonly count: number;
  readonly sentAtNs: Ns;
  readonly payloads: readonly M[];
  readonly producedAtNs: readonly Ns[];
  readonly retransmission: boolean;
}

export interface PacketSink<M> {
  onPacket(packet: FeedPacket<M>): void;
}

/**
 * A destination that takes a packet now for delivery at `deliveryNs` (>= now, in the order given) and
 * applies it by then without the path scheduling an event for it (receiver.ts).
 */
export interface DeferredPacketSink<M> {
  deliverAt(deliveryNs: Ns, packet: FeedPacket<M>): void;
}
