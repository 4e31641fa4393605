/**
 * A claim against an interval: wholly on the claimed side of the bound, pass; wholly on the other,
 * fail; straddling it, undecided (more seeds may settle it). For `!=` (the two differ) only an
 * interval that is the bound itself, [b, b], fails: the two never differed in any seed.
 *
 * How many seeds would settle an undecided claim is a projection (sequential.ts: projectSettleSeeds).
 * An estimate on the bound never clears it.
 */
import { projectSettleSeeds, type LaterLook, type LookVerdict, type ProjectedInterval } from './sequential.ts';
import type { Claim } from './fact.ts';

/** A fact's verdict is its look's (sequential.ts), and its interval the one a look projects. */
export type FactVerdict = LookVerdict;
export type ClaimInterval = ProjectedInterval;

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

/** The first later look at which the projected interval settles the claim, or null when none does. */
export function settleSeeds(interval: ClaimInterval, claim: Claim, now: LaterLook, later: readonly LaterLook[]): number | null {
  return projectSettleSeeds(interval, now, later, (projected) => judgeClaim(projected, claim) !== 'undecided');
}
