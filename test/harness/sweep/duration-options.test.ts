// Every duration a user writes (a command's flag, a drill file's timeBudget) is read by one parser: the same
// words for the same mistake, a usage error (exit 64) naming the flag, each flag's own bounds.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../harness/errors.ts';
import { durationFlagMs, limitsOf, parseDurationMs, timeBudgetOption } from '../../../harness/sweep/options.ts';

describe('duration flags', () => {
  it('reads a duration with a unit in ms', () => {
    expect(parseDurationMs('150s')).toEqual({ ms: 150_000 });
    expect(durationFlagMs('250ms', '--max-run')).toBe(250);
    expect(timeBudgetOption('3m')).toBe(180_000);
    expect(timeBudgetOption(undefined)).toBeNull();
  });

  it('says what is wrong in the same words for every flag, naming it', () => {
    for (const flag of ['--time-budget', '--max-run', '--decision-budget']) {
      expect(() => durationFlagMs('90', flag)).toThrow(new UsageError(`${flag}: expected a duration such as 250ms, 40us, 2s, 1.5m or 1h, got "90"`));
      expect(() => durationFlagMs('0s', flag)).toThrow(new UsageError(`${flag}: expected a duration above 0, got "0s"`));
    }
    expect(parseDurationMs('soon')).toEqual({ problem: 'expected a duration such as 250ms, 40us, 2s, 1.5m or 1h, got "soon"' });
    expect(() => durationFlagMs(['1s', '2s'], '--max-run')).toThrow(new UsageError('--max-run is given more than once'));
  });

  it("keeps each flag's bounds: budgets at least 1ms, the proxy's timers at most a day", () => {
    expect(() => limitsOf({ 'decision-budget': '500us', 'policy-budget': '1s', 'episode-timeout': '1m' })).toThrow(new UsageError('--decision-budget: expected at least 1ms, got "500us"'));
    expect(limitsOf({ 'decision-budget': '1ms', 'policy-budget': '1s', 'episode-timeout': '1m' }).policy).toEqual({ decisionMs: 1, episodeMs: 1000 });
    expect(() => durationFlagMs('25h', '--max-run', { atMostMs: 24 * 3_600_000 })).toThrow(new UsageError('--max-run: expected at most 86400s, got "25h"'));
    expect(durationFlagMs('24h', '--max-run', { atMostMs: 24 * 3_600_000 })).toBe(86_400_000);
  });
});
