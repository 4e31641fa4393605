// A run made for one policy serves another only where that is proved (kept-runs.ts), and then the
// record is exactly the one the other policy's own runs give: incident, control and oracle alike.
import { describe, expect, it } from 'vitest';
import { forgetKeptRuns, keptRunStats } from '../../../harness/episode/kept-runs.ts';
import { loadPolicy } from '../../../harness/episode/policy-loader.ts';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import type { EpisodeRecord, EpisodeSpec } from '../../../harness/episode/record.ts';
import type { RunMode } from '../../../harness/episode/world.ts';
import { BUNDLED_POLICIES } from '../../../policies/index.ts';

const MODES: RunMode[] = ['incident', 'control', 'oracle'];
const POLICIES = BUNDLED_POLICIES.map((p) => p.name);
const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';
const THROWS = 'test/fixtures/policies/hostile/throws-null.ts';

const spec = (scenarioFile: string, policy: string, seed: number, extra: Partial<EpisodeSpec> = {}): EpisodeSpec => ({ scenarioFile, policy, params: {}, seed, ...extra });

/** The record of an episode run with nothing kept from before. */
function alone(episode: EpisodeSpec): EpisodeRecord {
  forgetKeptRuns();
  return runEpisode(episode);
}

/** Runs made and reused over `body`, by mode. */
function counted(body: () => void): Record<RunMode, { made: number; reused: number }> {
  const before = structuredClone(keptRunStats);
  body();
  return Object.fromEntries(MODES.map((m) => [m, { made: keptRunStats[m].made - before[m].made, reused: keptRunStats[m].reused - before[m].reused }])) as Record<RunMode, { made: number; reused: number }>;
}

describe('runs kept and reused between policies', () => {
  // Every ordered pair (A, B): A with nothing kept (its own record), then each other policy B in turn.
  // A's runs are tried first, so a B that acts as A did on one of them gets it, exactly as right after A
  // alone; a B that does not makes its own run (all it would do right after A alone) or reuses an
  // earlier B's. Either way its record must be the one it gets alone, the first of its own sequence.
  it.each([
    ['scenarios/003-autoscaling-cold-start.yaml', 1],
    ['scenarios/001-sequencer-failover-replay.yaml', 2],
  ])('gives every bundled policy run after another the record it gets alone, on %s seed %i', (scenarioFile, seed) => {
    const own = new Map<string, string>();
    const after: { first: string; policy: string; record: string }[] = [];
    const reused = counted(() => {
      for (const first of POLICIES) {
        own.set(first, JSON.stringify(alone(spec(scenarioFile, first, seed))));
        for (const policy of POLICIES.filter((p) => p !== first)) after.push({ first, policy, record: JSON.stringify(runEpisode(spec(scenarioFile, policy, seed))) });
      }
    });
    for (const { first, policy, record } of after) expect(record, `${policy} after ${first}`).toBe(own.get(policy));
    expect(reused.incident.reused).toBeGreaterThan(0);
    expect(reused.oracle.reused).toBeGreaterThan(0);
  });

  it('reuses incident, control and oracle runs for a policy that acts as another did, under its own regime labels', () => {
    const scenarioFile = 'scenarios/003-autoscaling-cold-start.yaml';
    forgetKeptRuns();
    const naive = runEpisode(spec(scenarioFile, 'naive', 1));
    let oracle: EpisodeRecord | undefined;
    // The oracle policy follows the schedule as naive does on this seed, under the label ORACLE.
    const runs = counted(() => (oracle = runEpisode(spec(scenarioFile, 'oracle', 1))));
    expect(runs).toEqual({ incident: { made: 0, reused: 1 }, control: { made: 0, reused: 1 }, oracle: { made: 0, reused: 1 } });
    expect(oracle?.timeline.regimes.map((r) => r.regime)).toEqual(['ORACLE']);
    expect(oracle?.traceHash).not.toBe(naive.traceHash);
    expect(oracle).toEqual(alone(spec(scenarioFile, 'oracle', 1)));
  });

  it('makes its own runs for a policy that acts differently', () => {
    forgetKeptRuns();
    runEpisode(spec(TINY, 'naive', 3));
    let paused: EpisodeRecord | undefined;
    // A pause of 5 s mid-parent changes what every run does.
    const runs = counted(() => (paused = runEpisode(spec(TINY, 'placebo-pause', 3, { params: { pauseSeconds: 5 } }))));
    expect(runs).toEqual({ incident: { made: 1, reused: 0 }, control: { made: 1, reused: 0 }, oracle: { made: 1, reused: 0 } });
    expect(paused).toEqual(alone(spec(TINY, 'placebo-pause', 3, { params: { pauseSeconds: 5 } })));
  });

  it('makes its own run for a policy that throws on the kept observations, and fails there as it does alone', async () => {
    await loadPolicy(THROWS);
    forgetKeptRuns();
    runEpisode(spec(TINY, 'naive', 3));
    let thrown: EpisodeRecord | undefined;
    const runs = counted(() => (thrown = runEpisode(spec(TINY, THROWS, 3))));
    expect(runs.incident).toEqual({ made: 1, reused: 0 });
    expect(thrown?.error?.kind).toBe('policy');
    expect(thrown).toEqual(alone(spec(TINY, THROWS, 3)));
  });

  it('neither reuses nor keeps an incident run with a shadow, whose decisions the record holds', () => {
    forgetKeptRuns();
    runEpisode(spec(TINY, 'gap-recovery', 5));
    let shadowed: EpisodeRecord | undefined;
    const runs = counted(() => (shadowed = runEpisode(spec(TINY, 'gap-recovery', 5, { shadowPolicy: 'naive' }))));
    expect(runs.incident).toEqual({ made: 1, reused: 0 });
    expect(runs.control).toEqual({ made: 0, reused: 1 });
    expect(shadowed?.shadow?.decisions).toBeGreaterThan(100);
    expect(counted(() => runEpisode(spec(TINY, 'gap-recovery', 5))).incident).toEqual({ made: 0, reused: 1 });
    expect(shadowed).toEqual(alone(spec(TINY, 'gap-recovery', 5, { shadowPolicy: 'naive' })));
  });
});
