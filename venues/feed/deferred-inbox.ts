/**
 * Packets a path has handed over for delivery at a later instant, kept in delivery order, for a
 * receiver that applies them when someone looks (feed-path.ts `deferTo`, receiver.ts). A FIFO with a
 * head index, compacted when the consumed part dominates, so it allocates nothing per packet once grown.
 * Units: ns.
 */
import type { Ns } from '../../sim/index.ts';
import type { FeedPacket } from './packet.ts';

export class DeferredInbox<M> {
  private readonly times: Ns[] = [];
  private readonly packets: FeedPacket<M>[] = [];
  private head = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  /** Delivery time of the oldest packet; undefined when empty. */
  get headTimeNs(): Ns | undefined {
    return this.head < this.times.length ? this.times[this.head] : undefined;
  }

  push(atNs: Ns, packet: FeedPacket<M>): void {
    this.times.push(atNs);
    this.packets.push(packet);
  }

  /** Removes and returns the oldest packet (the caller has read `headTimeNs`). */
  shift(): FeedPacket<M> {
    const packet = this.packets[this.head];
    this.head++;
    if (this.head === this.times.length) {
      this.times.length = 0;
      this.packets.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.packets.splice(0, this.head);
      this.head = 0;
    }
    return packet;
  }
}
