/**
 * Distributions drawn from a uniform source. Each is a small object with `sample(rng)` so that a
 * model holds its distribution as a parameter (chosen by name in a scenario file) and never branches
 * on a kind. All parameters are in the caller's units; the caller converts to nanoseconds.
 */
import { invariant } from './invariant.ts';
import type { UniformSource } from './random.ts';

export interface Distribution {
  sample(rng: UniformSource): number;
  /** The exact mean when known in closed form (used by validation tests and reports). */
  readonly mean: number;
}

const Z_99 = 2.3263478740408408; // standard normal quantile at 0.99

function requirePositive(value: number, what: string): void {
  invariant(Number.isFinite(value) && value > 0, () => `${what} must be a positive finite number, got ${value}`);
}

export class Constant implements Distribution {
  constructor(readonly value: number) {}
  get mean(): number {
    return this.value;
  }
  sample(): number {
    return this.value;
  }
}

export class Uniform implements Distribution {
  constructor(readonly low: number, readonly high: number) {
    invariant(high >= low, () => `uniform needs high >= low, got [${low}, ${high}]`);
  }
  get mean(): number {
    return (this.low + this.high) / 2;
  }
  sample(rng: UniformSource): number {
    return this.low + (this.high - this.low) * rng.next();
  }
}

export class Exponential implements Distribution {
  constructor(readonly rate: number) {
    requirePositive(rate, 'exponential rate');
  }
  get mean(): number {
    return 1 / this.rate;
  }
  sample(rng: UniformSource): number {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    return -Math.log(1 - rng.next()) / this.rate;
  }
}

/** Box-Muller without caching the second variate: one normal costs two uniforms, and a stream's
 * position never depends on whether the previous caller used a cached value. */
export function standardNormal(rng: UniformSource): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export class Normal implements Distribution {
  constructor(readonly mu: number, readonly sigma: number) {
    invariant(sigma >= 0, () => `normal sigma must be >= 0, got ${sigma}`);
  }
  get mean(): number {
    return this.mu;
  }
  sample(rng: UniformSource): number {
    return this.mu + this.sigma * standardNormal(rng);
  }
}

export class LogNormal implements Distribution {
  constructor(readonly mu: number, readonly sigma: number) {
    invariant(sigma >= 0, () => `lognormal sigma must be >= 0, got ${sigma}`);
  }
  /** The lognormal whose median and 99th percentile are given (latency models are specified so). */
  static fromMedianP99(median: number, p99: number): LogNormal {
    requirePositive(median, 'lognormal median');
    invariant(p99 >= median, () => `lognormal p99 (${p99}) must be >= median (${median})`);
    return new LogNormal(Math.log(median), Math.log(p99 / median) / Z_99);
  }
  get mean(): number {
    return Math.exp(this.mu + (this.sigma * this.sigma) / 2);
  }
  sample(rng: UniformSource): number {
    return Math.exp(this.mu + this.sigma * standardNormal(rng));
  }
}

/** Pareto type I: P(X > x) = (scale / x)^shape for x >= scale. */
export class Pareto implements Distribution {
  constructor(readonly scale: number, readonly shape: number) {
    requirePositive(scale, 'pareto scale');
    requirePositive(shape, 'pareto shape');
  }
  get mean(): number {
    return this.shape > 1 ? (this.shape * this.scale) / (this.shape - 1) : Number.POSITIVE_INFINITY;
  }
  sample(rng: UniformSource): number {
    return this.scale / Math.pow(1 - rng.next(), 1 / this.shape);
  }
}

export class Bernoulli implements Distribution {
  constructor(readonly p: number) {
    invariant(p >= 0 && p <= 1, () => `bernoulli p must be in [0, 1], got ${p}`);
  }
  get mean(): number {
    return this.p;
  }
  sample(rng: UniformSource): number {
    return rng.next() < this.p ? 1 : 0;
  }
}

/** Poisson counts by inversion (sequential search). A large mean is split into pieces of mean <= 30,
 * which is exact in distribution because a sum of independent Poissons is Poisson; cost grows
 * linearly with the mean, which is fine for the counts models draw (events per interval). */
export class Poisson implements Distribution {
  constructor(readonly lambda: number) {
    invariant(lambda >= 0 && Number.isFinite(lambda), () => `poisson mean must be finite and >= 0, got ${lambda}`);
  }
  get mean(): number {
    return this.lambda;
  }
  sample(rng: UniformSource): number {
    let remaining = this.lambda;
    let count = 0;
    // Pieces of mean <= 30 keep exp(-mean) far from underflow.
    while (remaining > 0) {
      const piece = Math.min(remaining, 30);
      remaining -= piece;
      count += poissonByInversion(piece, rng);
    }
    return count;
  }
}

function poissonByInversion(mean: number, rng: UniformSource): number {
  const u = rng.next();
  let k = 0;
  let probability = Math.exp(-mean);
  let cumulative = probability;
  while (u >= cumulative && probability > 0) {
    k++;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

/**
 * Piecewise-linear inverse CDF through the points (cumulative probability, value): an empirical
 * distribution given by its quantiles. With points at p = 0 and p = 1 it is bounded by them.
 */
export class Empirical implements Distribution {
  private readonly probabilities: Float64Array;
  private readonly values: Float64Array;

  constructor(points: ReadonlyArray<{ p: number; value: number }>) {
    invariant(points.length >= 2, 'an empirical distribution needs at least two points');
    invariant(points[0].p === 0 && points[points.length - 1].p === 1, 'empirical points must start at p=0 and end at p=1');
    for (let i = 1; i < points.length; i++) {
      invariant(points[i].p > points[i - 1].p, 'empirical probabilities must increase strictly');
      invariant(points[i].value >= points[i - 1].value, 'empirical values must not decrease');
    }
    this.probabilities = Float64Array.from(points, (point) => point.p);
    this.values = Float64Array.from(points, (point) => point.value);
  }

  /** The empirical distribution of a sample: each observation carries equal weight. */
  static fromSample(sample: ArrayLike<number>): Empirical {
    const sorted = Float64Array.from(sample).sort();
    invariant(sorted.length >= 2, 'an empirical distribution needs at least two observations');
    const points = Array.from(sorted, (value, i) => ({ p: i / (sorted.length - 1), value }));
    return new Empirical(points);
  }

  get mean(): number {
    let mean = 0;
    for (let i = 1; i < this.values.length; i++) {
      mean += ((this.probabilities[i] - this.probabilities[i - 1]) * (this.values[i] + this.values[i - 1])) / 2;
    }
    return mean;
  }

  sample(rng: UniformSource): number {
    return this.quantile(rng.next());
  }

  quantile(p: number): number {
    let low = 0;
    let high = this.probabilities.length - 1;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (this.probabilities[middle] <= p) low = middle;
      else high = middle;
    }
    const span = this.probabilities[high] - this.probabilities[low];
    const fraction = span > 0 ? (p - this.probabilities[low]) / span : 0;
    return this.values[low] + fraction * (this.values[high] - this.values[low]);
  }
}
