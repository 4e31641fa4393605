import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel, RandomStreams, Trace } from '../../sim/index.ts';
import { QueueStats } from './queues/queue-stats.ts';
import { MmcStation } from './queues/station.ts';

/** The trace hash of a short M/M/2 run: every dispatched event (time, kind) and every departure. */
function traceHash(seed: number): string {
  const kernel = new Kernel();
  const streams = new RandomStreams(seed);
  const trace = new Trace();
  kernel.observeDispatch((timeNs, kind) => trace.record(timeNs, 'event', kind));
  const stats = new QueueStats();
  const draws = { arrivals: streams.get('queue.arrivals'), service: streams.get('queue.service') };
  new MmcStation(kernel, { arrivalRatePerS: 1500, serviceRatePerS: 1000, servers: 2 }, draws, stats).open(200);
  kernel.run();
  trace.record(kernel.now, 'end', stats.customersMeasured, stats.meanResponseS);
  return trace.digest();
}

describe('Trace hash of a kernel run', () => {
  it('is the same for the same seed and different for a different seed', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 2, maxLength: 2 }), ([seed, otherSeed]) => {
        const hash = traceHash(seed);
        expect(traceHash(seed)).toBe(hash);
        expect(traceHash(otherSeed)).not.toBe(hash);
      }),
      { numRuns: 50 },
    );
  });
});
