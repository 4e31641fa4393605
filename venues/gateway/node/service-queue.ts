/**
 * A gateway's inbound queue: FIFO, with a register of idle servers. One queue may belong to one node
 * (per-node queues, the usual gateway) or be shared by every node of a pool (one queue, c servers:
 * the M/M/c of VALIDATION.md G3). An order offered while a server is idle goes straight to the server
 * that has been idle longest; otherwise it waits. A server that finishes asks for the next order.
 *
 * Left out: priorities (cancels do not overtake new orders) and balking; a full queue refuses.
 *
 * Parameters: `capacity` (orders waiting, not counting those in service; Infinity for unbounded).
 */
import { invariant, type Ns } from '../../../sim/index.ts';

/** What serves orders from a queue: a gateway node, with `serverIndex` naming one of its servers. */
export interface QueueServer<M> {
  beginService(serverIndex: number, message: M, decisionAtNs: Ns, enqueuedAtNs: Ns): void;
}

const INITIAL_CAPACITY = 64;

export class ServiceQueue<M> {
  private messages: (M | undefined)[] = new Array(INITIAL_CAPACITY);
  private decisionTimes = new Float64Array(INITIAL_CAPACITY);
  private enqueueTimes = new Float64Array(INITIAL_CAPACITY);
  private head = 0;
  private size = 0;
  // Idle servers, longest idle first.
  private idleServers: QueueServer<M>[] = [];
  private idleIndices: number[] = [];
  private idleHead = 0;

  constructor(readonly capacity = Number.POSITIVE_INFINITY) {
    invariant(capacity >= 0, () => `queue capacity must be >= 0, got ${capacity}`);
  }

  get length(): number {
    return this.size;
  }

  get idleServerCount(): number {
    return this.idleServers.length - this.idleHead;
  }

  /** Offers an order; false when the queue is full (a domain outcome: the caller rejects it). */
  offer(message: M, decisionAtNs: Ns, nowNs: Ns): boolean {
    if (this.idleServerCount > 0) {
      const server = this.idleServers[this.idleHead];
      const index = this.idleIndices[this.idleHead];
      this.idleHead++;
      this.compactIdle();
      server.beginService(index, message, decisionAtNs, nowNs);
      return true;
    }
    if (this.size >= this.capacity) return false;
    if (this.size === this.messages.length) this.grow();
    const slot = (this.head + this.size) % this.messages.length;
    this.messages[slot] = message;
    this.decisionTimes[slot] = decisionAtNs;
    this.enqueueTimes[slot] = nowNs;
    this.size++;
    return true;
  }

  /** A server is free: it gets the next order at once, or waits in the idle register. */
  serverFree(server: QueueServer<M>, serverIndex: number): void {
    if (this.size > 0) {
      const slot = this.head;
      const message = this.messages[slot] as M;
      this.messages[slot] = undefined;
      this.head = (this.head + 1) % this.messages.length;
      this.size--;
      server.beginService(serverIndex, message, this.decisionTimes[slot], this.enqueueTimes[slot]);
      return;
    }
    this.idleServers.push(server);
    this.idleIndices.push(serverIndex);
  }

  /** Removes every idle registration of `server` (it crashed, drains or stops serving). */
  withdraw(server: QueueServer<M>): void {
    const servers: QueueServer<M>[] = [];
    const indices: number[] = [];
    for (let i = this.idleHead; i < this.idleServers.length; i++) {
      if (this.idleServers[i] === server) continue;
      servers.push(this.idleServers[i]);
      indices.push(this.idleIndices[i]);
    }
    this.idleServers = servers;
    this.idleIndices = indices;
    this.idleHead = 0;
  }

  /** Empties the queue (its owner crashed); each waiting order is passed to `lost` in order. */
  dropAll(lost: (message: M) => void): void {
    while (this.size > 0) {
      const message = this.messages[this.head] as M;
      this.messages[this.head] = undefined;
      this.head = (this.head + 1) % this.messages.length;
      this.size--;
      lost(message);
    }
  }

  private compactIdle(): void {
    // Amortised O(1): drop the consumed prefix once it is at least half the register.
    if (this.idleHead > 32 && this.idleHead * 2 >= this.idleServers.length) {
      this.idleServers = this.idleServers.slice(this.idleHead);
      this.idleIndices = this.idleIndices.slice(this.idleHead);
      this.idleHead = 0;
    }
  }

  private grow(): void {
    const capacity = this.messages.length * 2;
    const messages: (M | undefined)[] = new Array(capacity);
    const decisionTimes = new Float64Array(capacity);
    const enqueueTimes = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.messages.length;
      messages[i] = this.messages[from];
      decisionTimes[i] = this.decisionTimes[from];
      enqueueTimes[i] = this.enqueueTimes[from];
    }
    this.messages = messages;
    this.decisionTimes = decisionTimes;
    this.enqueueTimes = enqueueTimes;
    this.head = 0;
  }
}
