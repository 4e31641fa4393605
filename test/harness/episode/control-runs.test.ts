// A control run made for one policy serves another only where that is proved (control-runs.ts), and
// then the record is exactly the one the other policy's own control run gives.
import { describe, expect, it } from 'vitest';
import { controlRunStats, forgetControlRuns } from '../../../harness/episode/control-runs.ts';
import { runEpisode } from '../../../harness/episode/run-episode.ts';

const SCENARIOS = ['test/fixtures/scenarios/tiny-gap.yaml', 'scenarios/003-autoscaling-cold-start.yaml'];
const POLICIES = ['naive', 'gap-recovery', 'warmup-aware'];

describe('control runs shared between policies', () => {
  it('gives every policy the record its own control run gives, and reuses where the actions agree', () => {
    for (const scenarioFile of SCENARIOS) {
      forgetControlRuns();
      const before = { ...controlRunStats };
      const shared = POLICIES.map((policy) => runEpisode({ scenarioFile, policy, params: {}, seed: 2 }));
      expect(controlRunStats.reused - before.reused).toBeGreaterThan(0);
      POLICIES.forEach((policy, i) => {
        forgetControlRuns();
        expect(shared[i]).toEqual(runEpisode({ scenarioFile, policy, params: {}, seed: 2 }));
      });
    }
  });

  it('does not share a control run with a policy that acts differently without faults', () => {
    forgetControlRuns();
    const before = { ...controlRunStats };
    runEpisode({ scenarioFile: SCENARIOS[0], policy: 'naive', params: {}, seed: 3 });
    // A pause of 5 s mid-parent changes what the control run does.
    const paused = runEpisode({ scenarioFile: SCENARIOS[0], policy: 'placebo-pause', params: { pauseSeconds: 5 }, seed: 3 });
    expect(controlRunStats.reused).toBe(before.reused);
    expect(controlRunStats.made - before.made).toBe(2);
    forgetControlRuns();
    expect(runEpisode({ scenarioFile: SCENARIOS[0], policy: 'placebo-pause', params: { pauseSeconds: 5 }, seed: 3 })).toEqual(paused);
  });
});
