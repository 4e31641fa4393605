import { describe, expect, it } from 'vitest';
import { pairedBootstrapDifference, quantileStatistic, RandomStreams } from '../../../sim/index.ts';

// VALIDATION.md T5. A ~ Exp(1) and B = 1.1·A from the same uniforms, so q0.95(B) - q0.95(A) = 0.1·ln 20.
// 1000 repetitions: the binomial standard error of a 0.95 coverage is 0.0069, so [0.93, 0.97] is
// about three standard errors either side.
const TRUE_DIFFERENCE = 0.1 * Math.log(20);
const SAMPLE_SIZE = 2000;
const REPETITIONS = 1000;
const RESAMPLES = 500;

describe('paired bootstrap coverage under common random numbers', () => {
  it('VALIDATION.md T5: the 95% CI for q0.95(B) - q0.95(A) covers 0.1·ln 20 in [0.93, 0.97] of 1000 repetitions', () => {
    const streams = new RandomStreams('validation-T5');
    const uniforms = streams.get('sample.uniforms');
    const resampling = streams.get('bootstrap.indices');
    const statistic = quantileStatistic(0.95);
    const a = new Float64Array(SAMPLE_SIZE);
    const b = new Float64Array(SAMPLE_SIZE);
    let covered = 0;
    let widthTotal = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      for (let i = 0; i < SAMPLE_SIZE; i++) {
        a[i] = -Math.log(1 - uniforms.next());
        b[i] = 1.1 * a[i];
      }
      const interval = pairedBootstrapDifference(a, b, statistic, { rng: resampling, resamples: RESAMPLES, level: 0.95 });
      if (interval.low <= TRUE_DIFFERENCE && TRUE_DIFFERENCE <= interval.high) covered++;
      widthTotal += interval.high - interval.low;
    }
    const coverage = covered / REPETITIONS;
    console.log(`T5: coverage ${coverage.toFixed(3)} (${covered}/${REPETITIONS}), mean CI width ${(widthTotal / REPETITIONS).toFixed(4)}`);
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });
});
