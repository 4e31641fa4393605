import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_MS, RandomStreams } from '../../../sim/index.ts';
import { QueueStats, type QueueStatsOptions } from './queue-stats.ts';
import { MmcStation, type MmcParams } from './station.ts';

function simulate(params: MmcParams, customers: number, options: QueueStatsOptions, seed: number): QueueStats {
  const kernel = new Kernel();
  const streams = new RandomStreams(seed);
  const stats = new QueueStats(options);
  const draws = { arrivals: streams.get('queue.arrivals'), service: streams.get('queue.service') };
  new MmcStation(kernel, params, draws, stats).open((options.warmupCustomers ?? 0) + customers);
  kernel.run();
  expect(stats.customersMeasured).toBe(customers);
  return stats;
}

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe('M/M/1 on the kernel', () => {
  // 4 x 10^6 customers rather than G1's 10^6: the standard error of the mean wait at rho = 0.6 is
  // about 0.6% of it at 10^6 (Daley's asymptotic variance rho(2+5rho-4rho^2+rho^3)/(mu^2(1-rho)^4)),
  // so +-2% would be only 3.2 standard errors; at 4 x 10^6 it is 6.4.
  it('VALIDATION.md G1: lambda=3, mu=5 gives Wq = 0.3 s and W = 0.5 s, and L = lambda W', () => {
    const stats = simulate({ arrivalRatePerS: 3, serviceRatePerS: 5, servers: 1 }, 4_000_000, { warmupCustomers: 10_000 }, 1);
    expectRelative(stats.meanWaitS, 0.3, 0.02);
    expectRelative(stats.meanResponseS, 0.5, 0.02);
    // Little's law between two independent measurements; they differ only by the customers present
    // when the window opens, a few in 4 x 10^6.
    expectRelative(stats.meanInSystem, stats.arrivalRatePerS * stats.meanResponseS, 0.001);
  });

  // Time unit: the millisecond (lambda = 0.9/ms), so that 2 x 10^7 customers fit in the clock's 2^53 ns.
  // At rho = 0.9 the waits are strongly correlated: the standard error of the mean wait over n
  // customers is about 190/sqrt(n) ms (Daley), 0.47% of 9 ms at 2 x 10^7, so +-2% is 4 of them.
  it('VALIDATION.md G1b: lambda=0.9, mu=1 gives Wq = 9.0, an Exp(mu - lambda) response time, and L = lambda W', () => {
    const responseThresholdsNs = [5 * NS_PER_MS, 20 * NS_PER_MS];
    const stats = simulate({ arrivalRatePerS: 900, serviceRatePerS: 1000, servers: 1 }, 20_000_000, { warmupCustomers: 100_000, responseThresholdsNs }, 1);
    expectRelative(stats.meanWaitS * 1000, 9.0, 0.02);
    expectRelative(stats.meanResponseS * 1000, 10.0, 0.02);
    // P(W > t) = exp(-(mu - lambda) t) with mu - lambda = 0.1/ms: exp(-0.5) and exp(-2).
    const [above5, above20] = stats.responseTail;
    expect(Math.abs(above5 - Math.exp(-0.5))).toBeLessThan(0.01);
    expect(Math.abs(above20 - Math.exp(-2))).toBeLessThan(0.01);
    expectRelative(stats.meanInSystem, stats.arrivalRatePerS * stats.meanResponseS, 0.001);
  });
});
