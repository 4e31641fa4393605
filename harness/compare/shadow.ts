/**
 * Shadow runs in a comparison (seed 001, "shadow policy: score-only, no routing change"): when a column's
 * records carry a `shadow` (a second policy that decided at every decision point without acting), how
 * often its decisions diverged from the acting policy's, between which regimes, and where: each seed's
 * first divergence, with its time after the episode's first fault when the record has one. A divergence
 * is a decision whose gist (placement, pace, catch-up cap, pause and cancel flags) differs; the router
 * records it, this only counts.
 */
import type { EpisodeRecord } from '../episode/record.ts';
import type { Column } from './columns.ts';

/** Each seed's first divergence, the earliest few of them. */
export const FIRST_DIVERGENCES_SHOWN = 5;
export const REGIME_PAIRS_SHOWN = 3;

export interface ShadowDivergence {
  seed: number;
  atNs: number;
  /** Time after the episode's first fault (negative: before it); null when the record lists no fault. */
  afterFirstFaultNs: number | null;
  /** The record's time zero on the session clock (ns since midnight), when it states one. */
  timeZeroNs: number | null;
  acting: string;
  shadow: string;
}

export interface ShadowStats {
  /** The acting policy's column. */
  column: string;
  shadow: string;
  episodes: number;
  /** Episodes with at least one divergence. */
  episodesDiverged: number;
  decisions: number;
  divergences: number;
  /** divergences / decisions; null without decisions. */
  share: number | null;
  /** Most frequent (acting regime -> shadow regime) pairs among the divergences. */
  regimePairs: { acting: string; shadow: string; count: number }[];
  firstDivergences: ShadowDivergence[];
}

type Shadowed = EpisodeRecord & { shadow: NonNullable<EpisodeRecord['shadow']> };

const regimeOf = (gist: string) => gist.split(':')[0];

function firstDivergence(record: Shadowed): ShadowDivergence | null {
  const first = record.shadow.divergences[0];
  if (first === undefined) return null;
  const faultNs = record.trajectory?.faults[0]?.atNs;
  return {
    seed: record.seed,
    atNs: first.atNs,
    afterFirstFaultNs: faultNs === undefined ? null : first.atNs - faultNs,
    timeZeroNs: record.timeZeroNs ?? null,
    acting: first.acting,
    shadow: first.shadow,
  };
}

function regimePairs(records: readonly Shadowed[]): ShadowStats['regimePairs'] {
  const counts = new Map<string, { acting: string; shadow: string; count: number }>();
  for (const record of records) {
    for (const divergence of record.shadow.divergences) {
      const acting = regimeOf(divergence.acting);
      const shadow = regimeOf(divergence.shadow);
      const key = `${acting}\u0000${shadow}`;
      const entry = counts.get(key) ?? { acting, shadow, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  // Stable sort: ties keep the order they were first met in (by seed).
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, REGIME_PAIRS_SHOWN);
}

function stats(column: Column, shadow: string, records: readonly Shadowed[]): ShadowStats {
  const decisions = records.reduce((sum, record) => sum + record.shadow.decisions, 0);
  const divergences = records.reduce((sum, record) => sum + record.shadow.divergences.length, 0);
  const firsts = records.map(firstDivergence).filter((d): d is ShadowDivergence => d !== null);
  return {
    column: column.label,
    shadow,
    episodes: records.length,
    episodesDiverged: firsts.length,
    decisions,
    divergences,
    share: decisions === 0 ? null : divergences / decisions,
    regimePairs: regimePairs(records),
    firstDivergences: [...firsts].sort((a, b) => a.atNs - b.atNs || a.seed - b.seed).slice(0, FIRST_DIVERGENCES_SHOWN),
  };
}

/** One entry per (column, shadow policy) among the records that carry a shadow; none when no record does. */
export function shadowStats(columns: readonly Column[]): ShadowStats[] {
  const result: ShadowStats[] = [];
  for (const column of columns) {
    const byShadow = new Map<string, Shadowed[]>();
    for (const record of column.records) {
      if (record.shadow === undefined) continue;
      const list = byShadow.get(record.shadow.policy) ?? [];
      list.push(record as Shadowed);
      byShadow.set(record.shadow.policy, list);
    }
    for (const [shadow, records] of byShadow) result.push(stats(column, shadow, records));
  }
  return result;
}
