import { describe, expect, it } from 'vitest';
import {
  expectedShortfallStatistic,
  pairedBootstrapDifference,
  pairedWeightedBootstrapDifference,
  quantileStatistic,
  RandomStreams,
  weightedExpectedShortfallStatistic,
  weightedQuantileStatistic,
  type RandomStream,
} from '../../../sim/index.ts';
import { occurrenceRatio } from '../../../harness/world/tail-sampling.ts';

// VALIDATION.md T9, in T5's manner: importance sampling of a rare fault's occurrence (tailSampling) and the weighted
// paired bootstrap, on a case whose truth is known. The fault occurs with p = 0.04; policy A costs U (uniform on
// [0, 1)) without it and 10 + G with it, policy B U' and 14 + G', where U, U' are independent uniforms and G, G' independent
// Gamma(2) (sums of two Exp(1)); the occurrence is shared by the pair (the seed's draw). Each side is the mixture
// P(cost <= x) = (1 - p) min(1, x) + p F(x - s), F(y) = 1 - e^-y (1 + y), whose 0.99 root (bisection) is the p99; and
// ES_0.95 = v + E[(cost - v)+] / 0.05 at v = VaR_0.95, with E[(U - v)+] = (1 - v)^2 / 2 on [0, 1] and
// E[(s + G - v)+] = e^-t (2 + t) at t = v - s > 0 (2 - t below). The p99 lies in the fault's branch, the CVaR95's tail
// mostly (4 of its 5%): plain sampling at 300 seeds sees the branch about 12 times, the proposal q = 0.5 about 150
// times, each occurrence weighted p/q = 0.08 and each non-occurrence (1 - p)/(1 - q) = 1.92.
// 1000 repetitions: a 0.95 coverage has a binomial standard error of 0.0069, so [0.93, 0.97] is about three.
const P = 0.04;
const Q = 0.5;
const SEEDS = 300;
const REPETITIONS = 1000;
/** Plain sampling is run for its interval's width only: fewer repetitions measure a mean width well enough. */
const PLAIN_REPETITIONS = 200;
const RESAMPLES = 1000;
const SHIFT_A = 10;
const SHIFT_B = 14;

const gammaTwoCdf = (y: number) => (y <= 0 ? 0 : 1 - Math.exp(-y) * (1 + y));
const cdf = (shift: number, x: number) => (1 - P) * Math.min(1, Math.max(0, x)) + P * gammaTwoCdf(x - shift);
function quantileOf(shift: number, level: number): number {
  let low = 0;
  let high = 100;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (cdf(shift, mid) < level) low = mid;
    else high = mid;
  }
  return high;
}
function shortfallOf(shift: number, level: number): number {
  const v = quantileOf(shift, level);
  const t = v - shift;
  const uniformExcess = v >= 1 ? 0 : (1 - v) ** 2 / 2;
  const excess = (1 - P) * uniformExcess + P * (t > 0 ? Math.exp(-t) * (2 + t) : 2 - t);
  return v + excess / (1 - level);
}
const TRUE_P99_DIFFERENCE = quantileOf(SHIFT_B, 0.99) - quantileOf(SHIFT_A, 0.99);
const TRUE_CVAR95_DIFFERENCE = shortfallOf(SHIFT_B, 0.95) - shortfallOf(SHIFT_A, 0.95);

interface Seeds {
  a: Float64Array;
  b: Float64Array;
  weights: Float64Array;
}

/** SEEDS pairs with the fault drawn at probability q (as the harness draws it: the seed's uniform below q), weighted p over q. */
function draw(draws: RandomStream, q: number): Seeds {
  const exp = () => -Math.log(1 - draws.next());
  const seeds: Seeds = { a: new Float64Array(SEEDS), b: new Float64Array(SEEDS), weights: new Float64Array(SEEDS) };
  for (let i = 0; i < SEEDS; i++) {
    const occurred = draws.next() < q;
    seeds.a[i] = occurred ? SHIFT_A + exp() + exp() : draws.next();
    seeds.b[i] = occurred ? SHIFT_B + exp() + exp() : draws.next();
    seeds.weights[i] = occurrenceRatio(P, q, occurred);
  }
  return seeds;
}

