/**
 * One episode as the explorer draws it, shaped from its record: times in seconds from scenario time 0
 * (ms resolution, enough for a chart and shorter in JSON than ns) and the session clock time of time 0,
 * the bucketed state series as recorded, the market (best bid and ask of both runs, as the record keeps
 * them: whole ticks from a base, decoded in the page), child orders and fills with their prices in ticks,
 * the 0/1 session-down and gap-open series turned into windows, regimes with their end and duration, and
 * the record's metrics, playbook runbook and replay command. Nothing the explorer does not draw is kept:
 * the report embeds one of these per episode and nothing else of the records.
 */
import type { EpisodeRecord } from '../../episode/record.ts';
import type { EpisodeTrajectory, TrajectoryMarket } from '../../episode/trajectory.ts';

/** [from, to] in seconds since the episode start. */
export type Window = [number, number];

export interface RegimeSpan {
  regime: string;
  fromS: number;
  /** The next regime's start, or the end of the recorded trajectory for the last one. */
  toS: number;
  durationS: number;
  /** True for the last regime: it lasted at least `durationS`, to the end of the record. */
  open: boolean;
}

export interface ExplorerTrajectory {
  tS: number[];
  liveSetSimilarity: number[];
  residualBelievedShares: number[];
  residualTrueShares: number[];
  routerReplayBacklogMsgs: number[];
  venueBacklogMsgs: number[];
  accruedCostBps: number[];
  controlAccruedCostBps: number[];
  sessionDown: Window[];
  gapOpen: Window[];
  /** Best bid and ask of the incident and control runs per bucket (ticks from `baseTicks`); null in records older than it. */
  market: TrajectoryMarket | null;
  /** [time s, quantity shares, purpose, limit price ticks] per child order. */
  children: Array<[number, number, string, number]>;
  /** [time s, quantity shares, price ticks] per fill. */
  fills: Array<[number, number, number]>;
  omitted: { children: number; fills: number };
  faults: Array<{ kind: string; fromS: number; toS: number | null }>;
}

export interface ExplorerEpisode {
  /** Index of the scenario in the comparison's scenarios. */
  scenario: number;
  /** The comparison's column label (policy, version and setting as the tables name it). */
  policy: string;
  seed: number;
  /** The session clock time of scenario time 0, seconds since midnight; null for records that do not state it. */
  timeZeroS: number | null;
  /** The playbook whose runbook `runbook` follows. */
  playbook: string;
  status: EpisodeRecord['status'];
  error: string | null;
  replay: string;
  metrics: Record<string, number | null>;
  brokenInvariants: string[];
  regimes: RegimeSpan[];
  runbook: Record<string, number | null>;
  trajectory: ExplorerTrajectory | null;
}

export const seconds = (ns: number): number => Math.round(ns / 1e6) / 1e3;

/**
 * Windows where a bucketed 0/1 series is 1. Bucket i covers (tNs[i-1], tNs[i]]; the first bucket
 * starts at its own end time, as nothing earlier was sampled.
 */
export function windowsOf(flags: readonly number[], tNs: readonly number[]): Window[] {
  const windows: Window[] = [];
  let start: number | null = null;
  flags.forEach((flag, i) => {
    if (flag === 1 && start === null) start = seconds(tNs[Math.max(0, i - 1)]);
    if (flag !== 1 && start !== null) {
      windows.push([start, seconds(tNs[i - 1])]);
      start = null;
    }
  });
  if (start !== null) windows.push([start, seconds(tNs[tNs.length - 1])]);
  return windows;
}

export function regimeSpans(regimes: EpisodeRecord['timeline']['regimes'], endNs: number): RegimeSpan[] {
  return regimes.map((entry, i) => {
    const next = regimes[i + 1];
    const toNs = next === undefined ? Math.max(endNs, entry.atNs) : next.atNs;
    return { regime: entry.regime, fromS: seconds(entry.atNs), toS: seconds(toNs), durationS: seconds(toNs - entry.atNs), open: next === undefined };
  });
}

function explorerTrajectory(trajectory: EpisodeTrajectory): ExplorerTrajectory {
  return {
    tS: trajectory.tNs.map(seconds),
    liveSetSimilarity: trajectory.liveSetSimilarity,
    residualBelievedShares: trajectory.residualBelievedShares,
    residualTrueShares: trajectory.residualTrueShares,
    routerReplayBacklogMsgs: trajectory.routerReplayBacklogMsgs,
    venueBacklogMsgs: trajectory.venueBacklogMsgs,
    accruedCostBps: trajectory.accruedCostBps,
    controlAccruedCostBps: trajectory.controlAccruedCostBps,
    sessionDown: windowsOf(trajectory.sessionDown, trajectory.tNs),
    gapOpen: windowsOf(trajectory.gapOpen, trajectory.tNs),
    market: trajectory.market ?? null,
    children: trajectory.children.map((child) => [seconds(child.atNs), child.qtyShares, child.purpose, child.priceTicks]),
    fills: trajectory.fills.map((fill) => [seconds(fill.atNs), fill.qtyShares, fill.priceTicks]),
    omitted: trajectory.omitted,
    faults: trajectory.faults.map((fault) => ({ kind: fault.kind, fromS: seconds(fault.atNs), toS: fault.durationNs === null ? null : seconds(fault.atNs + fault.durationNs) })),
  };
}

export function explorerEpisode(record: EpisodeRecord, scenario: number, policy: string): ExplorerEpisode {
  const trajectory = record.trajectory ?? null;
  const endNs = trajectory === null || trajectory.tNs.length === 0 ? 0 : trajectory.tNs[trajectory.tNs.length - 1];
  return {
    scenario,
    policy,
    seed: record.seed,
    timeZeroS: record.timeZeroNs === undefined ? null : seconds(record.timeZeroNs),
    playbook: record.timeline.playbook ?? '002',
    status: record.status,
    error: record.error === undefined ? null : `${record.error.kind}: ${record.error.message}`,
    replay: record.replay,
    metrics: record.metrics,
    brokenInvariants: record.invariants.filter((result) => !result.ok).map((result) => (result.detail === undefined ? result.name : `${result.name}: ${result.detail}`)),
    regimes: regimeSpans(record.timeline.regimes, endNs),
    runbook: record.timeline.runbook,
    trajectory: trajectory === null ? null : explorerTrajectory(trajectory),
  };
}
