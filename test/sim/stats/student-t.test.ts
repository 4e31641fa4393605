import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantViolation, studentTCdf, studentTQuantile } from '../../../sim/index.ts';

describe("Student's t distribution", () => {
  it('matches published table quantiles to the six decimals printed', () => {
    // Standard two-sided t tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2, R's qt).
    const table: [p: number, df: number, t: number][] = [
      [0.975, 9, 2.262157],
      [0.975, 29, 2.04523],
      [0.995, 4, 4.604095],
      [0.95, 1, 6.313752],
      [0.975, 1, 12.706205],
      [0.95, 10, 1.812461],
      [0.99, 20, 2.527977],
      [0.975, 120, 1.97993],
      [0.9995, 5, 6.868827],
    ];
    for (const [p, df, t] of table) expect(studentTQuantile(p, df)).toBeCloseTo(t, 6);
  });

  it('matches the closed forms for one degree of freedom (Cauchy) and two', () => {
    for (const p of [0.6, 0.9, 0.975, 0.999, 0.9999999, 0.01]) {
      // -cot(πp) = tan(π(p - 1/2)), written so that the angle is small and tan well-conditioned.
      const cauchy = -1 / Math.tan(Math.PI * (p > 0.5 ? p - 1 : p));
      expect(Math.abs(studentTQuantile(p, 1) / cauchy - 1)).toBeLessThan(1e-11);
      const closedForm = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(Math.abs(studentTQuantile(p, 2) / closedForm - 1)).toBeLessThan(1e-11);
    }
    for (const t of [-30, -1.5, 0, 0.3, 2, 40]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 14);
    }
  });

  it('approaches the normal quantile 1.959964 as the degrees of freedom grow', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 5);
  });

  it('is the inverse of the CDF and antisymmetric about p = 1/2 (property)', () => {
    const probability = fc.double({ min: 1e-8, max: 1 - 1e-8, noNaN: true });
    const degreesOfFreedom = fc.double({ min: 0.5, max: 500, noNaN: true });
    fc.assert(
      fc.property(probability, degreesOfFreedom, (p, df) => {
        const t = studentTQuantile(p, df);
        expect(Math.abs(studentTCdf(t, df) - p)).toBeLessThan(1e-12);
        // 1 - p is rounded; its exact complement 1 - (1 - p) is the probability the mirror image answers.
        const mirrored = studentTQuantile(1 - p, df);
        expect(-mirrored / studentTQuantile(1 - (1 - p), df)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('refuses p outside (0, 1) and degrees of freedom outside (0, 1e6]', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(InvariantViolation);
    expect(() => studentTQuantile(0.5, 0)).toThrow(InvariantViolation);
    expect(() => studentTQuantile(0.975, 2e6)).toThrow(InvariantViolation);
  });
});
