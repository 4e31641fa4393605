/**
 * What the queueing validations measure, as a station observer: per-customer waits and responses
 * (means and tail frequencies above given thresholds) and the time-average number in system, so that
 * Little's law can be checked between two independent measurements: L from the occupancy integral,
 * W from the customers' own timestamps.
 *
 * The first `warmupCustomers` customers are not measured; the occupancy integral starts when the
 * first measured customer arrives and ends at the last change observed. Thresholds and times in ns.
 */
import { NS_PER_S, type Ns } from '../../../sim/index.ts';
import type { StationObserver } from './station.ts';

export interface QueueStatsOptions {
  warmupCustomers?: number;
  waitThresholdsNs?: readonly Ns[];
  responseThresholdsNs?: readonly Ns[];
}

export class QueueStats implements StationObserver {
  private readonly warmupCustomers: number;
  private readonly waitThresholdsNs: Float64Array;
  private readonly responseThresholdsNs: Float64Array;
  private readonly waitsAbove: Float64Array;
  private readonly responsesAbove: Float64Array;
  private waitSumNs = 0;
  private waitedCount = 0;
  private startedCount = 0;
  private responseSumNs = 0;
  private departedCount = 0;
  private arrivedCount = 0;
  private windowStartNs = -1;
  private lastChangeNs = 0;
  private lastInSystem = 0;
  private occupancyAreaNs = 0;

  constructor(options: QueueStatsOptions = {}) {
    this.warmupCustomers = options.warmupCustomers ?? 0;
    this.waitThresholdsNs = Float64Array.from(options.waitThresholdsNs ?? []);
    this.responseThresholdsNs = Float64Array.from(options.responseThresholdsNs ?? []);
    this.waitsAbove = new Float64Array(this.waitThresholdsNs.length);
    this.responsesAbove = new Float64Array(this.responseThresholdsNs.length);
  }

  arrived(customer: number, now: Ns, inSystem: number): void {
    if (customer === this.warmupCustomers) {
      this.windowStartNs = now;
      this.lastChangeNs = now;
    }
    this.occupancyChanged(now, inSystem);
    if (customer >= this.warmupCustomers) this.arrivedCount++;
  }

  serviceStarted(customer: number, waitNs: Ns): void {
    if (customer < this.warmupCustomers) return;
    this.startedCount++;
    this.waitSumNs += waitNs;
    if (waitNs > 0) this.waitedCount++;
    countAbove(waitNs, this.waitThresholdsNs, this.waitsAbove);
  }

  departed(customer: number, responseNs: Ns, now: Ns, inSystem: number): void {
    this.occupancyChanged(now, inSystem);
    if (customer < this.warmupCustomers) return;
    this.departedCount++;
    this.responseSumNs += responseNs;
    countAbove(responseNs, this.responseThresholdsNs, this.responsesAbove);
  }

  get customersMeasured(): number {
    return this.departedCount;
  }
  get meanWaitS(): number {
    return this.waitSumNs / this.startedCount / NS_PER_S;
  }
  get meanResponseS(): number {
    return this.responseSumNs / this.departedCount / NS_PER_S;
  }
  /** Fraction of measured customers who waited at all. */
  get waitedFraction(): number {
    return this.waitedCount / this.startedCount;
  }
  /** P(wait > threshold) for each threshold given, in order. */
  get waitTail(): number[] {
    return Array.from(this.waitsAbove, (count) => count / this.startedCount);
  }
  /** P(response > threshold) for each threshold given, in order. */
  get responseTail(): number[] {
    return Array.from(this.responsesAbove, (count) => count / this.departedCount);
  }
  /** L: the time-average number in system over the measurement window. */
  get meanInSystem(): number {
    return this.occupancyAreaNs / (this.lastChangeNs - this.windowStartNs);
  }
  /** λ: measured arrivals per second over the measurement window. */
  get arrivalRatePerS(): number {
    return this.arrivedCount / ((this.lastChangeNs - this.windowStartNs) / NS_PER_S);
  }

  private occupancyChanged(now: Ns, inSystem: number): void {
    if (this.windowStartNs >= 0) this.occupancyAreaNs += this.lastInSystem * (now - this.lastChangeNs);
    this.lastChangeNs = now;
    this.lastInSystem = inSystem;
  }
}

function countAbove(valueNs: Ns, thresholdsNs: Float64Array, counts: Float64Array): void {
  for (let i = 0; i < thresholdsNs.length; i++) if (valueNs > thresholdsNs[i]) counts[i]++;
}
