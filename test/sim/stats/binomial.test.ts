import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval, InvariantViolation } from '../../../sim/index.ts';

describe('Clopper-Pearson interval', () => {
  it('matches the beta quantiles for 5 of 10 and 90 of 100 (scipy.stats.beta.ppf)', () => {
    const half = clopperPearsonInterval(5, 10, 0.95);
    expect(half.low).toBeCloseTo(0.187086028447, 9);
    expect(half.high).toBeCloseTo(0.812913971553, 9);
    expect(clopperPearsonInterval(90, 100, 0.99).low).toBeCloseTo(0.798046479219, 9);
  });

  it('has the closed forms at 0 and n successes: (α/2)^(1/n) from the far side', () => {
    const none = clopperPearsonInterval(0, 10, 0.95);
    const all = clopperPearsonInterval(10, 10, 0.95);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(1 - 0.025 ** (1 / 10), 9);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.025 ** (1 / 10), 9);
  });

  it('refuses successes outside 0..trials', () => {
    expect(() => clopperPearsonInterval(11, 10)).toThrow(InvariantViolation);
    expect(() => clopperPearsonInterval(1, 0)).toThrow(InvariantViolation);
  });
});
