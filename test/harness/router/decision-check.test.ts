import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalDecision, type Decision } from '../../../policies/index.ts';
import { checkDecision } from '../../../harness/router/decision-check.ts';

const knows = (id: string) => id === 'gw1' || id === 'gw2';
const good = (patch: Record<string, unknown> = {}) => ({ ...normalDecision('GO', 300), ...patch });
const problemsOf = (value: unknown) => {
  const check = checkDecision(value, knows);
  return check.ok ? [] : check.problems;
};

/** Values a careless or hostile policy could put in a field, none of which any field accepts in every case. */
const hostile = fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, -1, '1', null, undefined, {}, [], Promise.resolve(1), () => 1, 10n);

describe('checkDecision', () => {
  it('accepts a well-formed decision and returns a frozen copy, its weights copied too', () => {
    const weights = { gw1: 2, gw2: 0 };
    const decision = good({ gatewayWeights: weights });
    const check = checkDecision(decision, knows);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.decision).toEqual(decision);
    expect(check.decision).not.toBe(decision);
    expect(Object.isFrozen(check.decision) && Object.isFrozen(check.decision.gatewayWeights)).toBe(true);
    weights.gw1 = 99;
    expect(check.decision.gatewayWeights?.gw1).toBe(2);
  });

  it('accepts the optional flags massCancel and reenterUnknown as booleans or absent, and nothing else in them', () => {
    expect(problemsOf(good({ massCancel: true, reenterUnknown: false }))).toEqual([]);
    expect(problemsOf(good())).toEqual([]);
    expect(problemsOf(good({ massCancel: 1, reenterUnknown: 'yes' }))).toEqual([
      'decision.massCancel = 1: expected true, false or absent',
      'decision.reenterUnknown = "yes": expected true, false or absent',
    ]);
  });

  it('names every malformed field of a decision at once, with what was expected', () => {
    const problems = problemsOf(good({ participationScale: Number.NaN, catchupCap: -1, childQtyMaxShares: 0, placement: 'sideways', pause: 'yes', regime: '' }));
    expect(problems).toEqual([
      expect.stringMatching(/^decision\.regime = "": expected a name/),
      'decision.pause = "yes": expected true or false',
      'decision.participationScale = NaN: expected a finite number >= 0',
      'decision.catchupCap = -1: expected a finite number >= 0',
      'decision.childQtyMaxShares = 0: expected a whole number of shares >= 1',
      'decision.placement = "sideways": expected one of passive, cross, ioc',
    ]);
  });

  it('refuses a Promise (an async decide), a non-object, an unknown gateway, a bad weight and a misspelt field', () => {
    expect(problemsOf(Promise.resolve(good()))).toEqual([expect.stringContaining('decisions must be synchronous')]);
    expect(problemsOf(undefined)).toEqual(['decide returned undefined (missing): expected a Decision object']);
    expect(problemsOf(good({ gatewayWeights: { gw9: 1 } }))).toEqual([expect.stringContaining('decision.gatewayWeights names "gw9": no such gateway')]);
    expect(problemsOf(good({ gatewayWeights: { gw1: Infinity } }))).toEqual(['decision.gatewayWeights.gw1 = Infinity: expected a finite number >= 0']);
    expect(problemsOf(good({ cancelResting: undefined, cancelRestng: true }))).toEqual([
      'decision.cancelResting = undefined (missing): expected true or false',
      'decision.cancelRestng: not a Decision field (a typo?)',
    ]);
  });

  it('reads each field once, so a getter cannot show the check one value and the router another', () => {
    let reads = 0;
    const decision = good();
    Object.defineProperty(decision, 'participationScale', { enumerable: true, get: () => (reads++ === 0 ? 1 : Number.NaN) });
    const check = checkDecision(decision, knows);
    expect(check.ok && check.decision.participationScale).toBe(1);
    expect(reads).toBe(1);
  });

  it('refuses any hostile value in any field, naming that field (property)', () => {
    const fields = Object.keys(normalDecision('GO', 1)).filter((field) => field !== 'gatewayWeights') as (keyof Decision)[];
    fc.assert(
      fc.property(fc.constantFrom(...fields), hostile, (field, value) => {
        fc.pre(!(field === 'regime' && value === '1'));
        const problems = problemsOf(good({ [field]: value }));
        expect(problems.some((problem) => problem.startsWith(`decision.${field} = `))).toBe(true);
      }),
    );
  });
});
