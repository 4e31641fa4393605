import { describe, expect, it } from 'vitest';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import { evaluateCheck } from '../../../harness/facts/evaluate.ts';
import { RandomStreams } from '../../../sim/index.ts';
import { metricIs, type Check } from '../../../harness/facts/fact.ts';
import { A, B, lookOver, syntheticRecord } from './synthetic.ts';

const SEEDS = 40;

/** a: X = seed / 10, Y missing in odd seeds; b: X = a's X + 1 (+ a little per seed), so b - a is about 1. */
function records(): Map<string, EpisodeRecord[]> {
  const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);
  return new Map([
    ['a', seeds.map((seed) => syntheticRecord('a', seed, { X: seed / 10, Y: seed % 2 === 0 ? seed : null, Z: 0 }))],
    ['b', seeds.map((seed) => syntheticRecord('b', seed, { X: seed / 10 + 1 + (seed % 3) / 100, Z: 0 }))],
  ]);
}

const evaluate = (check: Check, alpha = 0.05) => evaluateCheck(check, lookOver(records(), SEEDS, alpha));

describe('fact checks on hand-built records', () => {
  it('bootstraps one sample against a bound, counting only the values the records have', () => {
    const result = evaluate({ kind: 'statistic', label: 'Y', sample: { arm: A, metric: 'Y' }, stat: 'mean', claim: { op: '>', bound: 10 } });
    expect(result).toMatchObject({ verdict: 'pass', n: 20, estimate: 21, statistic: 'mean(Y) of a in synthetic', claim: '> 10' });
    expect(result.low as number).toBeGreaterThan(10);
  });

  it('keeps only the records its predicate holds for', () => {
    const where = metricIs('X', 'X > 2', (value) => value !== null && value > 2);
    const result = evaluate({ kind: 'statistic', label: 'X', sample: { arm: A, metric: 'X', where }, stat: 'p50', claim: { op: '>', bound: 2 } });
    expect(result).toMatchObject({ verdict: 'pass', n: 20, statistic: 'p50(X) of a in synthetic where X > 2' });
  });

  it('pairs two arms by seed: the difference is about 1 however spread out each arm is', () => {
    const result = evaluate({ kind: 'paired', label: 'b - a', a: { arm: A, metric: 'X' }, b: { arm: B, metric: 'X' }, stat: 'mean', claim: { op: '>', bound: 0.9 } });
    expect(result.verdict).toBe('pass');
    expect(result.high as number).toBeLessThan(1.03);
    expect(result.statistic).toBe('mean(X): b − a in synthetic');
  });

  it('fails a claim its interval lies wholly against, and leaves one that straddles undecided', () => {
    expect(evaluate({ kind: 'paired', label: 'b - a', a: { arm: A, metric: 'X' }, b: { arm: B, metric: 'X' }, stat: 'mean', claim: { op: '<', bound: 0 } }).verdict).toBe('fail');
    const straddles = evaluate({ kind: 'statistic', label: 'X', sample: { arm: A, metric: 'X' }, stat: 'mean', claim: { op: '>', bound: 2.05 } });
    expect(straddles.verdict).toBe('undecided');
    expect(straddles.reason).toMatch(/^the interval straddles 2.05/);
  });

  it('reads a share of episodes with a Clopper-Pearson interval', () => {
    const half = metricIs('Y', 'Y measured', (value) => value !== null);
    expect(evaluate({ kind: 'share', label: 'Y measured', arm: A, success: half, claim: { op: '>=', bound: 0.9 } })).toMatchObject({ verdict: 'fail', estimate: 0.5, n: 40 });
    expect(evaluate({ kind: 'share', label: 'Y measured', arm: A, success: half, claim: { op: '>', bound: 0.2 } }).verdict).toBe('pass');
  });

  it('says "not measured" for a metric no record carries, and never passes or fails it', () => {
    const result = evaluate({ kind: 'statistic', label: 'BCU', sample: { arm: A, metric: 'BCU' }, stat: 'mean', claim: { op: '>', bound: 0 } });
    expect(result).toMatchObject({ verdict: 'undecided', reason: 'not measured: no record carries BCU', settleSeeds: null });
  });

  it('needs every child of "all" and one child of "any", whose children share its error', () => {
    const pass: Check = { kind: 'statistic', label: 'pass', sample: { arm: A, metric: 'Y' }, stat: 'mean', claim: { op: '>', bound: 10 } };
    const fail: Check = { kind: 'statistic', label: 'fail', sample: { arm: A, metric: 'Y' }, stat: 'mean', claim: { op: '<', bound: 10 } };
    const open: Check = { kind: 'statistic', label: 'open', sample: { arm: A, metric: 'X' }, stat: 'mean', claim: { op: '>', bound: 2.05 } };
    expect(evaluate({ kind: 'all', label: 'all', checks: [pass, open] }).verdict).toBe('undecided');
    expect(evaluate({ kind: 'all', label: 'all', checks: [pass, open, fail] })).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/^1 of 3 fail; fail: /) });
    const any = evaluate({ kind: 'any', label: 'any', checks: [fail, open, pass, open] }, 0.04);
    expect(any.verdict).toBe('pass');
    // A pass under "any" spends a quarter of the error each; a child's fail needs no division there.
    expect(any.checks?.map((child) => child.level)).toEqual([0.96, 0.99, 0.99, 0.99]);
    expect(evaluate({ kind: 'any', label: 'any', checks: [fail, fail] }).verdict).toBe('fail');
  });

  it('fails an "all" only on a child that fails at alpha/m: twenty true claims at their bound are rarely failed', () => {
    // Each child: a share of successes that is truly 0.5, claimed >= 0.5. One child alone fails at up to
    // alpha/2 of the looks; twenty of them, each at alpha, would fail the conjunction in about a fifth of the looks.
    const m = 20;
    const n = 60;
    const repetitions = 300;
    const uniform = new RandomStreams('all-size').get('draws');
    const checks: Check[] = Array.from({ length: m }, (_, j) => ({
      kind: 'share', label: `S${j}`, arm: A, success: metricIs(`S${j}`, `S${j} = 1`, (value) => value === 1), claim: { op: '>=', bound: 0.5 },
    }));
    let conjunctionFails = 0;
    let anyChildAloneFails = 0;
    for (let r = 0; r < repetitions; r++) {
      const seeds = Array.from({ length: n }, (_, i) => i + 1);
      const byPolicy = new Map([['a', seeds.map((seed) => syntheticRecord('a', seed, Object.fromEntries(checks.map((_, j) => [`S${j}`, uniform.next() < 0.5 ? 1 : 0]))))]]);
      const look = lookOver(byPolicy, n, 0.05);
      if (evaluateCheck({ kind: 'all', label: 'all', checks }, look).verdict === 'fail') conjunctionFails++;
      if (checks.some((check) => evaluateCheck(check, look).verdict === 'fail')) anyChildAloneFails++;
    }
    // Measured: 4 of 300 and 66 of 300.
    expect(anyChildAloneFails / repetitions).toBeGreaterThan(0.15);
    expect(conjunctionFails / repetitions).toBeLessThanOrEqual(0.05);
  });

  it('gives the same interval on every run of the same look', () => {
    const check: Check = { kind: 'statistic', label: 'X', sample: { arm: A, metric: 'X' }, stat: 'p95', claim: { op: '>', bound: 0 } };
    expect(evaluate(check)).toEqual(evaluate(check));
  });
});
