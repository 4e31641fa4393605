/**
 * One Poisson process whose rate changes over time, kept as a single pending kernel event. The wait
 * is drawn as an integrated hazard E ~ Exp(1): the event fires when the rate integrated over model
 * time reaches E. A rate change only rescales what is left of E (no new draw), which is exact for a
 * memoryless process and, above all, keeps the process's random numbers independent of how often
 * its rate changed: two runs whose rates differ for a while still draw the same E values in the
 * same order (common random numbers across an incident and its control run).
 * Units: `timeUnitNs` ns per model time unit; rates per model time unit.
 */
import type { EventHandler, EventId, Kernel, Ns, RandomStream } from '../../sim/index.ts';

export class HazardClock {
  private rate = 0;
  /** Integrated hazard still to accrue before the event fires (dimensionless). */
  private remaining = 0;
  private sinceNs: Ns = 0;
  private pending: EventId | undefined;

  constructor(
    private readonly handler: EventHandler,
    private readonly kind: number,
    private readonly rng: RandomStream,
    private readonly timeUnitNs: Ns,
  ) {}

  /** Starts a fresh wait at `rate` (after the event fired, or at the start). */
  arm(kernel: Kernel, rate: number): void {
    this.remaining = -Math.log(1 - this.rng.next());
    this.pending = undefined;
    this.schedule(kernel, rate);
  }

  /** The rate changes now: what is left of the current wait runs at the new rate. */
  setRate(kernel: Kernel, rate: number): void {
    if (rate === this.rate) return;
    this.remaining = Math.max(0, this.remaining - (this.rate * (kernel.now - this.sinceNs)) / this.timeUnitNs);
    if (this.pending !== undefined) kernel.cancel(this.pending);
    this.pending = undefined;
    this.schedule(kernel, rate);
  }

  stop(kernel: Kernel): void {
    if (this.pending !== undefined) kernel.cancel(this.pending);
    this.pending = undefined;
    this.rate = 0;
  }

  private schedule(kernel: Kernel, rate: number): void {
    this.rate = rate;
    this.sinceNs = kernel.now;
    if (rate <= 0) return;
    const atNs = kernel.now + Math.round((this.remaining * this.timeUnitNs) / rate);
    // A rate so small that the event lies beyond the clock's range means no event at all.
    if (atNs <= Number.MAX_SAFE_INTEGER) this.pending = kernel.schedule(atNs, this.handler, this.kind);
  }
}
