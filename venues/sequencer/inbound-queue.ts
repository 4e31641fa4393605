/**
 * A double-ended FIFO of inbound messages with their arrival times: the venue front end's queue in
 * front of the sequencer. Ring buffer over a growable array and a Float64Array of arrival times, so
 * queueing a message allocates nothing once the buffer has grown.
 *
 * `pushFront` exists for one case only: at a takeover, the inputs a lagging backup must re-derive go
 * ahead of everything that waited.
 */
import { invariant, type Ns } from '../../sim/index.ts';

export class InboundQueue<I> {
  private items: (I | undefined)[] = new Array(64);
  private arrivals = new Float64Array(64);
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** Arrival time of the oldest message, or undefined when empty. */
  get headArrivalNs(): Ns | undefined {
    return this.size > 0 ? this.arrivals[this.head] : undefined;
  }

  push(item: I, arrivedAtNs: Ns): void {
    if (this.size === this.items.length) this.grow();
    const index = (this.head + this.size) % this.items.length;
    this.items[index] = item;
    this.arrivals[index] = arrivedAtNs;
    this.size++;
  }

  pushFront(item: I, arrivedAtNs: Ns): void {
    if (this.size === this.items.length) this.grow();
    this.head = (this.head - 1 + this.items.length) % this.items.length;
    this.items[this.head] = item;
    this.arrivals[this.head] = arrivedAtNs;
    this.size++;
  }

  /** Removes the oldest message; its arrival time is read first with `headArrivalNs`. */
  shift(): I {
    invariant(this.size > 0, 'shift from an empty inbound queue');
    const item = this.items[this.head] as I;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.size--;
    return item;
  }

  /** Moves every message of `other` to the back of this queue, oldest first. */
  appendAll(other: InboundQueue<I>): void {
    while (other.length > 0) {
      const arrivedAtNs = other.headArrivalNs as Ns;
      this.push(other.shift(), arrivedAtNs);
    }
  }

  private grow(): void {
    const capacity = this.items.length * 2;
    const items: (I | undefined)[] = new Array(capacity);
    const arrivals = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.items.length;
      items[i] = this.items[from];
      arrivals[i] = this.arrivals[from];
    }
    this.items = items;
    this.arrivals = arrivals;
    this.head = 0;
  }
}