interface Coverage {
  p99: number;
  cvar95: number;
  p99Width: number;
  cvar95Width: number;
}

function measure(name: string, repetitions: number, interval: (seeds: Seeds, which: 'p99' | 'cvar95', rng: RandomStream) => { low: number; high: number }, q: number): Coverage {
  const streams = new RandomStreams(`validation-T9/${name}`);
  const draws = streams.get('sample.uniforms');
  const resampling = streams.get('bootstrap.indices');
  const result: Coverage = { p99: 0, cvar95: 0, p99Width: 0, cvar95Width: 0 };
  for (let rep = 0; rep < repetitions; rep++) {
    const seeds = draw(draws, q);
    const p99 = interval(seeds, 'p99', resampling);
    const cvar95 = interval(seeds, 'cvar95', resampling);
    if (p99.low <= TRUE_P99_DIFFERENCE && TRUE_P99_DIFFERENCE <= p99.high) result.p99++;
    if (cvar95.low <= TRUE_CVAR95_DIFFERENCE && TRUE_CVAR95_DIFFERENCE <= cvar95.high) result.cvar95++;
    result.p99Width += p99.high - p99.low;
    result.cvar95Width += cvar95.high - cvar95.low;
  }
  return { p99: result.p99 / repetitions, cvar95: result.cvar95 / repetitions, p99Width: result.p99Width / repetitions, cvar95Width: result.cvar95Width / repetitions };
}

const options = (rng: RandomStream) => ({ rng, resamples: RESAMPLES, level: 0.95 });

describe('tail sampling: coverage of the weighted paired bootstrap', () => {
  it(`VALIDATION.md T9: at ${SEEDS} seeds, q = ${Q} for p = ${P}, the 95% CIs of the p99 and CVaR95 differences cover the truth in [0.93, 0.97] and are narrower than plain sampling's`, () => {
    const weighted = measure('importance', REPETITIONS, (s, which, rng) =>
      pairedWeightedBootstrapDifference(s.a, s.b, s.weights, which === 'p99' ? weightedQuantileStatistic(0.99) : weightedExpectedShortfallStatistic(0.95), options(rng)), Q);
    // Plain: the fault at its own p, the unweighted statistics and interval the columns use without the option (type 7 p99, BCa).
    const plain = measure('plain', PLAIN_REPETITIONS, (s, which, rng) =>
      pairedBootstrapDifference(s.a, s.b, which === 'p99' ? quantileStatistic(0.99) : expectedShortfallStatistic(0.95), options(rng)), P);
    console.log(
      `T9 truth p99 ${TRUE_P99_DIFFERENCE.toFixed(4)}, CVaR95 ${TRUE_CVAR95_DIFFERENCE.toFixed(4)}; coverage weighted p99 ${weighted.p99.toFixed(3)}, CVaR95 ${weighted.cvar95.toFixed(3)} ` +
        `(plain ${plain.p99.toFixed(3)}, ${plain.cvar95.toFixed(3)}); mean width weighted ${weighted.p99Width.toFixed(3)}, ${weighted.cvar95Width.toFixed(3)}, plain ${plain.p99Width.toFixed(3)}, ${plain.cvar95Width.toFixed(3)}`,
    );
    expect(weighted.p99).toBeGreaterThanOrEqual(0.93);
    expect(weighted.p99).toBeLessThanOrEqual(0.97);
    expect(weighted.cvar95).toBeGreaterThanOrEqual(0.93);
    expect(weighted.cvar95).toBeLessThanOrEqual(0.97);
    expect(weighted.p99Width).toBeLessThan(0.5 * plain.p99Width);
    expect(weighted.cvar95Width).toBeLessThan(0.75 * plain.cvar95Width);
  });
});
