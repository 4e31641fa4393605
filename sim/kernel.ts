/**
 * The discrete-event kernel: a clock in integer nanoseconds and a queue of pending events.
 *
 * Ordering: events run in order of (time, insertion sequence). Two events scheduled for the same
 * instant run in the order they were scheduled, whoever scheduled them; this is what makes a run
 * reproducible bit for bit, and models may rely on it (an event scheduled "now" from inside a
 * handler runs after every event already pending at this instant).
 *
 * Hot path: the queue is a binary heap over typed arrays, keyed on (time, sequence), holding slot
 * indices into a pool of event records that are reused. Scheduling allocates nothing once the pool has
 * grown; a handler is an object with `handleEvent(kind, data)` so a model schedules many kinds of
 * event without allocating a closure per event. Plain functions are accepted too, for tests and
 * one-off events. Cancellation removes the event from the heap at once (the heap tracks each slot's
 * position), so a cancelled event can never fire and the pending count is exact.
 *
 * The kernel knows nothing of what events mean.
 */
import { invariant } from './invariant.ts';
import type { Ns } from './time.ts';

export interface EventHandler {
  handleEvent(kind: number, data: unknown, kernel: Kernel): void;
}
export type EventCallback = (kind: number, data: unknown, kernel: Kernel) => void;
export type Handler = EventHandler | EventCallback;

/** Identifies a scheduled event for `cancel`; stale ids (fired or cancelled) are recognised. */
export type EventId = number;

export type StopReason = 'drained' | 'until' | 'budget' | 'stopped';
export interface RunOutcome {
  reason: StopReason;
  eventsRun: number;
  now: Ns;
}
export interface RunLimits {
  /** Run events with time <= until, then set the clock to `until`. */
  until?: Ns;
  /** Run at most this many events. */
  maxEvents?: number;
}

/** Observes every dispatched event (tracing); not installed unless asked for. */
export type DispatchObserver = (time: Ns, kind: number, handler: Handler) => void;

// A slot index fits in SLOT_BITS; the rest of an EventId is the slot's generation, so that an id
// kept after its event fired or was cancelled no longer matches once the slot is reused.
const SLOT_CAPACITY_MAX = 1 << 24;
const GENERATION_MODULUS = 1 << 29;
const INITIAL_CAPACITY = 1024;

export class Kernel {
  private nowNs: Ns = 0;
  private nextSequence = 0;
  private stopRequested = false;
  private dispatchObserver: DispatchObserver | undefined;

  // Heap, 0-based: entry i has children 2i+1 and 2i+2.
  private heapTime = new Float64Array(INITIAL_CAPACITY);
  private heapSequence = new Float64Array(INITIAL_CAPACITY);
  private heapSlot = new Int32Array(INITIAL_CAPACITY);
  private heapSize = 0;

  // Event record pool.
  private slotHandler: (Handler | undefined)[] = new Array(INITIAL_CAPACITY);
  private slotData: unknown[] = new Array(INITIAL_CAPACITY);
  private slotKind = new Int32Array(INITIAL_CAPACITY);
  private slotGeneration = new Int32Array(INITIAL_CAPACITY);
  private slotHeapPosition = new Int32Array(INITIAL_CAPACITY).fill(-1);
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private slotsUsed = 0;
  private capacity = INITIAL_CAPACITY;

  get now(): Ns {
    return this.nowNs;
  }

  /** Number of events scheduled and neither fired nor cancelled. */
  get pendingCount(): number {
    return this.heapSize;
  }

  /** Time of the next pending event, or undefined when none is pending. */
  get nextEventTime(): Ns | undefined {
    return this.heapSize > 0 ? this.heapTime[0] : undefined;
  }

  observeDispatch(observer: DispatchObserver | undefined): void {
    this.dispatchObserver = observer;
  }

  /** Schedules an event at an absolute time, which may equal but never precede `now`. */
  schedule(at: Ns, handler: Handler, kind = 0, data?: unknown): EventId {
    if (!(at >= this.nowNs) || at !== Math.floor(at) || at > Number.MAX_SAFE_INTEGER) {
      invariant(false, () => `cannot schedule at ${at} ns: time must be an integer >= now (${this.nowNs} ns)`);
    }
    const slot = this.allocateSlot();
    this.slotHandler[slot] = handler;
    this.slotData[slot] = data;
    this.slotKind[slot] = kind;
    this.pushHeap(at, this.nextSequence++, slot);
    return this.slotGeneration[slot] * SLOT_CAPACITY_MAX + slot;
  }

  scheduleAfter(delay: Ns, handler: Handler, kind = 0, data?: unknown): EventId {
    return this.schedule(this.nowNs + delay, handler, kind, data);
  }

  /** Cancels a pending event. Returns false if it already fired or was cancelled. */
  cancel(id: EventId): boolean {
    const slot = id % SLOT_CAPACITY_MAX;
    const generation = (id - slot) / SLOT_CAPACITY_MAX;
    if (slot >= this.slotsUsed || this.slotGeneration[slot] !== generation) return false;
    const position = this.slotHeapPosition[slot];
    if (position < 0) return false;
    this.removeHeapAt(position);
    this.releaseSlot(slot);
    return true;
  }

