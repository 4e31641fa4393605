/**
 * A session's outbound queue, which only fills while a replay is paced (seed 002: a slow replay, the
 * "replay backlog"). A real engine answers a ResendRequest by reading its store and writing the range to
 * the same outbound queue its live traffic uses; when the store read or the resend path is slow, the
 * replay leaves at a rate, and every message sent after the request (live business messages, heartbeats,
 * its own ResendRequests) waits behind it. So the receiver's gap stays open for the whole replay and the
 * live messages it is owed queue behind the replay: nothing overtakes.
 * Paced messages (resent ones and the GapFills among them) leave at most one per 1/rate; a message that is
 * not paced leaves as soon as nothing is queued before it. Without a rate, nothing is ever queued.
 * When the slowness ends (the rate is cleared), the backlog leaves at once.
 * Left out: bandwidth and socket buffers (the link models latency only), a bounded queue.
 * Units: rate in messages per second; times in ns on the session's clock.
 */
import { invariant } from '../../../sim/invariant.ts';
import type { Ns } from '../../../sim/time.ts';
import { NS_PER_S } from '../../../sim/time.ts';
import type { FixMessage } from '../codec/messages.ts';

/** Taken entries are spliced off once this many have piled up at the front (a storm keeps the queue long). */
const COMPACT_AFTER = 4096;

export class OutboundQueue {
  // Parallel arrays and a head index, so queueing allocates no record per message.
  private readonly messages: FixMessage[] = [];
  private readonly paced: boolean[] = [];
  private head = 0;
  private spacingNs: Ns = 0;
  private nextPacedAtNs: Ns = 0;

  /** Messages waiting to go out. */
  get backlog(): number {
    return this.messages.length - this.head;
  }

  get rateMsgsPerSec(): number | undefined {
    return this.spacingNs === 0 ? undefined : NS_PER_S / this.spacingNs;
  }

  /** Paces replays at `rateMsgsPerSec` from now on; undefined sends them at once again. */
  setRate(rateMsgsPerSec: number | undefined): void {
    invariant(rateMsgsPerSec === undefined || (Number.isFinite(rateMsgsPerSec) && rateMsgsPerSec > 0), () => `replay rate must be positive, got ${rateMsgsPerSec}`);
    this.spacingNs = rateMsgsPerSec === undefined ? 0 : Math.max(1, Math.round(NS_PER_S / rateMsgsPerSec));
  }

  /** True when `message` may go on the wire now; otherwise it has been queued behind the backlog. */
  offer(message: FixMessage, paced: boolean, nowNs: Ns): boolean {
    if (this.backlog === 0 && this.due(paced, nowNs)) {
      if (paced) this.nextPacedAtNs = nowNs + this.spacingNs;
      return true;
    }
    this.messages.push(message);
    this.paced.push(paced);
    return false;
  }

  /** The next message due by `nowNs`, taken off the queue; undefined when none is due. */
  take(nowNs: Ns): FixMessage | undefined {
    if (this.backlog === 0) return undefined;
    const paced = this.paced[this.head];
    if (!this.due(paced, nowNs)) return undefined;
    if (paced) this.nextPacedAtNs = nowNs + this.spacingNs;
    const message = this.messages[this.head++];
    if (this.backlog === 0) this.clear();
    else if (this.head >= COMPACT_AFTER && 2 * this.head >= this.messages.length) this.compact();
    return message;
  }

  /** When the message at the head is due, if any is queued. */
  nextDueNs(): Ns | undefined {
    if (this.backlog === 0) return undefined;
    return this.paced[this.head] && this.spacingNs > 0 ? this.nextPacedAtNs : 0;
  }

  /** Drops the backlog (the connection closed: what was not written is gone; the store still has it). */
  clear(): void {
    this.messages.length = 0;
    this.paced.length = 0;
    this.head = 0;
  }

  private compact(): void {
    this.messages.splice(0, this.head);
    this.paced.splice(0, this.head);
    this.head = 0;
  }

  private due(paced: boolean, nowNs: Ns): boolean {
    return !paced || this.spacingNs === 0 || nowNs >= this.nextPacedAtNs;
  }
}
