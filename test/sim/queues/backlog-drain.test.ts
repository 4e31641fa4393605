import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { drainBacklog } from './backlog-drain.ts';

// VALIDATION.md G5's published figures: n/(mu-lambda) and sqrt(n(mu+lambda)/(mu-lambda)^3).
const MEAN_DRAIN_S = 10.0;
const SD_DRAIN_S = 0.671;

describe('backlog drain on the kernel', () => {
  // Over 10^4 runs the mean's standard error is 0.0067 s (+-1% is 15 of them) and the sd's about
  // 0.005 s (+-5% is 7).
  it('VALIDATION.md G5: 2000 queued at lambda=800/s, mu=1000/s drain in 10.0 s on average with sd 0.671 s, and L = lambda W in every run', () => {
    const runs = 10_000;
    let sum = 0;
    let sumOfSquares = 0;
    let littleViolations = 0;
    for (let run = 0; run < runs; run++) {
      const streams = new RandomStreams(`G5:${run}`);
      const outcome = drainBacklog(
        new Kernel(),
        { backlog: 2000, arrivalRatePerS: 800, serviceRatePerS: 1000 },
        streams.get('drain.arrivals'),
        streams.get('drain.service'),
      );
      const drainS = outcome.drainNs / NS_PER_S;
      sum += drainS;
      sumOfSquares += drainS * drainS;
      // L T = lambda T W: the occupancy integral equals the customers' total time in system, exactly
      // (both are integer sums of ns), since the run starts with its backlog and ends empty.
      if (outcome.occupancyAreaNs !== outcome.timeInSystemNs) littleViolations++;
    }
    const mean = sum / runs;
    const sd = Math.sqrt((sumOfSquares - runs * mean * mean) / (runs - 1));
    expect(Math.abs(mean / MEAN_DRAIN_S - 1)).toBeLessThan(0.01);
    expect(Math.abs(sd / SD_DRAIN_S - 1)).toBeLessThan(0.05);
    expect(littleViolations).toBe(0);
  });
});
