/**
 * Per scenario: p95 and p99 of IS_FO_BPS for each policy, with bootstrap (BCa) confidence
 * intervals over seeds as whiskers (METRICS.md "Tail"). The comparison's intervals are paired
 * differences against a baseline; a chart of each policy's own tail needs each column's own interval,
 * so it is drawn here with sim's `bootstrapInterval` on a stream named after the scenario, the column
 * and the quantile: the same records give the same whiskers.
 *
 * Chart.js has no error bars: a whisker is a thin floating bar [low, high], and the estimate a marker
 * drawn on it by a small plugin. A column with fewer than two seeds has no interval, only its estimate.
 */
import type { BarElement, ChartConfiguration, Plugin } from 'chart.js';
import { bootstrapInterval, quantile, quantileStatistic, RandomStreams, weightedBootstrapInterval, weightedQuantileStatistic, weightedStatisticOf } from '../../../sim/index.ts';
import { axisTitle, chartTitle, TAIL_COLOURS } from './style.ts';

export const TAIL_PROBABILITIES = [0.95, 0.99] as const;

export interface TailInterval {
  estimate: number;
  /** Null when the column has fewer than two seeds. */
  low: number | null;
  high: number | null;
}

export interface TailColumn {
  policy: string;
  seeds: number;
  p95: TailInterval;
  p99: TailInterval;
}

export interface TailIntervalSettings {
  level: number;
  resamples: number;
  seed: number;
}

export const DEFAULT_TAIL_SETTINGS: TailIntervalSettings = { level: 0.95, resamples: 2000, seed: 1 };

/**
 * `strata`: each value's stratum under stratified fault times (harness/compare/strata.ts), resampled within;
 * `weights`: each value's importance weight under tail sampling (harness/compare/weights.ts), the quantile then the weighted one.
 */
export function tailInterval(
  sampleBps: readonly number[],
  p: number,
  streamName: string,
  settings: TailIntervalSettings,
  strata?: readonly number[],
  weights?: readonly number[],
): TailInterval {
  if (sampleBps.length < 2) return { estimate: weights === undefined ? quantile(sampleBps, p) : weightedStatisticOf(weightedQuantileStatistic(p), sampleBps, weights), low: null, high: null };
  const rng = new RandomStreams(settings.seed).get(streamName);
  const options = { rng, level: settings.level, resamples: settings.resamples };
  const interval = weights === undefined ? bootstrapInterval(sampleBps, quantileStatistic(p), { ...options, strata }) : weightedBootstrapInterval(sampleBps, weights, weightedQuantileStatistic(p), options);
  return { estimate: interval.estimate, low: interval.low, high: interval.high };
}

export function tailColumn(scenarioKey: string, policy: string, sampleBps: readonly number[], settings: TailIntervalSettings, strata?: readonly number[], weights?: readonly number[]): TailColumn {
  const stream = (p: number) => `charts.tail.${scenarioKey}.${policy}.IS_FO_BPS.q${p}`;
  return {
    policy,
    seeds: sampleBps.length,
    p95: tailInterval(sampleBps, 0.95, stream(0.95), settings, strata, weights),
    p99: tailInterval(sampleBps, 0.99, stream(0.99), settings, strata, weights),
  };
}

/** Draws each estimate as a marker across its whisker; the estimates ride in a map keyed by dataset index. */
function estimateMarkers(estimates: ReadonlyMap<number, readonly number[]>): Plugin<'bar'> {
  return {
    id: 'execdrillEstimateMarkers',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const y = chart.scales.y;
      for (const [datasetIndex, values] of estimates) {
        const meta = chart.getDatasetMeta(datasetIndex);
        const colour = String(chart.data.datasets[datasetIndex].borderColor);
        meta.data.forEach((element, i) => {
          const bar = element as unknown as BarElement & { x: number; width: number };
          const py = y.getPixelForValue(values[i]);
          ctx.save();
          ctx.strokeStyle = colour;
          ctx.fillStyle = colour;
          ctx.lineWidth = 3;
          ctx.beginPath();
          ctx.moveTo(bar.x - 14, py);
          ctx.lineTo(bar.x + 14, py);
          ctx.stroke();
          ctx.beginPath();
          ctx.arc(bar.x, py, 4.5, 0, 2 * Math.PI);
          ctx.fill();
          ctx.restore();
        });
      }
    },
  };
}

export function tailIntervalsChart(scenario: string, columns: readonly TailColumn[], settings: TailIntervalSettings): ChartConfiguration<'bar'> {
  const levelPct = Math.round(settings.level * 100);
  const whisker = (stat: 'p95' | 'p99') =>
    columns.map((column): [number, number] => {
      const { estimate, low, high } = column[stat];
      return [low ?? estimate, high ?? estimate];
    });
  const dataset = (stat: 'p95' | 'p99') => ({
    label: `${stat} of IS_FO_BPS (marker) with its ${levelPct}% bootstrap interval (whisker)`,
    data: whisker(stat),
    borderColor: TAIL_COLOURS[stat],
    backgroundColor: TAIL_COLOURS[stat],
    borderWidth: 0,
    barPercentage: 0.06,
    categoryPercentage: 0.8,
    minBarLength: 2,
  });
  const seeds = [...new Set(columns.map((column) => column.seeds))].join('/');
  return {
    type: 'bar',
    data: { labels: columns.map((column) => column.policy), datasets: [dataset('p95'), dataset('p99')] },
    options: {
      plugins: {
        title: chartTitle([`Tail of IS_FO_BPS per policy: ${scenario}`, `${seeds} seeds per policy; ${settings.resamples} bootstrap resamples over seeds`]),
        legend: { position: 'bottom' },
      },
      scales: {
        x: { title: axisTitle('policy') },
        y: { type: 'linear', title: axisTitle('IS_FO_BPS quantile (bps; incident minus control)') },
      },
    },
    plugins: [estimateMarkers(new Map([[0, columns.map((c) => c.p95.estimate)], [1, columns.map((c) => c.p99.estimate)]]))],
  };
}
