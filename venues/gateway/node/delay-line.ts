/**
 * An in-order link with latency: one TCP connection (router to gateway, gateway to venue, and back).
 * Each item is delayed by its own draw but never overtakes the one sent before it, so it arrives at
 * max(now + delay, previous arrival). Items wait in a ring, so sending allocates nothing once the
 * ring has grown; each item carries one number (`tag`, a timestamp or an index) beside it.
 *
 * A link that breaks (its process crashed) drops what is still in flight: `dropAll` cancels the
 * pending arrivals and hands each item back to say it was lost.
 */
import { invariant, type EventHandler, type EventId, type Kernel, type Ns } from '../../../sim/index.ts';

export interface DelayLineSink<T> {
  arrive(item: T, tag: number): void;
}

const INITIAL_CAPACITY = 64;

export class DelayLine<T> implements EventHandler {
  private items: (T | undefined)[] = new Array(INITIAL_CAPACITY);
  private tags = new Float64Array(INITIAL_CAPACITY);
  private eventIds = new Float64Array(INITIAL_CAPACITY);
  private head = 0;
  private size = 0;
  private lastArrivalNs: Ns = 0;

  constructor(private readonly kernel: Kernel, private readonly sink: DelayLineSink<T>) {}

  get inFlight(): number {
    return this.size;
  }

  send(item: T, delayNs: Ns, tag = 0): void {
    invariant(delayNs >= 0, () => `link delay must be >= 0, got ${delayNs}`);
    const arrivalNs = Math.max(this.kernel.now + delayNs, this.lastArrivalNs);
    this.lastArrivalNs = arrivalNs;
    if (this.size === this.items.length) this.grow();
    const slot = (this.head + this.size) % this.items.length;
    this.items[slot] = item;
    this.tags[slot] = tag;
    this.eventIds[slot] = this.kernel.schedule(arrivalNs, this);
    this.size++;
  }

  handleEvent(): void {
    const slot = this.head;
    const item = this.items[slot] as T;
    const tag = this.tags[slot];
    this.items[slot] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.size--;
    this.sink.arrive(item, tag);
  }

  /** Breaks the link: nothing in flight arrives; each lost item is passed to `lost` in order. */
  dropAll(lost: (item: T, tag: number) => void): void {
    while (this.size > 0) {
      const slot = this.head;
      this.kernel.cancel(this.eventIds[slot] as EventId);
      const item = this.items[slot] as T;
      this.items[slot] = undefined;
      this.head = (this.head + 1) % this.items.length;
      this.size--;
      lost(item, this.tags[slot]);
    }
    this.lastArrivalNs = this.kernel.now;
  }

  private grow(): void {
    const capacity = this.items.length * 2;
    const items: (T | undefined)[] = new Array(capacity);
    const tags = new Float64Array(capacity);
    const eventIds = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.items.length;
      items[i] = this.items[from];
      tags[i] = this.tags[from];
      eventIds[i] = this.eventIds[from];
    }
    this.items = items;
    this.tags = tags;
    this.eventIds = eventIds;
    this.head = 0;
  }
}
