/**
 * Log-gamma, log-beta and the regularized incomplete beta function: what Student's t CDF needs (its
 * accuracy, measured, is stated in student-t.ts). Formulas: Lanczos (1964) with Godfrey's g = 7, n = 9 coefficients; the incomplete
 * beta by its continued fraction evaluated with the modified Lentz method (Press et al., Numerical
 * Recipes, 3rd ed., §6.4). Not exported from the package: callers want the t distribution, not these.
 */
import { InvariantViolation, invariant } from '../../invariant.ts';

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function logGamma(x: number): number {
  invariant(x > 0, () => `logGamma needs x > 0, got ${x}`);
  if (x < 0.5) {
    // Reflection keeps the series in the region where it is accurate.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) series += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

const STIRLING_FROM = 20;

/** lnΓ(x) minus its Stirling approximation (x - 1/2)ln x - x + ln(2π)/2, for x ≥ 20 (error < 1e-17). */
function stirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  return (
    inverse *
    (1 / 12 - inverseSquared * (1 / 360 - inverseSquared * (1 / 1260 - inverseSquared * (1 / 1680 - inverseSquared / 1188))))
  );
}

/**
 * ln B(a, b) = lnΓ(a) + lnΓ(b) - lnΓ(a + b). When one argument is large the three log-gammas are huge
 * and nearly cancel (at a = 5e5 they are about 6e6, so a direct difference keeps only nine digits);
 * the Stirling form does the cancellation analytically with log1p.
 */
export function logBeta(a: number, b: number): number {
  const large = Math.max(a, b);
  const small = Math.min(a, b);
  if (large < STIRLING_FROM) return logGamma(a) + logGamma(b) - logGamma(a + b);
  // lnΓ(large + small) - lnΓ(large), expanded by Stirling on both terms.
  const gammaRatio =
    (large - 0.5) * Math.log1p(small / large) +
    small * Math.log(large + small) -
    small +
    stirlingCorrection(large + small) -
    stirlingCorrection(large);
  return logGamma(small) - gammaRatio;
}

/**
 * I_x(a, b), the regularized incomplete beta function, for a, b > 0 and x in [0, 1]. `complement` is
 * 1 - x; a caller that can compute it without cancellation (t²/(ν + t²) rather than 1 - ν/(ν + t²))
 * passes it in and keeps the digits that 1 - x would lose when x is near 1.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, complement = 1 - x): number {
  invariant(a > 0 && b > 0, () => `incomplete beta needs a, b > 0, got ${a}, ${b}`);
  invariant(x >= 0 && x <= 1, () => `incomplete beta needs x in [0, 1], got ${x}`);
  if (x === 0 || x === 1) return x;
  // Take each logarithm from whichever of x, 1 - x is the accurate small one: with a in the thousands,
  // a * ln(x) magnifies any error in ln(x).
  const logX = x > 0.5 ? Math.log1p(-complement) : Math.log(x);
  const logComplement = complement > 0.5 ? Math.log1p(-x) : Math.log(complement);
  const logFront = a * logX + b * logComplement - logBeta(a, b);
  // The continued fraction converges fast only below the mean of the beta distribution; above it,
  // use I_x(a, b) = 1 - I_{1-x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(complement, b, a)) / b;
}

const TINY = 1e-300;
const EPSILON = Number.EPSILON;
const MAX_TERMS = 10_000;

function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    // Even step: d_{2m} = m(b - m)x / ((a + 2m - 1)(a + 2m)).
    let coefficient = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    // Odd step: d_{2m+1} = -(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    coefficient = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < EPSILON) return fraction;
  }
  throw new InvariantViolation(`incomplete beta continued fraction did not converge for x=${x}, a=${a}, b=${b}`);
}
