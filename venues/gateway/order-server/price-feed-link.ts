/**
 * The gateway's Price Server connection to the venue's price feed (seed 004: "after it is restarted
 * after a failure, the Price Server goes through the normal price feed connection process"; "prices
 * stop updating"). It reconnects in a loop and publishes a visible `feed-down` state, with since
 * when and how many attempts, until the feed is back.
 *
 * Left out: what the feed carries (the venue's feed and the router's book are other modules); this is
 * the connection state the router's monitor shows.
 */
import type { Kernel, Ns } from '../../../sim/index.ts';
import { ReconnectLoop } from './reconnect-loop.ts';

/** The venue's price feed as the gateway's price server needs it. */
export interface PriceFeedSource {
  /** One connection attempt; true when subscribed. */
  subscribe(gatewayId: string): boolean;
}

export interface PriceFeedStatus {
  readonly observedAtNs: Ns;
  readonly gatewayId: string;
  readonly state: 'up' | 'feed-down';
  readonly feedDownSinceNs: Ns | undefined;
  readonly reconnectAttempts: number;
}

export class PriceFeedLink {
  private readonly loop: ReconnectLoop;

  constructor(
    private readonly kernel: Kernel,
    readonly gatewayId: string,
    feed: PriceFeedSource,
    retryIntervalNs: Ns,
    private readonly onChange: (status: PriceFeedStatus) => void = () => undefined,
  ) {
    this.loop = new ReconnectLoop(kernel, { tryConnect: () => feed.subscribe(gatewayId), connected: () => onChange(this.status()) }, retryIntervalNs);
  }

  /** The price server starts (or restarts) and connects. */
  start(): void {
    this.loop.start();
    if (this.loop.state !== 'connected') this.onChange(this.status());
  }

  /** The feed dropped: the loop cycles until it is back. */
  feedLost(): void {
    this.loop.start();
    if (this.loop.state !== 'connected') this.onChange(this.status());
  }

  /** The price server's host is down: no attempts until it starts again. */
  stop(): void {
    this.loop.stop();
    this.onChange(this.status());
  }

  status(): PriceFeedStatus {
    return {
      observedAtNs: this.kernel.now,
      gatewayId: this.gatewayId,
      state: this.loop.state === 'connected' ? 'up' : 'feed-down',
      feedDownSinceNs: this.loop.feedDownSinceNs,
      reconnectAttempts: this.loop.attempts,
    };
  }
}
