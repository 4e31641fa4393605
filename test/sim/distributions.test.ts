import { describe, expect, it } from 'vitest';
import {
  Bernoulli,
  Constant,
  Empirical,
  Exponential,
  InvariantViolation,
  LogNormal,
  Normal,
  Pareto,
  Poisson,
  RandomStreams,
  Uniform,
  type Distribution,
  type RandomStream,
} from '../../sim/index.ts';

// Sample sizes are fixed with a fixed seed; tolerances are 5 standard errors, estimated from the
// closed-form variance for means and from the sample's fourth moment for variances.
const Z = 5;

function stream(name: string): RandomStream {
  return new RandomStreams(7).get(`test.${name}`);
}

function draw(distribution: Distribution, n: number, name: string): Float64Array {
  const rng = stream(name);
  return Float64Array.from({ length: n }, () => distribution.sample(rng));
}

function expectMoments(distribution: Distribution, name: string, n: number, expected: { mean: number; variance: number }): void {
  const sample = draw(distribution, n, name);
  const mean = sample.reduce((sum, x) => sum + x, 0) / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of sample) {
    const d2 = (x - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = m2 / (n - 1);
  m4 /= n;
  expect(distribution.mean).toBeCloseTo(expected.mean, 12);
  expect(Math.abs(mean - expected.mean)).toBeLessThan(Z * Math.sqrt(expected.variance / n));
  expect(Math.abs(variance - expected.variance)).toBeLessThan(Z * Math.sqrt((m4 - variance * variance) / n));
}

/** Fraction of the sample at or below x: the empirical CDF. */
function fractionAtOrBelow(sample: Float64Array, x: number): number {
  return sample.reduce((count, value) => count + (value <= x ? 1 : 0), 0) / sample.length;
}

function expectCdf(sample: Float64Array, x: number, p: number): void {
  expect(Math.abs(fractionAtOrBelow(sample, x) - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / sample.length));
}

describe('distributions: sample moments match the closed forms', () => {
  const N = 200_000;

  it('Constant always returns its value', () => {
    const sample = draw(new Constant(3.5), 100, 'constant');
    expect(sample.every((x) => x === 3.5)).toBe(true);
    expect(new Constant(3.5).mean).toBe(3.5);
  });

  it('Uniform(2, 5) has mean 3.5 and variance 9/12, within its bounds', () => {
    expectMoments(new Uniform(2, 5), 'uniform', N, { mean: 3.5, variance: 9 / 12 });
    const sample = draw(new Uniform(2, 5), N, 'uniform.bounds');
    expect(sample.every((x) => x >= 2 && x < 5)).toBe(true);
  });

  it('Exponential(rate 4) has mean 1/4 and variance 1/16', () => {
    expectMoments(new Exponential(4), 'exponential', N, { mean: 0.25, variance: 1 / 16 });
  });

  it('Normal(1, 2) has mean 1 and variance 4, and P(X <= 1 + 2 * 1.96) = 0.975', () => {
    expectMoments(new Normal(1, 2), 'normal', N, { mean: 1, variance: 4 });
    expectCdf(draw(new Normal(1, 2), N, 'normal.cdf'), 1 + 2 * 1.959963984540054, 0.975);
  });

  it('LogNormal(0.3, 0.5) has mean exp(mu + sigma^2/2) and variance (exp(sigma^2) - 1) exp(2 mu + sigma^2)', () => {
    const [mu, sigma] = [0.3, 0.5];
    const variance = (Math.exp(sigma ** 2) - 1) * Math.exp(2 * mu + sigma ** 2);
    expectMoments(new LogNormal(mu, sigma), 'lognormal', N, { mean: Math.exp(mu + sigma ** 2 / 2), variance });
  });

  it('Pareto(scale 2, shape 5) has mean shape scale/(shape-1) and variance scale^2 shape/((shape-1)^2 (shape-2))', () => {
    expectMoments(new Pareto(2, 5), 'pareto', N, { mean: 2.5, variance: (4 * 5) / (16 * 3) });
    expect(new Pareto(2, 1).mean).toBe(Number.POSITIVE_INFINITY);
  });

  it('Bernoulli(0.3) has mean 0.3 and variance 0.21', () => {
    expectMoments(new Bernoulli(0.3), 'bernoulli', N, { mean: 0.3, variance: 0.21 });
  });

  it.each([
    [0.5, 200_000],
    [4, 200_000],
    [29.5, 100_000],
    [200, 50_000],
    [1000, 20_000],
  ])('Poisson(%d) has mean and variance equal to its mean', (lambda, n) => {
    expectMoments(new Poisson(lambda), `poisson.${lambda}`, n, { mean: lambda, variance: lambda });
  });

  it('Poisson(0.5) puts exp(-0.5) of its mass at 0, and Poisson(0) is always 0', () => {
    expectCdf(draw(new Poisson(0.5), N, 'poisson.zero'), 0, Math.exp(-0.5));
    expect(draw(new Poisson(0), 100, 'poisson.none').every((x) => x === 0)).toBe(true);
  });
});

describe('LogNormal.fromMedianP99', () => {
  it('reproduces the median and the 99th percentile it is given', () => {
    const sample = draw(LogNormal.fromMedianP99(40, 400), 200_000, 'lognormal.median-p99');
    expectCdf(sample, 40, 0.5);
    expectCdf(sample, 400, 0.99);
  });

  it('rejects a p99 below the median and a median that is not positive', () => {
    expect(() => LogNormal.fromMedianP99(40, 30)).toThrow(InvariantViolation);
    expect(() => LogNormal.fromMedianP99(0, 30)).toThrow(InvariantViolation);
  });
});

describe('Empirical', () => {
  const points = [
    { p: 0, value: 0 },
    { p: 0.5, value: 1 },
    { p: 0.9, value: 2 },
    { p: 1, value: 10 },
  ];

  it('interpolates its quantiles linearly between the points it is given', () => {
    const empirical = new Empirical(points);
    expect(empirical.quantile(0)).toBe(0);
    expect(empirical.quantile(0.25)).toBeCloseTo(0.5, 12);
    expect(empirical.quantile(0.5)).toBe(1);
    expect(empirical.quantile(0.7)).toBeCloseTo(1.5, 12);
    expect(empirical.quantile(0.95)).toBeCloseTo(6, 12);
    expect(empirical.quantile(1)).toBe(10);
  });

  it('samples with the quantiles it was given and the mean of its piecewise-linear CDF', () => {
    const empirical = new Empirical(points);
    const sample = draw(empirical, 200_000, 'empirical');
    expectCdf(sample, 1, 0.5);
    expectCdf(sample, 2, 0.9);
    expectCdf(sample, 6, 0.95);
    // Each segment contributes its probability times its midpoint: 0.5*0.5 + 0.4*1.5 + 0.1*6.
    expectMoments(empirical, 'empirical.moments', 200_000, { mean: 1.45, variance: piecewiseUniformVariance() });
  });

  it('built from a sample, has the sample minimum, median and maximum as its 0, 0.5 and 1 quantiles', () => {
    const empirical = Empirical.fromSample([3, 1, 2, 5, 4]);
    expect(empirical.quantile(0)).toBe(1);
    expect(empirical.quantile(0.25)).toBe(2);
    expect(empirical.quantile(0.5)).toBe(3);
    expect(empirical.quantile(0.125)).toBeCloseTo(1.5, 12);
    expect(empirical.quantile(1)).toBe(5);
  });

  it('rejects points that do not form a distribution', () => {
    expect(() => new Empirical([{ p: 0, value: 1 }])).toThrow(InvariantViolation);
    expect(() => new Empirical([{ p: 0.1, value: 1 }, { p: 1, value: 2 }])).toThrow(InvariantViolation);
    expect(() => new Empirical([{ p: 0, value: 2 }, { p: 1, value: 1 }])).toThrow(InvariantViolation);
    expect(() => new Empirical([{ p: 0, value: 1 }, { p: 0, value: 1 }, { p: 1, value: 2 }])).toThrow(InvariantViolation);
  });
});

/** Variance of the piecewise-uniform distribution above: E[X^2] per segment is (a^2 + ab + b^2)/3. */
function piecewiseUniformVariance(): number {
  const segments = [
    [0.5, 0, 1],
    [0.4, 1, 2],
    [0.1, 2, 10],
  ];
  const secondMoment = segments.reduce((sum, [p, a, b]) => sum + (p * (a * a + a * b + b * b)) / 3, 0);
  return secondMoment - 1.45 ** 2;
}

describe('distribution parameters', () => {
  it('are checked when the distribution is made', () => {
    expect(() => new Exponential(0)).toThrow(InvariantViolation);
    expect(() => new Uniform(5, 2)).toThrow(InvariantViolation);
    expect(() => new Normal(0, -1)).toThrow(InvariantViolation);
    expect(() => new Pareto(0, 2)).toThrow(InvariantViolation);
    expect(() => new Bernoulli(1.5)).toThrow(InvariantViolation);
    expect(() => new Poisson(-1)).toThrow(InvariantViolation);
  });
});
