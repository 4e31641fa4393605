/**
 * A reconnect loop (seed 004: "the Order Router attempts to reconnect to the IP address and port ...
 * and continues the reconnect attempts until the connection is established"; the Price Server's feed
 * connection likewise). While it cycles, the monitor shows the link as `feed-down`, with the number of
 * attempts and since when, so the router can see it.
 *
 * The first attempt is immediate; each failure waits `retryIntervalNs` before the next.
 */
import { invariant, type EventHandler, type Kernel, type Ns } from '../../../sim/index.ts';

export interface Connectable {
  /** One attempt; true when the link is up. */
  tryConnect(): boolean;
  /** Called once the link is up. */
  connected(): void;
}

export type LoopState = 'idle' | 'feed-down' | 'connected';

export class ReconnectLoop implements EventHandler {
  private loopState: LoopState = 'idle';
  private attemptCount = 0;
  private downSince: Ns | undefined;
  private timer = -1;

  constructor(private readonly kernel: Kernel, private readonly target: Connectable, readonly retryIntervalNs: Ns) {
    invariant(retryIntervalNs > 0, () => `retry interval must be > 0, got ${retryIntervalNs}`);
  }

  get state(): LoopState {
    return this.loopState;
  }
  /** Attempts since the link was last lost (or the loop started). */
  get attempts(): number {
    return this.attemptCount;
  }
  /** When the link went down, while it is down. */
  get feedDownSinceNs(): Ns | undefined {
    return this.loopState === 'feed-down' ? this.downSince : undefined;
  }

  /** Starts cycling: now, then every interval until connected. */
  start(): void {
    this.kernel.cancel(this.timer);
    this.loopState = 'feed-down';
    this.attemptCount = 0;
    this.downSince = this.kernel.now;
    this.attempt();
  }

  /** The link is gone (or its owner stopped): no attempts until `start`. */
  stop(): void {
    this.kernel.cancel(this.timer);
    this.loopState = 'idle';
  }

  handleEvent(): void {
    this.attempt();
  }

  private attempt(): void {
    this.attemptCount++;
    if (this.target.tryConnect()) {
      this.loopState = 'connected';
      this.target.connected();
      return;
    }
    this.timer = this.kernel.scheduleAfter(this.retryIntervalNs, this);
  }
}
