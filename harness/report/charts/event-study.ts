/**
 * The event study of playbook 000 ("measure pre/post drift in slippage ... around failover boundaries"):
 * accrued cost (trajectory.accruedCostBps, bps of the paper notional) against time from the first
 * fault's onset, averaged over seeds per policy, beside the same seeds' control runs (faults removed).
 *
 * Each record samples its curves at its own bucket ends; curves are resampled onto one grid of offsets
 * from the onset shared by every record of the scenario: from the latest first sample to the earliest
 * last one (so each mean is over the same seeds at every offset), at the finest bucket width among them
 * (at most MAX_GRID_POINTS points). Resampling carries the last sample forward: the value at an offset
 * is the record's value at its latest bucket end at or before it, never one from its future.
 * Records without a trajectory (failed episodes) or without a fault are left out, and counted.
 */
import type { EpisodeRecord } from '../../episode/record.ts';

export const MAX_GRID_POINTS = 1000;

export interface EventStudyCurve {
  policy: string;
  seeds: number;
  /** Records of this policy left out: failed, or no fault to align on. */
  excluded: number;
  incidentMeanBps: number[];
  controlMeanBps: number[];
}

export interface EventStudy {
  /** Offsets from the first fault's onset, ns (negative = before it). */
  offsetsNs: number[];
  curves: EventStudyCurve[];
}

const usable = (record: EpisodeRecord) => record.trajectory !== undefined && record.trajectory.faults.length > 0 && record.trajectory.tNs.length > 0;

/** Offsets of one record's samples from its first fault's onset. */
function offsetsOf(record: EpisodeRecord): number[] {
  const trajectory = record.trajectory!;
  const onset = trajectory.faults[0].atNs;
  return trajectory.tNs.map((t) => t - onset);
}

/** The common grid, or null when the records share no span of time around their onsets. */
export function commonGrid(records: readonly EpisodeRecord[]): number[] | null {
  const spans = records.filter(usable).map(offsetsOf);
  if (spans.length === 0) return null;
  const start = Math.max(...spans.map((offsets) => offsets[0]));
  const end = Math.min(...spans.map((offsets) => offsets[offsets.length - 1]));
  if (end < start) return null;
  const widths = spans.flatMap((offsets) => offsets.slice(1).map((t, i) => t - offsets[i]));
  const finest = widths.length === 0 ? end - start : Math.min(...widths);
  const count = finest <= 0 ? 1 : Math.min(MAX_GRID_POINTS, Math.floor((end - start) / finest) + 1);
  const step = count > 1 ? (end - start) / (count - 1) : 0;
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? end : start + k * step));
}

/** `values` (sampled at `offsets`, ascending) at each grid offset, carrying the last sample forward. */
export function carryForward(offsets: readonly number[], values: readonly number[], grid: readonly number[]): number[] {
  const out: number[] = [];
  let index = 0;
  for (const t of grid) {
    while (index + 1 < offsets.length && offsets[index + 1] <= t) index++;
    out.push(values[index]);
  }
  return out;
}

function meanOf(rows: readonly number[][], length: number): number[] {
  return Array.from({ length }, (_, k) => rows.reduce((sum, row) => sum + row[k], 0) / rows.length);
}

/** One curve per column (policy label), in the order given, over the grid shared by all of them. */
export function eventStudy(columns: ReadonlyArray<{ policy: string; records: readonly EpisodeRecord[] }>): EventStudy | null {
  const grid = commonGrid(columns.flatMap((column) => column.records));
  if (grid === null) return null;
  const curves = columns
    .map((column) => {
      const kept = column.records.filter(usable);
      const resample = (read: (r: EpisodeRecord) => number[]) => kept.map((record) => carryForward(offsetsOf(record), read(record), grid));
      return {
        policy: column.policy,
        seeds: kept.length,
        excluded: column.records.length - kept.length,
        incidentMeanBps: meanOf(resample((r) => r.trajectory!.accruedCostBps), grid.length),
        controlMeanBps: meanOf(resample((r) => r.trajectory!.controlAccruedCostBps), grid.length),
      };
    })
    .filter((curve) => curve.seeds > 0);
  return { offsetsNs: grid, curves };
}
