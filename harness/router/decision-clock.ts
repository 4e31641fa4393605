/**
 * How long policies take to decide, against their budgets. A policy's decisions share one budget per
 * episode (its three runs together), the acting policy's and the shadow's apart, so a slow shadow is
 * stopped without touching the episode it rides along in. A decision that returns over budget is
 * caught here; one that never returns (an infinite loop) cannot be, by any code on its own thread:
 * in a sweep worker the clock writes each decision's start into memory shared with the main thread,
 * whose watchdog (harness/sweep/watchdog.ts) measures the thread's CPU time and ends the worker.
 * Times are wall-clock milliseconds, which bound CPU time from above; the watchdog confirms a
 * decision's overrun with the thread's own CPU time where the system reports it (Linux).
 */
import { performance } from 'node:perf_hooks';

export interface PolicyBudget {
  /** Longest one decision may take, ms. */
  decisionMs: number;
  /** Most a policy may spend deciding over one episode (incident, control and oracle runs), ms. */
  episodeMs: number;
}

export const DEFAULT_POLICY_BUDGET: PolicyBudget = { decisionMs: 2_000, episodeMs: 60_000 };

export type DecisionRole = 'acting' | 'shadow';

/**
 * The layout of the shared clock, one Float64 per slot: when the decision under way began (0: none),
 * whose it is (0 acting, 1 shadow) and its simulated time, the time each policy has spent deciding
 * this episode, the shadow's decisions so far, a count of decisions begun, and when the worker began
 * loading a policy module (0: not loading).
 */
export const CLOCK_SLOTS = { since: 0, role: 1, atNs: 2, actingMs: 3, shadowMs: 4, shadowDecisions: 5, sequence: 6, loadingSince: 7 } as const;
export const CLOCK_BYTES = 8 * Float64Array.BYTES_PER_ELEMENT;

/** Milliseconds on a clock that the main thread and workers share (their performance.now() origins differ). */
export const sharedNowMs = (): number => performance.timeOrigin + performance.now();

export class DecisionClock {
  private readonly cells: Float64Array;
  private readonly watched: boolean;

  /**
   * @param buffer memory the watchdog reads (a worker's); without it the clock is private and checks
   *   each decision's own duration itself when it returns.
   */
  constructor(
    readonly budget: PolicyBudget = DEFAULT_POLICY_BUDGET,
    buffer?: SharedArrayBuffer,
  ) {
    this.cells = new Float64Array(buffer ?? new ArrayBuffer(CLOCK_BYTES));
    this.watched = buffer !== undefined;
  }

  /** A new episode: its policies start with their whole budget. */
  startEpisode(): void {
    this.cells.fill(0);
  }

  /** Brackets the loading of a user's policy module, which runs its top-level code (the watchdog bounds it too). */
  loading(active: boolean): void {
    this.cells[CLOCK_SLOTS.loadingSince] = active ? sharedNowMs() : 0;
  }

  /** Shadow decisions taken so far in this episode. */
  get shadowDecisions(): number {
    return this.cells[CLOCK_SLOTS.shadowDecisions];
  }

  enter(role: DecisionRole, atNs: number): void {
    this.cells[CLOCK_SLOTS.role] = role === 'shadow' ? 1 : 0;
    this.cells[CLOCK_SLOTS.atNs] = atNs;
    this.cells[CLOCK_SLOTS.sequence]++;
    this.cells[CLOCK_SLOTS.since] = sharedNowMs();
  }

  /** Ends the decision under way; returns why it broke the budget, or undefined. */
  leave(role: DecisionRole): string | undefined {
    if (role === 'shadow') this.cells[CLOCK_SLOTS.shadowDecisions]++;
    return this.stop(role);
  }

  /**
   * Ends a policy's create(params), entered as a decision: its time counts against the budgets, but it is
   * not one of the shadow's numbered decisions (a retired shadow is stopped by that number).
   */
  leaveCreate(role: DecisionRole): string | undefined {
    return this.stop(role);
  }

  private stop(role: DecisionRole): string | undefined {
    const tookMs = sharedNowMs() - this.cells[CLOCK_SLOTS.since];
    this.cells[CLOCK_SLOTS.since] = 0;
    const total = role === 'shadow' ? CLOCK_SLOTS.shadowMs : CLOCK_SLOTS.actingMs;
    this.cells[total] += tookMs;
    if (!this.watched && tookMs > this.budget.decisionMs) return `took ${Math.round(tookMs)} ms over one decision (budget ${this.budget.decisionMs} ms a decision)`;
    if (this.cells[total] > this.budget.episodeMs) {
      return `spent ${Math.round(this.cells[total])} ms deciding in this episode (budget ${this.budget.episodeMs} ms an episode)`;
    }
    return undefined;
  }
}

let installed = new DecisionClock();

/** The clock guarded policies report to: a private one, unless a sweep worker installed its shared one. */
export function currentDecisionClock(): DecisionClock {
  return installed;
}

export function installDecisionClock(clock: DecisionClock): void {
  installed = clock;
}
