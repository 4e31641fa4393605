import { describe, expect, it } from 'vitest';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import { runWorld } from '../../../harness/episode/world.ts';
import { loadScenarioFile } from '../../../harness/scenario/index.ts';
import { BUNDLED_POLICIES, resolveParams } from '../../../policies/index.ts';

const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';

describe('runEpisode', () => {
  const record = runEpisode({ scenarioFile: TINY, policy: 'gap-recovery', params: {}, seed: 5 });

  it('gives the same trace hash for the same scenario, policy and seed, and another for another seed', () => {
    expect(runEpisode({ scenarioFile: TINY, policy: 'gap-recovery', params: {}, seed: 5 }).traceHash).toBe(record.traceHash);
    expect(runEpisode({ scenarioFile: TINY, policy: 'gap-recovery', params: {}, seed: 6 }).traceHash).not.toBe(record.traceHash);
  });

  it('records IS_FO as exactly incident minus control, and an attribution that adds up to it', () => {
    const m = record.metrics as Record<string, number>;
    expect(record.status).toBe('ok');
    expect(m.IS_FO_BPS).toBeCloseTo(m.IS_BPS - m.IS_CONTROL_BPS, 10);
    const parts = m.C_DIVERGENCE_BPS + m.C_QUEUE_RESET_BPS + m.C_THROTTLE_BPS + m.C_CATCHUP_BPS + m.ATTRIBUTION_RESIDUAL_BPS;
    expect(parts).toBeCloseTo(m.IS_FO_BPS, 10);
    expect(m.C_DIVERGENCE_BPS).toBeCloseTo(m.IS_BPS - m.IS_ORACLE_BPS, 10);
  });

  it('holds every invariant and sees the disconnect in the regime timeline and the runbook', () => {
    expect(record.invariants.filter((i) => !i.ok)).toEqual([]);
    expect(record.timeline.regimes.map((r) => r.regime)).toContain('GAP_OPEN');
    expect(record.timeline.runbook.gapDetectedMs).toBe(0);
    expect(record.metrics.FAULTS).toBe(1);
  });

  it('lets a shadow policy decide alongside without changing what happened, and records where it differed', () => {
    const withShadow = runEpisode({ scenarioFile: TINY, policy: 'gap-recovery', params: {}, seed: 5, shadowPolicy: 'naive' });
    expect(withShadow.traceHash).toBe(record.traceHash);
    expect(withShadow.metrics).toEqual(record.metrics);
    expect(withShadow.shadow?.policy).toBe('naive');
    expect(withShadow.shadow?.decisions).toBeGreaterThan(100);
    // gap-recovery leaves its normal profile at the disconnect; naive does not.
    expect(withShadow.shadow?.divergences[0].acting).toMatch(/^GAP_OPEN/);
    expect(withShadow.shadow?.divergences[0].shadow).toMatch(/^NORMAL/);
    expect(withShadow.replay).toContain('--shadow naive');
  });

  it('records the FIX replay backlog: none without a paced replay, the queue behind it with one', () => {
    expect(record.metrics.FIX_REPLAY_BACKLOG_MAX).toBe(0);
    // Seed 1's loss window drops reports the venue then has to replay behind its 1 msg/s pacing.
    const slow = runEpisode({ scenarioFile: 'scenarios/002-fix-slow-replay.yaml', policy: 'naive', params: {}, seed: 1 });
    expect(slow.metrics.FIX_REPLAY_BACKLOG_MAX).toBeGreaterThan(0);
  });

  it('records a bad scenario file as bad input, naming the file and the path', () => {
    const failed = runEpisode({ scenarioFile: 'test/fixtures/scenarios/bad-scenario.yaml', policy: 'naive', params: {}, seed: 1 });
    expect(failed.status).toBe('failed');
    expect(failed.error?.kind).toBe('bad-input');
    expect(failed.error?.message).toContain('test/fixtures/scenarios/bad-scenario.yaml:6:23: market.flow.intensty: unknown key (did you mean "intensity"?)');
  });

  it('records an unknown policy parameter as bad input', () => {
    const failed = runEpisode({ scenarioFile: TINY, policy: 'naive', params: { notAParam: 1 }, seed: 1 });
    expect(failed.error).toMatchObject({ kind: 'bad-input' });
    expect(failed.error?.message).toMatch(/no parameter "notAParam"/);
  });
});

describe('every bundled policy in a whole episode', () => {
  // Issue 6's contract at the episode level: a policy never gets more than the parent filled unless the
  // record carries the overfill, and its router's position reconciles with the venue's.
  const loaded = loadScenarioFile(TINY);
  if (!loaded.ok) throw new Error('tiny scenario must load');
  for (const policy of BUNDLED_POLICIES) {
    it(`${policy.name}: fills within the parent or records the overfill, and its position reconciles`, () => {
      const record = runEpisode({ scenarioFile: TINY, policy: policy.name, params: {}, seed: 2 });
      const world = runWorld(loaded.scenario, TINY, policy, resolveParams(policy), 2, 'incident');
      expect(record.status).toBe('ok');
      expect(Number.isFinite(record.metrics.IS_BPS)).toBe(true);
      expect(world.traceHash).toBe(record.traceHash);
      expect(record.metrics.OVERFILL_SHARES).toBe(Math.max(0, world.truth.filledShares - 3_000));
      expect(world.router.book.filledQtyShares).toBe(world.truth.filledShares);
    });
  }
});
