import { describe, expect, it } from 'vitest';
import { averageImpactUniform, implementationShortfall, squareRootImpact } from '../../../harness/metrics/index.ts';

describe('implementation shortfall (Perold 1988)', () => {
  it('VALIDATION.md M1: reproduces the worked example component by component', () => {
    // Buy 1,000 at decision price 40.00; 700 filled at 40.05 after the order reached the market at 40.04;
    // 300 cancelled at 40.08; commission $17.
    const is = implementationShortfall({
      side: 'buy',
      qtyShares: 1_000,
      decisionPrice: 40,
      fills: [{ qtyShares: 700, price: 40.05, arrivalPrice: 40.04 }],
      finalPrice: 40.08,
      feesCurrency: 17,
    });
    const percent = (bps: number) => bps / 100;
    expect(percent(is.bps.explicit)).toBeCloseTo(0.0425, 10);
    expect(percent(is.bps.realised)).toBeCloseTo(0.0175, 10);
    expect(percent(is.bps.delay)).toBeCloseTo(0.07, 10);
    expect(percent(is.bps.missedTrade)).toBeCloseTo(0.06, 10);
    expect(percent(is.bps.total)).toBeCloseTo(0.19, 10);
  });

  it('signs costs positive for a sell that fills below the decision price', () => {
    const is = implementationShortfall({
      side: 'sell',
      qtyShares: 100,
      decisionPrice: 50,
      fills: [{ qtyShares: 100, price: 49.9, arrivalPrice: 50 }],
      finalPrice: 49.5,
    });
    expect(is.bps.total).toBeCloseTo(20, 10);
    expect(is.bps.missedTrade).toBe(0);
  });

  it('prices an overfill as the cost of unwinding the excess, outside the paper portfolio', () => {
    const is = implementationShortfall({
      side: 'buy',
      qtyShares: 100,
      decisionPrice: 10,
      fills: [
        { qtyShares: 100, price: 10.01, arrivalPrice: 10 },
        { qtyShares: 50, price: 10.02, arrivalPrice: 10.01 },
      ],
      finalPrice: 10.05,
      unwindPrice: 9.99,
    });
    expect(is.overfillQtyShares).toBe(50);
    expect(is.currency.overfillUnwind).toBeCloseTo(50 * 0.03, 10);
    expect(is.currency.realised).toBeCloseTo(100 * 0.01, 10);
    expect(is.unfilledQtyShares).toBe(0);
  });
});

describe('square-root impact', () => {
  it('VALIDATION.md M6: 63.2 bp terminal impact at Q/V = 0.1, sigma = 2%, and 2/3 of it paid on average', () => {
    const terminal = squareRootImpact({ y: 1, sigma: 0.02, qtyShares: 10, volumeShares: 100 });
    expect(terminal * 1e4).toBeCloseTo(63.2456, 3);
    expect(Math.abs(terminal * 1e4 - 63.2) / 63.2).toBeLessThan(1e-3);
    expect(averageImpactUniform(terminal) / terminal).toBeCloseTo(2 / 3, 12);
  });
});
