/**
 * What both per-episode charts (the timeline and the gateway warm-up) draw behind their data: the acting
 * policy's regimes as bands in a strip on top, fault windows shaded across the panels, legend keys for both
 * (narrow bands have no room for their name), the time range, and the panels stacked on one time axis: the
 * session clock (x values are seconds since midnight, ticks read HH:MM:SS), from the record's time zero.
 */
import type { ChartDataset, Plugin } from 'chart.js';
import { formatClockTime } from '../../../sim/index.ts';
import type { EpisodeRecord } from '../../episode/record.ts';
import type { EpisodeTrajectory } from '../../episode/trajectory.ts';
import { axisTitle, secondsOf } from './style.ts';
import { FAULT_SHADE, regimeBands, timelineBands } from './timeline-bands.ts';

/** The y-axis id of the regime strip. */
export const REGIME_AXIS = 'regime';

export interface IncidentBackdrop {
  startS: number;
  endS: number;
  /** A record time (ns from time 0) as an x value: seconds since midnight on the session clock. */
  at(ns: number): number;
  /** The x scale: the session clock, from startS to endS. */
  xAxis: Record<string, unknown>;
  /** Legend entries (no data) for each regime's colour and for the fault shading. */
  legend: ChartDataset<'line'>[];
  plugin: Plugin;
}

export function incidentBackdrop(record: EpisodeRecord, trajectory: EpisodeTrajectory): IncidentBackdrop {
  const zeroNs = record.timeZeroNs ?? null;
  const at = (ns: number) => secondsOf((zeroNs ?? 0) + ns);
  const firstS = at(trajectory.tNs[0]);
  const endS = at(trajectory.tNs[trajectory.tNs.length - 1]);
  const startS = Math.min(firstS, ...record.timeline.regimes.map((r) => at(r.atNs)));
  const bands = regimeBands(record.timeline.regimes.map((r) => ({ atS: at(r.atNs), regime: r.regime })), endS);
  const regimeKeys = [...new Map(bands.map((band) => [band.regime, band.colour]))].map(([regime, colour]): ChartDataset<'line'> => ({ label: `regime ${regime}`, data: [], yAxisID: REGIME_AXIS, backgroundColor: colour, borderColor: colour }));
  const faults = trajectory.faults.map((f) => ({ fromS: at(f.atNs), toS: f.durationNs === null ? null : at(f.atNs + f.durationNs), kind: f.kind }));
  const faultKinds = [...new Set(faults.map((f) => f.kind))].join(', ') || 'none';
  const faultKey: ChartDataset<'line'> = { label: `fault window (${faultKinds})`, data: [], yAxisID: REGIME_AXIS, backgroundColor: FAULT_SHADE, borderColor: FAULT_SHADE };
  const xAxis =
    zeroNs === null
      ? { type: 'linear', min: startS, max: endS, title: axisTitle('time from scenario time 0 (s)') }
      : {
          type: 'linear',
          min: startS,
          max: endS,
          title: axisTitle(`session clock (scenario time 0 = ${formatClockTime(zeroNs)}; s)`),
          // No tick at the range's ends unless they fall on a step: an odd start label would crowd the first one.
          ticks: { includeBounds: false, callback: (value: number | string) => formatClockTime(Number(value) * 1e9) },
        };
  return { startS, endS, at, xAxis, legend: [...regimeKeys, faultKey], plugin: timelineBands(bands, faults, REGIME_AXIS) };
}

export interface PanelExtra {
  min?: number;
  max?: number;
  suggestedMax?: number;
  ticks?: { display?: boolean; precision?: number; callback?: (value: number | string) => string };
  grid?: { display: boolean };
}

/** One panel of a stack sharing the time axis; chart.js stacks a group's scales bottom-up in the order they are declared. */
export function stackedPanel(stack: string, title: string, weight: number, extra: PanelExtra = {}) {
  return { type: 'linear' as const, position: 'left' as const, stack, stackWeight: weight, offset: true, title: axisTitle(title), ...extra };
}

/** The regime strip on top of a stack: bands only, no ticks or grid. */
export const regimeStrip = (stack: string) => stackedPanel(stack, 'regime', 1, { min: 0, max: 1, ticks: { display: false }, grid: { display: false } });
