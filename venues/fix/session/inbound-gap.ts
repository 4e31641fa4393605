/**
 * Inbound gap recovery (FIX Vol. 2 test 2b): messages that arrive with MsgSeqNum too high are held until the
 * gap below them is filled, and the missing range is asked for once. With a chunk size the range is asked for
 * in chunks, the next chunk once the previous one is in (seed 002: "chunked resend windows"). An unanswered
 * request is repeated when a later message arrives `retryNs` after it with no progress in between: on a lossy
 * simulated link a ResendRequest or its answer can be lost, and without a retry the gap would never close.
 */
import type { Ns } from '../../../sim/time.ts';

export interface ResendAsk {
  beginSeqNo: number;
  /** As written in the ResendRequest: 0 (infinity) unless chunked. */
  endSeqNo: number;
}

export class InboundGap<T> {
  private readonly held = new Map<number, T>();
  private requested: { lastSeq: number; atNs: Ns } | undefined;
  private highestMissing = 0;

  constructor(
    private readonly chunkSize: number,
    private readonly retryNs: Ns,
  ) {}

  /** Whether a ResendRequest is outstanding. */
  get isOpen(): boolean {
    return this.requested !== undefined;
  }

  get heldCount(): number {
    return this.held.size;
  }

  hold(seq: number, item: T): void {
    if (!this.held.has(seq)) this.held.set(seq, item);
  }

  /** Removes and returns the item held for `seq`. */
  take(seq: number): T | undefined {
    const item = this.held.get(seq);
    if (item !== undefined) this.held.delete(seq);
    return item;
  }

  /** A message `seq` arrived while `expected` was due: the request to send, if one is needed now. */
  onTooHigh(seq: number, expected: number, nowNs: Ns): ResendAsk | undefined {
    this.highestMissing = Math.max(this.highestMissing, seq - 1);
    if (this.requested !== undefined && nowNs - this.requested.atNs < this.retryNs) return undefined;
    return this.ask(expected, nowNs);
  }

  /**
   * After in-order progress to `expected`: drops held messages the progress skipped, and says what comes
   * next: another request (next chunk, or a gap still open below held messages), `closed`, or nothing.
   */
  onProgress(expected: number, nowNs: Ns): ResendAsk | 'closed' | undefined {
    for (const seq of this.held.keys()) if (seq < expected) this.held.delete(seq);
    if (this.requested === undefined) return undefined;
    if (expected <= this.requested.lastSeq) {
      this.requested.atNs = nowNs;
      return undefined;
    }
    this.requested = undefined;
    for (const seq of this.held.keys()) this.highestMissing = Math.max(this.highestMissing, seq - 1);
    return this.highestMissing >= expected ? this.ask(expected, nowNs) : 'closed';
  }

  reset(): void {
    this.held.clear();
    this.requested = undefined;
    this.highestMissing = 0;
  }

  private ask(expected: number, nowNs: Ns): ResendAsk {
    const chunked = this.chunkSize > 0;
    const lastSeq = chunked ? Math.min(expected + this.chunkSize - 1, this.highestMissing) : this.highestMissing;
    this.requested = { lastSeq, atNs: nowNs };
    return { beginSeqNo: expected, endSeqNo: chunked ? lastSeq : 0 };
  }
}
