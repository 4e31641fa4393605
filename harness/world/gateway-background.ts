/**
 * Other desks' orders through a gateway pool (seed 003: the load an autoscaler answers): a Poisson
 * stream at a rate that a load spike raises for a while. The orders only occupy the pool's queues and
 * servers; they are not the router's and never reach its venue session.
 *
 * Gaps are exponential (1 - u lies in (0, 1], so the logarithm is finite). A rate change redraws the next arrival from the new rate: the exponential gap is memoryless, so
 * the stream stays Poisson at each rate. Stream: `gateway.<id>.background`. Units: orders per second.
 */
import { NS_PER_S, type EventHandler, type Kernel, type Ns, type RandomStream } from '../../sim/index.ts';

export interface BackgroundSink {
  submitBackground(): void;
}

export class BackgroundLoad implements EventHandler {
  private ratePerSec = 0;
  private timer = -1;

  constructor(
    private readonly kernel: Kernel,
    private readonly sink: BackgroundSink,
    private readonly rng: RandomStream,
    private readonly endNs: Ns,
  ) {}

  get currentRatePerSec(): number {
    return this.ratePerSec;
  }

  setRate(ratePerSec: number): void {
    this.kernel.cancel(this.timer);
    this.timer = -1;
    this.ratePerSec = ratePerSec;
    this.scheduleNext();
  }

  handleEvent(): void {
    this.sink.submitBackground();
    this.scheduleNext();
  }

  private scheduleNext(): void {
    if (this.ratePerSec <= 0) return;
    const at = this.kernel.now + Math.max(1, Math.round((-Math.log(1 - this.rng.next()) * NS_PER_S) / this.ratePerSec));
    if (at <= this.endNs) this.timer = this.kernel.schedule(at, this);
  }
}
