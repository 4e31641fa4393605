import { describe, expect, it } from 'vitest';
import { NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { runOutage } from './outage.ts';

// VALIDATION.md G6's published (fluid) figures: backlog lambda D and recovery lambda D / (mu - lambda).
const BACKLOG = 1600;
const RECOVERY_S = 8.0;

describe('server outage on the kernel', () => {
  // Per run the backlog has sd 40 (Poisson) and the recovery about 0.63 s, so over 300 runs the
  // means' standard errors are 2.3 customers and 0.036 s, against tolerances of 48 and 0.24 s.
  it('VALIDATION.md G6: a 2 s outage at lambda=800/s, mu=1000/s builds a backlog of 1600 and takes 8.0 s to recover, and L = lambda W', () => {
    const runs = 300;
    let backlogSum = 0;
    let recoverySumS = 0;
    for (let run = 0; run < runs; run++) {
      const outcome = runOutage(
        { arrivalRatePerS: 800, serviceRatePerS: 1000, outageStartNs: 5 * NS_PER_S, outageNs: 2 * NS_PER_S },
        new RandomStreams(`G6:${run}`),
      );
      backlogSum += outcome.backlogBuilt;
      recoverySumS += outcome.recoveryNs / NS_PER_S;
      // The run starts and ends empty, so Little's law holds exactly but for rounding.
      const { stats } = outcome;
      expect(stats.meanInSystem).toBeCloseTo(stats.arrivalRatePerS * stats.meanResponseS, 9);
    }
    expect(Math.abs(backlogSum / runs / BACKLOG - 1)).toBeLessThan(0.03);
    expect(Math.abs(recoverySumS / runs / RECOVERY_S - 1)).toBeLessThan(0.03);
  });
});
