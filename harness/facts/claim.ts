/**
 * A claim against an interval: wholly on the claimed side of the bound, pass; wholly on the other,
 * fail; straddling it, undecided (more seeds may settle it). For `!=` (the two differ) only an
 * interval that is the bound itself, [b, b], fails: the two never differed in any seed.
 *
 * How many seeds would settle an undecided claim is a projection, not a promise: keep the estimate,
 * shrink each side of the interval like 1/sqrt(n) and widen it by the ratio of the normal quantiles
 * of the later look's level to this one's, and take the first look of the grid at which the projected
 * interval clears the bound. An estimate on the bound never clears it.
 */
import { studentTQuantile } from '../../sim/index.ts';
import type { Claim } from './fact.ts';

export type FactVerdict = 'pass' | 'fail' | 'undecided';

export interface ClaimInterval {
  estimate: number;
  low: number;
  high: number;
}

export function judgeClaim({ low, high }: ClaimInterval, { op, bound }: Claim): FactVerdict {
  switch (op) {
    case '>':
      return low > bound ? 'pass' : high <= bound ? 'fail' : 'undecided';
    case '>=':
      return low >= bound ? 'pass' : high < bound ? 'fail' : 'undecided';
    case '<':
      return high < bound ? 'pass' : low >= bound ? 'fail' : 'undecided';
    case '<=':
      return high <= bound ? 'pass' : low > bound ? 'fail' : 'undecided';
    case '!=':
      return low > bound || high < bound ? 'pass' : low === bound && high === bound ? 'fail' : 'undecided';
  }
}

export const claimText = ({ op, bound }: Claim): string => `${op === '!=' ? '≠' : op} ${bound}`;

const WORDS: Record<Claim['op'], Record<Exclude<FactVerdict, 'undecided'>, string>> = {
  '>': { pass: 'lies above', fail: 'lies at or below' },
  '>=': { pass: 'lies at or above', fail: 'lies below' },
  '<': { pass: 'lies below', fail: 'lies at or above' },
  '<=': { pass: 'lies at or below', fail: 'lies above' },
  '!=': { pass: 'excludes', fail: 'is exactly' },
};

/** "the interval lies above 0", "the interval straddles 0.9". */
export function verdictWords(verdict: FactVerdict, { op, bound }: Claim): string {
  if (verdict === 'undecided') return `the interval straddles ${bound}`;
  const words = `the interval ${WORDS[op][verdict]} ${bound}`;
  return op === '!=' && verdict === 'fail' ? `${words}: no seed tells them apart` : words;
}

/** A later look: its seeds, and the error this check may spend at it. */
export interface LaterLook {
  seeds: number;
  alpha: number;
}

const normalQuantile = (p: number) => studentTQuantile(p, 1e6);

/** The first later look at which the projected interval settles the claim, or null when none does. */
export function settleSeeds(interval: ClaimInterval, claim: Claim, now: LaterLook, later: readonly LaterLook[]): number | null {
  const { estimate, low, high } = interval;
  const zNow = normalQuantile(1 - now.alpha / 2);
  for (const look of later) {
    const shrink = Math.sqrt(now.seeds / look.seeds) * (normalQuantile(1 - look.alpha / 2) / zNow);
    const projected = { estimate, low: estimate - (estimate - low) * shrink, high: estimate + (high - estimate) * shrink };
    if (judgeClaim(projected, claim) !== 'undecided') return look.seeds;
  }
  return null;
}
