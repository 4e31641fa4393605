import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedShortfall,
  expectedShortfallStatistic,
  meanStatistic,
  quantile,
  quantileStatistic,
  sortedStatistic,
  valueAtRisk,
  valueAtRiskStatistic,
} from '../../../sim/index.ts';

// A sorted sample and a resample of it given as multiplicities: `picks` are the drawn positions.
const resampleCase = fc
  .array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 })
  .chain((values) =>
    fc.record({
      sorted: fc.constant(Float64Array.from(values).sort()),
      picks: fc.array(fc.nat(values.length - 1), { minLength: values.length, maxLength: values.length }),
    }),
  );

function countsOf(picks: number[], n: number): Uint32Array {
  const counts = new Uint32Array(n);
  for (const position of picks) counts[position]++;
  return counts;
}

function expand(sorted: Float64Array, picks: number[]): number[] {
  return picks.map((position) => sorted[position]);
}

describe('statistics evaluated on a resample given as counts', () => {
  const p = fc.double({ min: 0, max: 1, noNaN: true });
  const level = fc.double({ min: 0, max: 0.99, noNaN: true });

  it('quantile from counts equals the quantile of the resample written out (property)', () => {
    fc.assert(
      fc.property(resampleCase, p, ({ sorted, picks }, prob) => {
        const fromCounts = quantileStatistic(prob).ofCounts(sorted, countsOf(picks, sorted.length));
        expect(fromCounts).toBe(quantile(expand(sorted, picks), prob));
      }),
    );
  });

  it('VaR and ES from counts equal those of the resample written out (property)', () => {
    fc.assert(
      fc.property(resampleCase, level, ({ sorted, picks }, lvl) => {
        const counts = countsOf(picks, sorted.length);
        const resample = expand(sorted, picks);
        expect(valueAtRiskStatistic(lvl).ofCounts(sorted, counts)).toBe(valueAtRisk(resample, lvl));
        expect(expectedShortfallStatistic(lvl).ofCounts(sorted, counts)).toBeCloseTo(expectedShortfall(resample, lvl), 9);
      }),
    );
  });

  it('mean from counts and a generic sorted statistic see the same multiset (property)', () => {
    const range = sortedStatistic('range', (s) => s[s.length - 1] - s[0]);
    fc.assert(
      fc.property(resampleCase, ({ sorted, picks }) => {
        const counts = countsOf(picks, sorted.length);
        const resample = expand(sorted, picks);
        const mean = resample.reduce((s, x) => s + x, 0) / resample.length;
        expect(meanStatistic.ofCounts(sorted, counts)).toBeCloseTo(mean, 9);
        expect(range.ofCounts(sorted, counts)).toBe(Math.max(...resample) - Math.min(...resample));
      }),
    );
  });

  it('names itself for reports', () => {
    expect([quantileStatistic(0.95).name, expectedShortfallStatistic(0.95).name, valueAtRiskStatistic(0.99).name]).toEqual([
      'q0.95',
      'es0.95',
      'var0.99',
    ]);
  });
});

describe('leaveOneOut: the jackknife BCa takes its acceleration from', () => {
  const withoutRank = (sorted: Float64Array, i: number) => Float64Array.from([...sorted.subarray(0, i), ...sorted.subarray(i + 1)]);

  it('is each statistic of the sample without one element, computed in O(n) (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.5, 0.9, 0.95, 0.99),
        (values, prob, lvl) => {
          const sorted = Float64Array.from(values).sort();
          const statistics = [quantileStatistic(prob), valueAtRiskStatistic(lvl), expectedShortfallStatistic(lvl), meanStatistic, sortedStatistic('range', (s) => s[s.length - 1] - s[0])];
          for (const statistic of statistics) {
            const fast = statistic.leaveOneOut(sorted);
            for (let i = 0; i < sorted.length; i++) expect(fast[i]).toBeCloseTo(statistic.ofSorted(withoutRank(sorted, i)), 6);
          }
        },
      ),
    );
  });
});
