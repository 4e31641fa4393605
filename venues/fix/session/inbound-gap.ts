/**
 * Inbound gap recovery (FIX Vol. 2 test 2b): messages that arrive with MsgSeqNum too high are held until the
 * gap below them is filled, and the missing range is asked for once. With a chunk size the range is asked for
 * in chunks, the next chunk once the previous one is in (seed 002: "chunked resend windows"). An unanswered
 * request is repeated when a later message arrives `retryNs` after it with no progress in between: on a lossy
 * simulated link a ResendRequest or its answer can be lost, and without a retry the gap would never close.
 *
 * Resend storm (seed 002; issue 4's "the peer re-requests repeatedly"): with a storm interval set, the open
 * range is asked for again every interval while the gap stays open, whether or not the last answer is still
 * arriving. This is the timer-driven re-request of an engine whose resend timeout is shorter than its peer's
 * replay (or a gateway that retries on its own clock); each request makes the peer replay the range again,
 * behind whatever it is already replaying. The other variant some engines have, a ResendRequest on every
 * out-of-order message (QuickFIX's SendRedundantResendRequests=Y, release notes 1.12.1), is not modelled:
 * while the peer's replay is paced its live messages queue behind the replay, so out-of-order arrivals are
 * few and such a storm would barely fire. The storm survives reconnects until it is switched off.
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
  private stormIntervalNs: Ns = 0;
  private lastAskedNs: Ns = 0;

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

  /**
   * The request to send when the peer has said the rest of the outstanding request will not come as asked
   * (a GapFill that reaches past `expected` but arrived too low to apply): the open range again, from
   * `expected`. Undefined when no request is outstanding.
   */
  askAgain(expected: number, nowNs: Ns): ResendAsk | undefined {
    return this.requested === undefined ? undefined : this.ask(expected, nowNs);
  }

  /** Asks for the open range again every `intervalNs` while the gap is open; undefined stops it. */
  repeatEvery(intervalNs: Ns | undefined): void {
    this.stormIntervalNs = intervalNs ?? 0;
  }

  /** When the storm asks again, if it is on and a gap is open. */
  stormDueNs(): Ns | undefined {
    return this.stormIntervalNs > 0 && this.requested !== undefined ? this.lastAskedNs + this.stormIntervalNs : undefined;
  }

  /** The storm's repeated request for the open range, if one is due at `nowNs`. */
  stormAsk(expected: number, nowNs: Ns): ResendAsk | undefined {
    const due = this.stormDueNs();
    return due !== undefined && nowNs >= due ? this.ask(expected, nowNs) : undefined;
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
    this.lastAskedNs = nowNs;
    return { beginSeqNo: expected, endSeqNo: chunked ? lastSeq : 0 };
  }
}
