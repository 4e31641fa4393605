/** Paired differences: a shift common to every seed is resolved exactly; identical policies are not significant. */
import { describe, expect, it } from 'vitest';
import { groupRecords } from '../../../harness/compare/columns.ts';
import { MIN_PAIRS, pairedDifference } from '../../../harness/compare/differences.ts';
import { record } from './records.ts';

const settings = { level: 0.95, resamples: 500, seed: 7 };
const costs = Array.from({ length: 40 }, (_, i) => 5 + ((i * 37) % 23));

function columns(candidateCost: (cost: number, seed: number) => number, seeds = costs.length) {
  const records = costs.slice(0, seeds).flatMap((cost, seed) => [record('naive', seed, { IS_BPS: cost }), record('candidate', seed, { IS_BPS: candidateCost(cost, seed) })]);
  const [group] = groupRecords([{ path: 'test', records }]);
  return { naive: group.columns[0], candidate: group.columns[1] };
}

describe('pairedDifference', () => {
  it('resolves a saving of 5 bps on every seed as exactly -5 at every quantile, better', () => {
    const { naive, candidate } = columns((cost) => cost - 5);
    for (const stat of ['p50', 'p95', 'p99', 'cvar95']) {
      const difference = pairedDifference(naive, candidate, 'IS_BPS', stat, settings, `test.${stat}`);
      expect(difference.estimate).toBeCloseTo(-5, 9);
      expect(difference.low).toBeCloseTo(-5, 9);
      expect(difference.high).toBeCloseTo(-5, 9);
      expect(difference.verdict).toBe('better');
    }
  });

  it('calls identical costs not significant, and a cost 3 bps higher worse', () => {
    const same = columns((cost) => cost);
    expect(pairedDifference(same.naive, same.candidate, 'IS_BPS', 'p95', settings, 'test').verdict).toBe('not significant');
    const dearer = columns((cost) => cost + 3);
    expect(pairedDifference(dearer.naive, dearer.candidate, 'IS_BPS', 'p95', settings, 'test').verdict).toBe('worse');
  });

  it('gives no interval on fewer paired seeds than it takes to mean anything', () => {
    const { naive, candidate } = columns((cost) => cost - 5, MIN_PAIRS - 1);
    const difference = pairedDifference(naive, candidate, 'IS_BPS', 'p95', settings, 'test');
    expect(difference).toMatchObject({ verdict: 'too few pairs', pairs: MIN_PAIRS - 1, estimate: null });
  });

  it('pairs by seed: a candidate run on other seeds shares only the common ones', () => {
    const { naive } = columns((cost) => cost);
    const [group] = groupRecords([{ path: 'test', records: costs.map((cost, seed) => record('candidate', seed + 30, { IS_BPS: cost })) }]);
    expect(pairedDifference(naive, group.columns[0], 'IS_BPS', 'p95', settings, 'test').pairs).toBe(costs.length - 30);
  });
});
