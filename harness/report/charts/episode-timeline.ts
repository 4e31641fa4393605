/**
 * One episode's timeline (playbook 000's "LSS time series", playbook 002's runbook): stacked panels
 * sharing one time axis on the session clock, from the record's trajectory. Top to bottom: the acting
 * policy's regimes as bands; live-set similarity (the bucket's worst); the residual the router believes
 * against the true one; replay backlogs (the router's still-to-apply messages, the venue's); and the
 * market: the incident run's best bid, best ask and mid against the control run's mid, each child order
 * at its limit price (by purpose) and each fill at its price, markers growing with the shares. Fault
 * windows are shaded across every panel below the regime strip.
 * A record lists at most MAX_ORDERS child orders and fills; the subtitle says when some were left out.
 * Records older than the market series draw the orders at their sizes instead.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChildPurpose } from '../../router/router.ts';
import type { EpisodeRecord } from '../../episode/record.ts';
import { marketPrices, type EpisodeTrajectory } from '../../episode/trajectory.ts';
import { chartTitle } from './style.ts';
import { incidentBackdrop, REGIME_AXIS, regimeStrip, stackedPanel, type PanelExtra } from './incident-backdrop.ts';

export const TIMELINE_SIZE = { widthPx: 1100, heightPx: 1150 };
/** Whole numbers on the axes that count messages and shares. */
const COUNTS = { precision: 0 } as const;

/** A marker's radius by shares: the episode's largest order or fill at 7 px, none under 2.5 px. */
function radii(trajectory: EpisodeTrajectory): (shares: number) => number {
  const largest = Math.max(1, ...trajectory.children.map((c) => c.qtyShares), ...trajectory.fills.map((f) => f.qtyShares));
  return (shares) => 2.5 + 4.5 * Math.sqrt(shares / largest);
}

const PURPOSE_COLOURS: Record<ChildPurpose, string> = { normal: '#1f77b4', reentry: '#9467bd', catchup: '#ff7f0e', cleanup: '#8c564b' };
const PURPOSES = Object.keys(PURPOSE_COLOURS) as ChildPurpose[];

const panel = (title: string, weight: number, extra?: PanelExtra) => stackedPanel('timeline', title, weight, extra);

export function episodeTimelineChart(record: EpisodeRecord): ChartConfiguration<'line'> {
  const trajectory = record.trajectory;
  if (trajectory === undefined) throw new Error(`episodeTimelineChart: ${record.scenario}/${record.policy.name} seed ${record.seed} has no trajectory`);
  const backdrop = incidentBackdrop(record, trajectory);
  const ts = trajectory.tNs.map(backdrop.at);
  const series = (values: ReadonlyArray<number | null>) => values.map((y, i) => ({ x: ts[i], y }));
  const line = (label: string, values: ReadonlyArray<number | null>, yAxisID: string, colour: string, dash: number[] = []): ChartDataset<'line'> => ({
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
  const market = trajectory.market;
  const radius = radii(trajectory);
  // With the market, orders and fills sit at their prices, sized by shares; without it, at their sizes.
  const at = market === undefined ? (_ticks: number, shares: number) => shares : (ticks: number) => ticks * market.tickSize;
  const dots = (label: string, points: Array<{ x: number; y: number; shares: number }>, colour: string, style: 'triangle' | 'circle'): ChartDataset<'line'> => ({
    label,
    data: points.map(({ x, y }) => ({ x, y })),
    yAxisID: 'orders',
    showLine: false,
    pointStyle: style,
    pointRadius: market === undefined ? (style === 'triangle' ? 5 : 3.5) : points.map((p) => radius(p.shares)),
    borderColor: colour,
    backgroundColor: style === 'circle' && market !== undefined ? 'rgba(255,255,255,0)' : colour,
    borderWidth: 1.5,
  });
  const children = PURPOSES.flatMap((purpose) => {
    const sent = trajectory.children
      .filter((child) => child.purpose === purpose)
      .map((child) => ({ x: backdrop.at(child.atNs), y: at(child.priceTicks, child.qtyShares), shares: child.qtyShares }));
    return sent.length === 0 ? [] : [dots(`child orders${market === undefined ? ' sent' : ' at their limit price'}: ${purpose}`, sent, PURPOSE_COLOURS[purpose], 'circle')];
  });
  const fills = dots(
    market === undefined ? 'fills received' : 'fills at their price',
    trajectory.fills.map((fill) => ({ x: backdrop.at(fill.atNs), y: at(fill.priceTicks, fill.qtyShares), shares: fill.qtyShares })),
    '#2ca02c',
    'triangle',
  );
  const book: ChartDataset<'line'>[] = [];
  if (market !== undefined) {
    const prices = marketPrices(market);
    book.push(
      { ...line('best ask, incident run', prices.ask, 'orders', 'rgba(214,39,40,0.6)'), borderWidth: 1 },
      { ...line('best bid, incident run', prices.bid, 'orders', 'rgba(31,119,180,0.6)'), borderWidth: 1 },
      { ...line('mid, incident run', prices.mid, 'orders', '#222222'), borderWidth: 2 },
      { ...line('mid, control run (faults removed)', prices.controlMid, 'orders', '#8a8a8a', [6, 4]), borderWidth: 2 },
    );
  }
  const decimals = market === undefined ? 0 : Math.max(0, Math.ceil(-Math.log10(market.tickSize) - 1e-9));
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
        ...book,
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
        x: backdrop.xAxis,
        orders:
          market === undefined
            ? panel('order size (shares)', 3, { min: 0, ticks: COUNTS })
            : panel('price (currency; markers sized by shares)', 4, { ticks: { callback: (value: number | string) => Number(value).toFixed(decimals) } }),
        backlog: panel('backlog (messages)', 2, { min: 0, suggestedMax: 1, ticks: COUNTS }),
        residual: panel('residual (shares)', 3, { min: 0, ticks: COUNTS }),
        lss: panel('LSS (0-1)', 2, { min: 0, max: 1 }),
        [REGIME_AXIS]: regimeStrip('timeline'),
      },
    },
    plugins: [backdrop.plugin],
  };
}
