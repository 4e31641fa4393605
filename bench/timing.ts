/**
 * Wall-clock timing for benches (real time is allowed in bench/, never in sim/). The machine is
 * shared, so a figure is the best of several repeats: the fastest run is the one least disturbed by
 * other work, which is what a rate comparison needs. Comparisons interleave their contenders so that
 * a burst of load hits both sides alike.
 */
import { performance } from 'node:perf_hooks';

/** Seconds taken by one call of `work`. */
export function timeOnce(work: () => void): number {
  const start = performance.now();
  work();
  return (performance.now() - start) / 1000;
}

/**
 * Best (smallest) seconds per contender over `repeats` interleaved rounds, after one warm-up round
 * that lets the JIT compile each contender before it is timed.
 */
export function bestSeconds(contenders: ReadonlyArray<() => void>, repeats: number): number[] {
  for (const work of contenders) work();
  const best = contenders.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < repeats; round++) {
    contenders.forEach((work, i) => {
      best[i] = Math.min(best[i], timeOnce(work));
    });
  }
  return best;
}
