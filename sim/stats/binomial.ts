/**
 * The Clopper-Pearson ("exact") interval for a binomial proportion (Clopper & Pearson 1934): the
 * bounds are the beta quantiles B(α/2; k, n-k+1) and B(1-α/2; k+1, n-k), so each side misses with at
 * most α/2 whatever the true proportion; it is conservative where the normal approximation is not
 * (small n, a proportion near 0 or 1), which is where a "share of episodes >= 90%" claim lives.
 * The beta quantiles come from bisection on the regularized incomplete beta function.
 */
import { invariant } from '../invariant.ts';
import { regularizedIncompleteBeta } from './_internals/special-functions.ts';

export interface ProportionInterval {
  readonly successes: number;
  readonly trials: number;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly level: number;
}

const BISECTION_STEPS = 60;

/** The x with I_x(a, b) = p: I_x is increasing in x, so bisection on [0, 1] converges to 1e-18. */
function betaQuantile(p: number, a: number, b: number): number {
  let low = 0;
  let high = 1;
  for (let step = 0; step < BISECTION_STEPS; step++) {
    const middle = (low + high) / 2;
    if (regularizedIncompleteBeta(middle, a, b) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

export function clopperPearsonInterval(successes: number, trials: number, level = 0.95): ProportionInterval {
  invariant(Number.isInteger(trials) && trials >= 1, () => `trials must be a whole number >= 1, got ${trials}`);
  invariant(Number.isInteger(successes) && successes >= 0 && successes <= trials, () => `successes must be a whole number in 0..${trials}, got ${successes}`);
  invariant(level > 0 && level < 1, () => `confidence level must be in (0, 1), got ${level}`);
  const tail = (1 - level) / 2;
  const low = successes === 0 ? 0 : betaQuantile(tail, successes, trials - successes + 1);
  const high = successes === trials ? 1 : betaQuantile(1 - tail, successes + 1, trials - successes);
  return { successes, trials, estimate: successes / trials, low, high, level };
}
