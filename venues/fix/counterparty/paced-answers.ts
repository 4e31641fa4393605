/**
 * Status answers at a rate: the counterparty's answers to OrderStatusRequest H and OrderMassStatusRequest
 * AF leave one at a time, at most `ratePerSec` a second, first come first served. An answer is built when
 * it leaves, not when it was asked for, so it tells the venue's truth at the instant it is sent (an order
 * that filled while its answer waited is reported filled). A lone request on an idle queue is answered at
 * once, within the request's own event, as before pacing existed.
 *
 * Why a rate: venues bound what one session may ask per second, and a router that fires a status request
 * per uncertain child after a reconnect (or a mass status request that fans out into one report per
 * working order) meets that bound. The default is the published figure of a venue that states one:
 * Coinbase Exchange's FIX order entry, "50 requests per rolling second per session" (its FIX rate-limits
 * page, docs.cloud.coinbase.com/exchange/docs/fix-rate-limits); FIX itself sets no pace.
 * Leaves out: a burst allowance (Coinbase's "100 messages per second in bursts"; its lazy-fill token
 * bucket): answers here are evenly spaced at 1/rate, which is the sustained rate a backlog drains at.
 * Units: `ratePerSec` answers per second of simulated time.
 */
import { invariant, type EventHandler, type EventId, type Kernel } from '../../../sim/index.ts';
import { NS_PER_S, type Ns } from '../../../sim/time.ts';

/** Coinbase Exchange FIX order entry: 50 requests per rolling second per session. */
export const DEFAULT_STATUS_ANSWERS_PER_SEC = 50;

export class PacedAnswers<T> implements EventHandler {
  private readonly waiting: T[] = [];
  private head = 0;
  private readonly spacingNs: Ns;
  /** The earliest instant the next answer may leave. */
  private freeAtNs = Number.NEGATIVE_INFINITY;
  private timer: EventId | undefined;
  /** Answers sent, and the longest any waited (ns), for tests and the episode's KPIs. */
  answered = 0;
  longestWaitNs: Ns = 0;
  private readonly enqueuedAtNs: Ns[] = [];

  constructor(
    private readonly kernel: Kernel,
    ratePerSec: number,
    private readonly serve: (item: T) => void,
  ) {
    invariant(Number.isFinite(ratePerSec) && ratePerSec > 0, () => `status answers per second must be > 0, got ${ratePerSec}`);
    this.spacingNs = Math.round(NS_PER_S / ratePerSec);
  }

  get pending(): number {
    return this.waiting.length - this.head;
  }

  push(item: T): void {
    const now = this.kernel.now;
    if (this.pending === 0 && now >= this.freeAtNs) {
      this.send(item, now, now);
      return;
    }
    this.waiting.push(item);
    this.enqueuedAtNs.push(now);
    if (this.timer === undefined) this.timer = this.kernel.schedule(Math.max(now, this.freeAtNs), this);
  }

  /** Drops every answer not yet sent (a new trading session: the old session's questions have no one to answer). */
  clear(): void {
    this.waiting.length = 0;
    this.enqueuedAtNs.length = 0;
    this.head = 0;
    if (this.timer !== undefined) this.kernel.cancel(this.timer);
    this.timer = undefined;
  }

  handleEvent(): void {
    this.timer = undefined;
    const now = this.kernel.now;
    const item = this.waiting[this.head];
    const askedAtNs = this.enqueuedAtNs[this.head];
    this.head++;
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.enqueuedAtNs.length = 0;
      this.head = 0;
    }
    this.send(item, askedAtNs, now);
    if (this.pending > 0) this.timer = this.kernel.schedule(this.freeAtNs, this);
  }

  private send(item: T, askedAtNs: Ns, now: Ns): void {
    this.freeAtNs = now + this.spacingNs;
    this.answered++;
    this.longestWaitNs = Math.max(this.longestWaitNs, now - askedAtNs);
    this.serve(item);
  }
}
