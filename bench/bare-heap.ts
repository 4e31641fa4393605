/**
 * The baseline the kernel is measured against: the least a hand-written simulation loop would do.
 * A binary heap over typed arrays keyed on (time, insertion sequence), whose payload is a small
 * integer id that the loop itself interprets. Each id has at most one pending entry, so the heap
 * tracks each id's position and removal is exact, as the kernel's cancel is. No handler dispatch,
 * no slot pool, no generations, no argument checks: the kernel's overhead over this is what its API
 * costs.
 */
export class BareHeap {
  readonly time: Float64Array;
  private readonly sequence: Float64Array;
  private readonly id: Int32Array;
  private readonly position: Int32Array;
  private nextSequence = 0;
  size = 0;

  /** `idCount` bounds the ids (and so the entries) the heap can hold. */
  constructor(idCount: number) {
    this.time = new Float64Array(idCount);
    this.sequence = new Float64Array(idCount);
    this.id = new Int32Array(idCount);
    this.position = new Int32Array(idCount).fill(-1);
  }

  push(time: number, id: number): void {
    this.place(this.size++, time, this.nextSequence++, id);
    this.siftUp(this.size - 1);
  }

  /** Removes the earliest entry and returns its id; its time is `time[0]` before the call. */
  pop(): number {
    const top = this.id[0];
    this.removeAt(0);
    return top;
  }

  /** Removes the pending entry of `id`, if any. */
  remove(id: number): boolean {
    const at = this.position[id];
    if (at < 0) return false;
    this.removeAt(at);
    return true;
  }

  private removeAt(at: number): void {
    this.position[this.id[at]] = -1;
    const last = --this.size;
    if (at === last) return;
    this.place(at, this.time[last], this.sequence[last], this.id[last]);
    if (at > 0 && this.before(at, (at - 1) >> 1)) this.siftUp(at);
    else this.siftDown(at);
  }

  private before(a: number, b: number): boolean {
    return this.time[a] < this.time[b] || (this.time[a] === this.time[b] && this.sequence[a] < this.sequence[b]);
  }

  private place(at: number, time: number, sequence: number, id: number): void {
    this.time[at] = time;
    this.sequence[at] = sequence;
    this.id[at] = id;
    this.position[id] = at;
  }

  private siftUp(start: number): void {
    const time = this.time[start];
    const sequence = this.sequence[start];
    const id = this.id[start];
    let at = start;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const parentTime = this.time[parent];
      if (parentTime < time || (parentTime === time && this.sequence[parent] < sequence)) break;
      this.place(at, parentTime, this.sequence[parent], this.id[parent]);
      at = parent;
    }
    this.place(at, time, sequence, id);
  }

  private siftDown(start: number): void {
    const time = this.time[start];
    const sequence = this.sequence[start];
    const id = this.id[start];
    let at = start;
    while (true) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.before(child + 1, child)) child++;
      const childTime = this.time[child];
      if (time < childTime || (time === childTime && sequence < this.sequence[child])) break;
      this.place(at, childTime, this.sequence[child], this.id[child]);
      at = child;
    }
    this.place(at, time, sequence, id);
  }
}
