/**
 * The episode pool's watchdog: what no code on an episode's own thread can do, since JavaScript cannot
 * interrupt a synchronous loop. Each worker's decision clock (harness/router/decision-clock.ts) writes
 * into memory shared with the main thread when a decision begins, whose it is, and each policy's time
 * so far; the pool polls it (POLL_MS) and ends the worker when
 * - one decision has run longer than the per-decision budget, in CPU time of the worker's thread where
 *   the system reports it (Linux: /proc/self/task/<tid>/schedstat), else in wall time: an infinite
 *   loop, or a policy far too slow;
 * - a policy's decisions over the episode, the one under way included, overrun the episode budget;
 * - a policy module has been loading (its top-level code) longer than `loadMs`;
 * - the episode as a whole has run longer than `episodeMs` of wall time: the backstop for anything
 *   else that would not end (none is known; the kernel's event budget and the scenario limits come first).
 * It says why as a breach, which the pool turns into a failed record with the replay command, or, for
 * a shadow policy's decision, into a rerun of the episode with the shadow stopped before it.
 */
import { readFileSync } from 'node:fs';
import { formatDuration, NS_PER_MS } from '../../sim/index.ts';
import { CLOCK_SLOTS, DEFAULT_POLICY_BUDGET, sharedNowMs, type PolicyBudget } from '../router/decision-clock.ts';
import type { EpisodeErrorKind, EpisodeSpec } from '../episode/record.ts';

export interface EpisodeLimits {
  policy: PolicyBudget;
  /** Longest a policy module may take to load (its top-level code), ms of wall time. */
  loadMs: number;
  /** Longest one episode (its three runs) may take, ms of wall time. */
  episodeMs: number;
}

export const DEFAULT_EPISODE_LIMITS: EpisodeLimits = { policy: DEFAULT_POLICY_BUDGET, loadMs: 30_000, episodeMs: 30 * 60_000 };

export const POLL_MS = 100;

export interface Breach {
  kind: EpisodeErrorKind;
  message: string;
  /** Set when it was the shadow's decision: rerun the episode with the shadow stopped before it. */
  retireShadow?: { afterDecisions: number; reason: string };
}

/** CPU time of one thread of this process, ms, or undefined where the system does not say. */
export function threadCpuMs(tid: number | undefined): number | undefined {
  if (tid === undefined) return undefined;
  try {
    return Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1').split(' ', 1)[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** The thread id of the calling thread (a worker posts its own), where /proc says. */
export function ownThreadId(readLink: () => string): number | undefined {
  try {
    const tid = Number(readLink().split('/').pop());
    return Number.isSafeInteger(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}

const seconds = (ns: number) => `${(ns / 1e9).toFixed(3)} s`;
const formatMs = (ms: number) => formatDuration(Math.round(ms * NS_PER_MS));

/** One busy worker under watch, from the moment its task was handed to it. */
export class EpisodeWatch {
  private readonly startedMs = sharedNowMs();
  private seenSequence = -1;
  private seenCpuMs: number | undefined;
  private seenWallMs = 0;

  constructor(
    private readonly cells: Float64Array,
    private readonly tid: number | undefined,
    private readonly spec: EpisodeSpec,
    private readonly limits: EpisodeLimits,
    private readonly cpuOf: (tid: number | undefined) => number | undefined = threadCpuMs,
  ) {}

  check(nowMs = sharedNowMs()): Breach | undefined {
    const cells = this.cells;
    const loadingSince = cells[CLOCK_SLOTS.loadingSince];
    if (loadingSince > 0 && nowMs - loadingSince > this.limits.loadMs) {
      return { kind: 'bad-input', message: `a policy module of this episode (${this.modules()}) did not finish loading in ${formatMs(this.limits.loadMs)}: its top-level code does not return` };
    }
    const since = cells[CLOCK_SLOTS.since];
    if (since > 0) {
      const breach = this.decisionBreach(since, nowMs);
      if (breach !== undefined) return breach;
    }
    if (nowMs - this.startedMs > this.limits.episodeMs) {
      return { kind: 'budget', message: `the episode ran for more than ${formatMs(this.limits.episodeMs)} of wall time (its budget) and was stopped` };
    }
    return undefined;
  }

  /** What the worker was doing when it died on its own, as a breach when that was a policy's doing. */
  diedDuring(exitCode: number): Breach | undefined {
    const cells = this.cells;
    if (cells[CLOCK_SLOTS.loadingSince] > 0) {
      return { kind: 'bad-input', message: `a policy module of this episode (${this.modules()}) ended its thread while loading (exit code ${exitCode}: process.exit?)` };
    }
    if (cells[CLOCK_SLOTS.since] > 0) {
      const message = `policy ${this.policyOf()} at ${seconds(cells[CLOCK_SLOTS.atNs])} ended its thread in the middle of a decision (exit code ${exitCode}: process.exit?)`;
      return this.shadowDeciding() ? this.shadowBreach(message) : { kind: 'policy', message };
    }
    return undefined;
  }

  private decisionBreach(since: number, nowMs: number): Breach | undefined {
    const cells = this.cells;
    const cpuNow = this.cpuOf(this.tid);
    if (cells[CLOCK_SLOTS.sequence] !== this.seenSequence) {
      this.seenSequence = cells[CLOCK_SLOTS.sequence];
      this.seenCpuMs = cpuNow;
      this.seenWallMs = nowMs;
    }
    const wallMs = nowMs - since;
    // Before the watchdog first saw this decision its CPU time is unknown: count that stretch in full.
    const cpuMs = cpuNow === undefined || this.seenCpuMs === undefined ? wallMs : cpuNow - this.seenCpuMs + (this.seenWallMs - since);
    const budget = this.limits.policy;
    const spentMs = cells[this.shadowDeciding() ? CLOCK_SLOTS.shadowMs : CLOCK_SLOTS.actingMs] + wallMs;
    let why: string | undefined;
    if (cpuMs > budget.decisionMs) {
      why = `ran for more than ${budget.decisionMs} ms of ${cpuNow === undefined ? 'wall' : 'CPU'} time on one decision (its budget) and was stopped: an infinite loop?`;
    } else if (spentMs > budget.episodeMs) {
      why = `spent more than ${budget.episodeMs} ms deciding in this episode (its budget) and was stopped`;
    }
    if (why === undefined) return undefined;
    const message = `policy ${this.policyOf()} at ${seconds(cells[CLOCK_SLOTS.atNs])} ${why}`;
    return this.shadowDeciding() ? this.shadowBreach(message) : { kind: 'policy', message };
  }

  private shadowDeciding(): boolean {
    return this.cells[CLOCK_SLOTS.role] === 1;
  }

  private shadowBreach(message: string): Breach {
    const reason = message.replace(/^policy \S+ at \S+ s /, '');
    return { kind: 'policy', message, retireShadow: { afterDecisions: this.cells[CLOCK_SLOTS.shadowDecisions], reason } };
  }

  private policyOf(): string {
    return this.shadowDeciding() ? (this.spec.shadowPolicy ?? '(shadow)') : this.spec.policy;
  }

  private modules(): string {
    return [this.spec.policy, this.spec.shadowPolicy].filter((name) => name !== undefined).join(', ');
  }
}