  /** Asks a running `run` to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  run(limits: RunLimits = {}): RunOutcome {
    const until = limits.until ?? Number.POSITIVE_INFINITY;
    const maxEvents = limits.maxEvents ?? Number.POSITIVE_INFINITY;
    invariant(until >= this.nowNs, () => `cannot run until ${until} ns: the clock is already at ${this.nowNs} ns`);
    this.stopRequested = false;
    let eventsRun = 0;
    let reason: StopReason = 'drained';
    while (true) {
      if (this.heapSize === 0) {
        reason = 'drained';
        break;
      }
      if (this.heapTime[0] > until) {
        reason = 'until';
        break;
      }
      if (eventsRun >= maxEvents) {
        reason = 'budget';
        break;
      }
      const slot = this.heapSlot[0];
      this.nowNs = this.heapTime[0];
      this.removeHeapAt(0);
      const handler = this.slotHandler[slot] as Handler;
      const kind = this.slotKind[slot];
      const data = this.slotData[slot];
      this.releaseSlot(slot);
      eventsRun++;
      if (this.dispatchObserver !== undefined) this.dispatchObserver(this.nowNs, kind, handler);
      if (typeof handler === 'function') handler(kind, data, this);
      else handler.handleEvent(kind, data, this);
      if (this.stopRequested) {
        reason = 'stopped';
        break;
      }
    }
    if (reason === 'until' || (reason === 'drained' && until !== Number.POSITIVE_INFINITY)) this.nowNs = until;
    return { reason, eventsRun, now: this.nowNs };
  }

  private allocateSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.slotsUsed === this.capacity) this.grow();
    return this.slotsUsed++;
  }

  private releaseSlot(slot: number): void {
    this.slotHandler[slot] = undefined;
    this.slotData[slot] = undefined;
    this.slotHeapPosition[slot] = -1;
    this.slotGeneration[slot] = (this.slotGeneration[slot] + 1) % GENERATION_MODULUS;
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    invariant(capacity <= SLOT_CAPACITY_MAX, 'more than 16M events pending at once');
    const growF64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const growI32 = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(capacity).fill(fill);
      b.set(a);
      return b;
    };
    this.heapTime = growF64(this.heapTime);
    this.heapSequence = growF64(this.heapSequence);
    this.heapSlot = growI32(this.heapSlot);
    this.slotKind = growI32(this.slotKind);
    this.slotGeneration = growI32(this.slotGeneration);
    this.slotHeapPosition = growI32(this.slotHeapPosition, -1);
    this.freeSlots = growI32(this.freeSlots);
    this.slotHandler.length = capacity;
    this.slotData.length = capacity;
    this.capacity = capacity;
  }

  private pushHeap(time: Ns, sequence: number, slot: number): void {
    const position = this.heapSize++;
    this.heapTime[position] = time;
    this.heapSequence[position] = sequence;
    this.heapSlot[position] = slot;
    this.slotHeapPosition[slot] = position;
    this.siftUp(position);
  }

  private removeHeapAt(position: number): void {
    const last = --this.heapSize;
    this.slotHeapPosition[this.heapSlot[position]] = -1;
    if (position === last) return;
    this.heapTime[position] = this.heapTime[last];
    this.heapSequence[position] = this.heapSequence[last];
    this.heapSlot[position] = this.heapSlot[last];
    this.slotHeapPosition[this.heapSlot[position]] = position;
    if (position > 0 && this.precedes(position, (position - 1) >> 1)) this.siftUp(position);
    else this.siftDown(position);
  }

  private precedes(a: number, b: number): boolean {
    const ta = this.heapTime[a];
    const tb = this.heapTime[b];
    return ta < tb || (ta === tb && this.heapSequence[a] < this.heapSequence[b]);
  }

  private siftUp(start: number): void {
    const time = this.heapTime[start];
    const sequence = this.heapSequence[start];
    const slot = this.heapSlot[start];
    let position = start;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      const parentTime = this.heapTime[parent];
      if (parentTime < time || (parentTime === time && this.heapSequence[parent] < sequence)) break;
      this.moveEntry(parent, position);
      position = parent;
    }
    this.placeEntry(position, time, sequence, slot);
  }

  private siftDown(start: number): void {
    const size = this.heapSize;
    const time = this.heapTime[start];
    const sequence = this.heapSequence[start];
    const slot = this.heapSlot[start];
    let position = start;
    while (true) {
      let child = 2 * position + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.precedes(right, child)) child = right;
      const childTime = this.heapTime[child];
      if (time < childTime || (time === childTime && sequence < this.heapSequence[child])) break;
      this.moveEntry(child, position);
      position = child;
    }
    this.placeEntry(position, time, sequence, slot);
  }

  private moveEntry(from: number, to: number): void {
    this.heapTime[to] = this.heapTime[from];
    this.heapSequence[to] = this.heapSequence[from];
    const slot = this.heapSlot[from];
    this.heapSlot[to] = slot;
    this.slotHeapPosition[slot] = to;
  }

  private placeEntry(position: number, time: Ns, sequence: number, slot: number): void {
    this.heapTime[position] = time;
    this.heapSequence[position] = sequence;
    this.heapSlot[position] = slot;
    this.slotHeapPosition[slot] = position;
  }
}
