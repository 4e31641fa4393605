import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_MS, RandomStreams } from '../../../sim/index.ts';
import { QueueStats } from './queue-stats.ts';
import { MmcStation } from './station.ts';

// VALIDATION.md G3's published figures (Erlang C), not computed here.
const ERLANG_C = 0.7379;
const WQ_MS = 1.4757;
const DECAY_PER_MS = 4 * 1 - 3.5; // c mu - lambda, per ms

describe('M/M/c on the kernel', () => {
  // The standard error of the mean wait is about 2.7% of it per 10^6 customers (spread over five
  // seeds), so 1.6 x 10^7 customers put +-3% at about 4.4 standard errors; the probabilities'
  // standard errors are near 0.001, a tenth of their +-0.01.
  it('VALIDATION.md G3: Erlang C with lambda=3500/s, mu=1000/s, c=4 gives P(wait>0), Wq, the wait tail and L = lambda W', () => {
    const kernel = new Kernel();
    const streams = new RandomStreams(1);
    const thresholdsMs = [1, 4];
    const stats = new QueueStats({ warmupCustomers: 10_000, waitThresholdsNs: thresholdsMs.map((ms) => ms * NS_PER_MS) });
    const draws = { arrivals: streams.get('queue.arrivals'), service: streams.get('queue.service') };
    new MmcStation(kernel, { arrivalRatePerS: 3500, serviceRatePerS: 1000, servers: 4 }, draws, stats).open(10_000 + 16_000_000);
    kernel.run();

    expect(Math.abs(stats.waitedFraction - ERLANG_C)).toBeLessThan(0.01);
    expect(Math.abs(stats.meanWaitS * 1000 / WQ_MS - 1)).toBeLessThan(0.03);
    // P(Wq > t) = C exp(-(c mu - lambda) t); G3 gives no tolerance for the tail, so it takes C's +-0.01.
    stats.waitTail.forEach((observed, i) => {
      expect(Math.abs(observed - ERLANG_C * Math.exp(-DECAY_PER_MS * thresholdsMs[i]))).toBeLessThan(0.01);
    });
    expect(Math.abs(stats.meanInSystem / (stats.arrivalRatePerS * stats.meanResponseS) - 1)).toBeLessThan(0.001);
  });
});
