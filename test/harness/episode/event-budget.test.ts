import { describe, expect, it } from 'vitest';
import { EventBudgetExceeded } from '../../../harness/episode/event-budget.ts';
import { runWorld } from '../../../harness/episode/world.ts';
import { loadScenarioFile } from '../../../harness/scenario/index.ts';
import { naive } from '../../../policies/naive.ts';

const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';

describe('the kernel event budget of a run', () => {
  it('stops a run that reaches five times its events limit before its end, saying where it got to', () => {
    const loaded = loadScenarioFile(TINY);
    if (!loaded.ok) throw new Error(`${TINY} does not load`);
    // Validation would refuse so low a limit against its estimate; the budget is the backstop when the estimate is wrong.
    const scenario = { ...loaded.scenario, limits: { eventsPerRun: 1_000 } };
    expect(() => runWorld(scenario, TINY, naive, naive.defaults, 1, 'incident')).toThrow(EventBudgetExceeded);
    expect(() => runWorld(scenario, TINY, naive, naive.defaults, 1, 'control')).toThrow(/^the control run reached its budget of 5000 kernel events at [\d.]+s of 44s/);
  });

  it('leaves a run within its budget untouched', () => {
    const loaded = loadScenarioFile(TINY);
    if (!loaded.ok) throw new Error(`${TINY} does not load`);
    expect(runWorld(loaded.scenario, TINY, naive, naive.defaults, 1, 'incident').eventsRun).toBeGreaterThan(10_000);
  });
});
