/**
 * The kernel's event budget for one run, the backstop behind the scenario limits: a run that reaches
 * EVENT_BUDGET_FACTOR times its scenario's events-per-run limit before its end is stopped, and the
 * episode fails as over budget (its record says so) instead of running on. The kernel counts events
 * anyway (`run({ maxEvents })`), so the budget costs the hot path nothing it did not already do.
 */
import { formatDuration, type Ns, type RunOutcome } from '../../sim/index.ts';
import { EVENT_BUDGET_FACTOR, resolveLimits } from '../scenario/limits.ts';
import type { Scenario } from '../scenario/index.ts';

export class EventBudgetExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventBudgetExceeded';
  }
}

export function eventBudgetOf(scenario: Scenario): number {
  return EVENT_BUDGET_FACTOR * resolveLimits(scenario.limits).eventsPerRun;
}

/** Throws when the kernel stopped a run on its budget, saying where the run had got to. */
export function requireWithinBudget(outcome: RunOutcome, budget: number, mode: string, endNs: Ns): void {
  if (outcome.reason !== 'budget') return;
  throw new EventBudgetExceeded(
    `the ${mode} run reached its budget of ${budget} kernel events at ${formatDuration(outcome.now)} of ${formatDuration(endNs)} ` +
      `(${EVENT_BUDGET_FACTOR} x limits.eventsPerRun): the scenario asks far more than its estimate; raise limits.eventsPerRun if it truly needs it`,
  );
}
