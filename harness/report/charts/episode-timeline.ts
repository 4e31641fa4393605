/**
 * One episode's timeline (issue 9; seed 000's "LSS time series", seed 002's runbook): stacked panels
 * sharing one time axis, from the record's trajectory. Top to bottom: the acting policy's regimes as
 * bands; live-set similarity (the bucket's worst); the residual the router believes against the true
 * one; replay backlogs (the router's still-to-apply messages, the venue's); and the child orders sent
 * (by purpose) and fills received, each at its size. Fault windows are shaded across every panel.
 * A record lists at most MAX_ORDERS child orders and fills; the subtitle says when some were left out.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChildPurpose } from '../../router/router.ts';
import type { EpisodeRecord } from '../../episode/record.ts';
import { axisTitle, chartTitle, secondsOf } from './style.ts';
import { incidentBackdrop, REGIME_AXIS, regimeStrip, stackedPanel, type PanelExtra } from './incident-backdrop.ts';

export const TIMELINE_SIZE = { widthPx: 1100, heightPx: 1000 };

const PURPOSE_COLOURS: Record<ChildPurpose, string> = { normal: '#1f77b4', reentry: '#9467bd', catchup: '#ff7f0e', cleanup: '#8c564b' };
const PURPOSES = Object.keys(PURPOSE_COLOURS) as ChildPurpose[];

const panel = (title: string, weight: number, extra?: PanelExtra) => stackedPanel('timeline', title, weight, extra);

export function episodeTimelineChart(record: EpisodeRecord): ChartConfiguration<'line'> {
  const trajectory = record.trajectory;
  if (trajectory === undefined) throw new Error(`episodeTimelineChart: ${record.scenario}/${record.policy.name} seed ${record.seed} has no trajectory`);
  const ts = trajectory.tNs.map(secondsOf);
  const series = (values: readonly number[]) => values.map((y, i) => ({ x: ts[i], y }));
  const line = (label: string, values: readonly number[], yAxisID: string, colour: string, dash: number[] = []): ChartDataset<'line'> => ({
    label,
    data: series(values),
    yAxisID,
    borderColor: colour,
    backgroundColor: colour,
    borderDash: dash,
    borderWidth: 1.5,
    pointRadius: 0,
    // chart.js 'after' rises at the previous point: a bucket's value spans the bucket, up to its end time.
    stepped: 'after',
  });
  const dots = (label: string, points: Array<{ x: number; y: number }>, colour: string, style: 'triangle' | 'circle'): ChartDataset<'line'> => ({
    label,
    data: points,
    yAxisID: 'orders',
    showLine: false,
    pointStyle: style,
    pointRadius: style === 'triangle' ? 5 : 3.5,
    borderColor: colour,
    backgroundColor: colour,
  });
  const children = PURPOSES.flatMap((purpose) => {
    const sent = trajectory.children.filter((child) => child.purpose === purpose).map((child) => ({ x: secondsOf(child.atNs), y: child.qtyShares }));
    return sent.length === 0 ? [] : [dots(`child orders sent: ${purpose}`, sent, PURPOSE_COLOURS[purpose], 'triangle')];
  });
  const fills = dots('fills received', trajectory.fills.map((fill) => ({ x: secondsOf(fill.atNs), y: fill.qtyShares })), '#2ca02c', 'circle');
  const backdrop = incidentBackdrop(record, trajectory);
  const { omitted } = trajectory;
  const omittedNote = omitted.children + omitted.fills > 0 ? `; ${omitted.children} child orders and ${omitted.fills} fills beyond the record's list not drawn` : '';
  return {
    type: 'line',
    data: {
      datasets: [
        ...backdrop.legend,
        line('live-set similarity (LSS), worst in bucket', trajectory.liveSetSimilarity, 'lss', '#1f77b4'),
        line('residual believed by the router', trajectory.residualBelievedShares, 'residual', '#d62728'),
        line('true residual (venue)', trajectory.residualTrueShares, 'residual', '#222222', [5, 3]),
        line("router's replay backlog", trajectory.routerReplayBacklogMsgs, 'backlog', '#9467bd'),
        line("venue's backlog", trajectory.venueBacklogMsgs, 'backlog', '#8c564b', [5, 3]),
        ...children,
        fills,
      ],
    },
    options: {
      parsing: false,
      plugins: {
        title: chartTitle([
          `Episode timeline: ${record.scenario} / ${record.policy.name} / seed ${record.seed}`,
          `IS ${record.metrics.IS_BPS?.toFixed(2) ?? '–'} bps, IS_FO ${record.metrics.IS_FO_BPS?.toFixed(2) ?? '–'} bps; regimes as bands, faults shaded${omittedNote}`,
        ]),
        legend: { position: 'bottom' },
      },
      scales: {
        x: { type: 'linear', min: backdrop.startS, max: backdrop.endS, title: axisTitle('time from the episode start (s)') },
        orders: panel('order size (shares)', 3, { min: 0 }),
        backlog: panel('backlog (messages)', 2, { min: 0, suggestedMax: 1 }),
        residual: panel('residual (shares)', 3, { min: 0 }),
        lss: panel('LSS (0-1)', 2, { min: 0, max: 1 }),
        [REGIME_AXIS]: regimeStrip('timeline'),
      },
    },
    plugins: [backdrop.plugin],
  };
}
