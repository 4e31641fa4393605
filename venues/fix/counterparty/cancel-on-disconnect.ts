/**
 * Cancel-on-disconnect: when an order-entry session that was logged on goes down, the venue cancels
 * every resting order of the session's owner after a delay, unless the session logs on again first.
 * CME iLink offers it per session and enables it by default; Eurex deletes non-persistent orders when
 * the session disconnects. Off, orders stay working while the session is down and keep trading
 * (seed 004, CFE: "All orders currently in the market remain as working orders").
 * The cancels are ordinary venue outputs: their execution reports go into the session's store and
 * reach the router when it reconnects, like any report produced while it was away.
 * Leaves out: a cancel-on-disconnect that spares orders flagged persistent, and one per trader.
 * Units: `delayNs` in ns of simulated time; undefined turns the feature off, 0 cancels at once.
 */
import type { EventHandler, EventId, Kernel } from '../../../sim/index.ts';
import type { Ns } from '../../../sim/time.ts';

export interface MassCanceller {
  cancelAllOnDisconnect(): void;
}

export class CancelOnDisconnect implements EventHandler {
  private loggedOn = false;
  private timer: EventId | undefined;
  /** When each cancel-on-disconnect fired, for tests and the episode timeline. */
  readonly firedAtNs: Ns[] = [];

  constructor(
    private readonly kernel: Kernel,
    readonly delayNs: Ns | undefined,
    private readonly canceller: MassCanceller,
  ) {}

  get enabled(): boolean {
    return this.delayNs !== undefined;
  }

  onLoggedOn(): void {
    this.loggedOn = true;
    this.disarm();
  }

  onDisconnected(): void {
    // A connection that never logged on had nothing to protect (a failed or refused logon).
    if (!this.loggedOn) return;
    this.loggedOn = false;
    if (this.delayNs === undefined || this.timer !== undefined) return;
    this.timer = this.kernel.scheduleAfter(this.delayNs, this);
  }

  /** A new trading session: whatever the old one armed no longer applies. */
  reset(): void {
    this.loggedOn = false;
    this.disarm();
  }

  handleEvent(): void {
    this.timer = undefined;
    this.firedAtNs.push(this.kernel.now);
    this.canceller.cancelAllOnDisconnect();
  }

  private disarm(): void {
    if (this.timer !== undefined) this.kernel.cancel(this.timer);
    this.timer = undefined;
  }
}
