import { describe, expect, it } from 'vitest';
import { CLOCK_BYTES, DecisionClock, sharedNowMs } from '../../../harness/router/decision-clock.ts';
import { EpisodeWatch, type EpisodeLimits } from '../../../harness/sweep/watchdog.ts';

const LIMITS: EpisodeLimits = { policy: { decisionMs: 100, episodeMs: 1_000 }, loadMs: 500, episodeMs: 10_000 };
const SPEC = { scenarioFile: 's.yaml', policy: 'p.ts', params: {}, seed: 1, shadowPolicy: 'shadow.ts' };

function watched(cpuMs: () => number | undefined) {
  const buffer = new SharedArrayBuffer(CLOCK_BYTES);
  const clock = new DecisionClock(LIMITS.policy, buffer);
  clock.startEpisode();
  const watch = new EpisodeWatch(new Float64Array(buffer), 42, SPEC, LIMITS, cpuMs);
  return { clock, watch };
}

describe('EpisodeWatch', () => {
  it('stops a decision once its thread has spent the decision budget in CPU time, not before', () => {
    let cpu = 0;
    const { clock, watch } = watched(() => cpu);
    const now = sharedNowMs();
    clock.enter('acting', 5_250_000_000);
    expect(watch.check(now)).toBeUndefined();
    // Far past the budget in wall time, but the thread was descheduled: no CPU spent, no breach.
    expect(watch.check(now + 400)).toBeUndefined();
    cpu += 150;
    expect(watch.check(now + 500)).toEqual({
      kind: 'policy',
      message: 'policy p.ts at 5.250 s ran for more than 100 ms of CPU time on one decision (its budget) and was stopped: an infinite loop?',
    });
  });

  it('falls back to wall time where the thread CPU time is unknown', () => {
    const { clock, watch } = watched(() => undefined);
    const now = sharedNowMs();
    clock.enter('acting', 0);
    expect(watch.check(now + 50)).toBeUndefined();
    expect(watch.check(now + 150)?.message).toContain('ran for more than 100 ms of wall time on one decision');
  });

  it('turns a runaway shadow decision into a retirement of the shadow at that decision', () => {
    let cpu = 0;
    const { clock, watch } = watched(() => cpu);
    for (let i = 0; i < 3; i++) {
      clock.enter('shadow', i);
      clock.leave('shadow');
    }
    const now = sharedNowMs();
    clock.enter('shadow', 3_000_000_000);
    watch.check(now);
    cpu += 200;
    const breach = watch.check(now + 250);
    expect(breach?.retireShadow).toEqual({ afterDecisions: 3, reason: 'ran for more than 100 ms of CPU time on one decision (its budget) and was stopped: an infinite loop?' });
    expect(breach?.message).toMatch(/^policy shadow\.ts at 3\.000 s/);
  });

  it('says what the worker was doing when it ended itself: loading a module, or a decision', () => {
    const { clock, watch } = watched(() => 0);
    expect(watch.diedDuring(0)).toBeUndefined();
    clock.loading(true);
    expect(watch.diedDuring(0)).toEqual({ kind: 'bad-input', message: 'a policy module of this episode (p.ts, shadow.ts) ended its thread while loading (exit code 0: process.exit?)' });
    clock.loading(false);
    clock.enter('acting', 7_000_000_000);
    expect(watch.diedDuring(3)?.message).toBe('policy p.ts at 7.000 s ended its thread in the middle of a decision (exit code 3: process.exit?)');
  });

  it('stops a module that will not finish loading, and an episode past its wall-time budget', () => {
    const { clock, watch } = watched(() => 0);
    clock.loading(true);
    expect(watch.check(sharedNowMs() + 600)?.kind).toBe('bad-input');
    clock.loading(false);
    expect(watch.check(sharedNowMs() + 11_000)).toEqual({ kind: 'budget', message: 'the episode ran for more than 10s of wall time (its budget) and was stopped' });
  });
});
