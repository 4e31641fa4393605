/**
 * What both per-episode charts (the timeline and the gateway warm-up) draw behind their data: the acting
 * policy's regimes as bands in a strip on top, fault windows shaded across the panels, legend keys for both
 * (narrow bands have no room for their name), the time range, and the panels stacked on one time axis.
 */
import type { ChartDataset, Plugin } from 'chart.js';
import type { EpisodeRecord } from '../../episode/record.ts';
import type { EpisodeTrajectory } from '../../episode/trajectory.ts';
import { axisTitle, secondsOf } from './style.ts';
import { FAULT_SHADE, regimeBands, timelineBands } from './timeline-bands.ts';

/** The y-axis id of the regime strip. */
export const REGIME_AXIS = 'regime';

export interface IncidentBackdrop {
  startS: number;
  endS: number;
  /** Legend entries (no data) for each regime's colour and for the fault shading. */
  legend: ChartDataset<'line'>[];
  plugin: Plugin;
}

export function incidentBackdrop(record: EpisodeRecord, trajectory: EpisodeTrajectory): IncidentBackdrop {
  const firstS = secondsOf(trajectory.tNs[0]);
  const endS = secondsOf(trajectory.tNs[trajectory.tNs.length - 1]);
  const startS = Math.min(firstS, ...record.timeline.regimes.map((r) => secondsOf(r.atNs)));
  const bands = regimeBands(record.timeline.regimes.map((r) => ({ atS: secondsOf(r.atNs), regime: r.regime })), endS);
  const regimeKeys = [...new Map(bands.map((band) => [band.regime, band.colour]))].map(([regime, colour]): ChartDataset<'line'> => ({ label: `regime ${regime}`, data: [], yAxisID: REGIME_AXIS, backgroundColor: colour, borderColor: colour }));
  const faults = trajectory.faults.map((f) => ({ fromS: secondsOf(f.atNs), toS: f.durationNs === null ? null : secondsOf(f.atNs + f.durationNs), kind: f.kind }));
  const faultKinds = [...new Set(faults.map((f) => f.kind))].join(', ') || 'none';
  const faultKey: ChartDataset<'line'> = { label: `fault window (${faultKinds})`, data: [], yAxisID: REGIME_AXIS, backgroundColor: FAULT_SHADE, borderColor: FAULT_SHADE };
  return { startS, endS, legend: [...regimeKeys, faultKey], plugin: timelineBands(bands, faults, REGIME_AXIS) };
}

export interface PanelExtra {
  min?: number;
  max?: number;
  suggestedMax?: number;
  ticks?: { display: boolean };
  grid?: { display: boolean };
}

/** One panel of a stack sharing the time axis; chart.js stacks a group's scales bottom-up in the order they are declared. */
export function stackedPanel(stack: string, title: string, weight: number, extra: PanelExtra = {}) {
  return { type: 'linear' as const, position: 'left' as const, stack, stackWeight: weight, offset: true, title: axisTitle(title), ...extra };
}

/** The regime strip on top of a stack: bands only, no ticks or grid. */
export const regimeStrip = (stack: string) => stackedPanel(stack, 'regime', 1, { min: 0, max: 1, ticks: { display: false }, grid: { display: false } });
