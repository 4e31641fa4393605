import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cvar95,
  expectedShortfall,
  Exponential,
  InvariantViolation,
  quantile,
  RandomStreams,
  SortedSample,
  standardNormal,
  valueAtRisk,
} from '../../../sim/index.ts';

const oneToTen = [4, 9, 1, 7, 10, 2, 6, 3, 8, 5];

describe('expected shortfall and value at risk (upper tail, Acerbi & Tasche 2002)', () => {
  it('puts the fractional weight on the boundary observation', () => {
    // Worked by hand: n = 10, level 0.75, tail mass m = 10 × 0.25 = 2.5 observations.
    // The two worst count fully (10 and 9), the next (8) with weight 0.5: (10 + 9 + 0.5 × 8) / 2.5 = 23 / 2.5 = 9.2.
    expect(expectedShortfall(oneToTen, 0.75)).toBeCloseTo(9.2, 12);
    // The boundary observation is the VaR: the smallest x with F_n(x) ≥ 0.75 is 8 (F_n(8) = 0.8).
    expect(valueAtRisk(oneToTen, 0.75)).toBe(8);
  });

  it('takes whole observations when the tail mass is an integer, even though 1 - 0.8 is not exact in binary', () => {
    // m = 10 × 0.2 = 2: (10 + 9) / 2 = 9.5. F_n(8) = 0.8 exactly, so VaR_0.8 = 8, not 9.
    expect(expectedShortfall(oneToTen, 0.8)).toBe(9.5);
    expect(valueAtRisk(oneToTen, 0.8)).toBe(8);
  });

  it('is the worst observation when the tail holds less than one observation', () => {
    // n = 10, level 0.95: m = 0.5, all of it on the maximum.
    expect(expectedShortfall(oneToTen, 0.95)).toBe(10);
    expect(valueAtRisk(oneToTen, 0.95)).toBe(10);
  });

  it('is the mean at level 0 and CVaR95 is ES at 0.95 (the mean of the worst 5 of 100)', () => {
    expect(expectedShortfall(oneToTen, 0)).toBe(5.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(cvar95(hundred)).toBe((96 + 97 + 98 + 99 + 100) / 5);
    expect(SortedSample.of(hundred).expectedShortfall(0.95)).toBe(98);
  });

  it('refuses level 1, where the tail holds nothing to average', () => {
    expect(() => expectedShortfall(oneToTen, 1)).toThrow(InvariantViolation);
    expect(() => valueAtRisk(oneToTen, -0.1)).toThrow(InvariantViolation);
  });

  it('VALIDATION.md T1: 10^6 N(0,1) draws give ES_0.975 = 2.3378 and ES_0.95 = 2.0627 within 0.01', () => {
    const rng = new RandomStreams('validation-T1').get('stats.normal');
    const draws = new Float64Array(1_000_000);
    for (let i = 0; i < draws.length; i++) draws[i] = standardNormal(rng);
    const sorted = SortedSample.of(draws);
    const es975 = sorted.expectedShortfall(0.975);
    const es95 = sorted.expectedShortfall(0.95);
    console.log(`T1: ES_0.975 = ${es975.toFixed(5)} (2.3378), ES_0.95 = ${es95.toFixed(5)} (2.0627)`);
    expect(Math.abs(es975 - 2.3378)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(es95 - 2.0627)).toBeLessThanOrEqual(0.01);
  });

  it('VALIDATION.md T2: 10^6 Exp(1) draws give VaR_0.99 = 4.6052 and ES_0.99 = 5.6052 within 0.5%', () => {
    const rng = new RandomStreams('validation-T2').get('stats.exponential');
    const exponential = new Exponential(1);
    const draws = new Float64Array(1_000_000);
    for (let i = 0; i < draws.length; i++) draws[i] = exponential.sample(rng);
    const sorted = SortedSample.of(draws);
    const var99 = sorted.valueAtRisk(0.99);
    const es99 = sorted.expectedShortfall(0.99);
    console.log(`T2: VaR_0.99 = ${var99.toFixed(5)} (4.6052), ES_0.99 = ${es99.toFixed(5)} (5.6052)`);
    expect(Math.abs(var99 / 4.6052 - 1)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(es99 / 5.6052 - 1)).toBeLessThanOrEqual(0.005);
  });

  const finiteSample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
  const tailLevel = fc.double({ min: 0, max: 0.999, noNaN: true });

  it('is at least the VaR and at least the type 7 quantile at the same level (property)', () => {
    fc.assert(
      fc.property(finiteSample, tailLevel, (sample, level) => {
        const es = expectedShortfall(sample, level);
        // A mean of up to 60 values of size 1e6 carries rounding of about 1e-9.
        expect(es).toBeGreaterThanOrEqual(valueAtRisk(sample, level) - 1e-6);
        expect(es).toBeGreaterThanOrEqual(quantile(sample, level) - 1e-6);
        expect(es).toBeLessThanOrEqual(Math.max(...sample) + 1e-6);
      }),
    );
  });

  it('does not decrease as the level rises (property)', () => {
    fc.assert(
      fc.property(finiteSample, tailLevel, tailLevel, (sample, l1, l2) => {
        const [low, high] = l1 <= l2 ? [l1, l2] : [l2, l1];
        expect(expectedShortfall(sample, low)).toBeLessThanOrEqual(expectedShortfall(sample, high) + 1e-6);
      }),
    );
  });
});
