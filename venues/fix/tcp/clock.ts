/**
 * Real time for the TCP adapter, the one place in venues/ that reads a clock: nanoseconds since the adapter
 * started (monotonic, from hrtime), and the UTC instant at which that count was zero, for SendingTime.
 */
import type { Ns } from '../../../sim/time.ts';

export class RealClock {
  readonly epochUtcMs: number;
  private readonly origin: bigint;

  constructor() {
    this.origin = process.hrtime.bigint();
    this.epochUtcMs = Date.now();
  }

  nowNs(): Ns {
    return Number(process.hrtime.bigint() - this.origin);
  }
}
