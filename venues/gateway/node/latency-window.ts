/**
 * The latencies of a node's most recent orders, for the quantiles it publishes (seed 003:
 * "decision_to_wire_ms_p50/p95/p99", "ack_rtt_ms_p95"). A ring of the last `capacity` values: adding
 * is O(1) and allocates nothing; the quantiles sort a copy when someone looks.
 *
 * Quantile definition: Hyndman & Fan type 7, the project's one definition (sim/stats/quantile.ts).
 *
 * Units: nanoseconds in, nanoseconds out (quantiles may be fractional).
 */
import { invariant, quantile, SortedSample, type Ns } from '../../../sim/index.ts';

export class LatencyWindow {
  private readonly values: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity: number) {
    invariant(Number.isInteger(capacity) && capacity >= 1, () => `latency window capacity must be an integer >= 1, got ${capacity}`);
    this.values = new Float64Array(capacity);
  }

  get count(): number {
    return this.filled;
  }

  add(latencyNs: Ns): void {
    this.values[this.next] = latencyNs;
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled++;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
  }

  /** Type 7 quantile of the window, or undefined when it is empty. */
  quantile(p: number): number | undefined {
    return this.filled === 0 ? undefined : quantile(this.window(), p);
  }

  /** The published quantiles, sorting the window once. */
  summary(): LatencySummary {
    if (this.filled === 0) return { count: 0, p50Ns: undefined, p95Ns: undefined, p99Ns: undefined };
    const sorted = SortedSample.of(this.window());
    return { count: this.filled, p50Ns: sorted.quantile(0.5), p95Ns: sorted.quantile(0.95), p99Ns: sorted.quantile(0.99) };
  }

  /** The filled part of the ring, unsorted (a view: the stats functions sort a copy). */
  private window(): Float64Array {
    return this.values.subarray(0, this.filled);
  }
}

export interface LatencySummary {
  /** Orders in the window. */
  count: number;
  p50Ns: number | undefined;
  p95Ns: number | undefined;
  p99Ns: number | undefined;
}
