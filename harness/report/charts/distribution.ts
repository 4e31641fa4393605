/**
 * One policy's cost distribution across seeds in one scenario (METRICS.md "Tail"), as an empirical CDF:
 * each seed's IS_BPS (or IS_FO_BPS) is a step, so with tens of seeds every episode is still visible,
 * which a histogram's bins would hide. The tail is marked: the region beyond p95 shaded, p95 and p99
 * (type 7, the comparison's definition) as vertical lines whose legend entries carry their values.
 */
import type { ChartConfiguration } from 'chart.js';
import { quantiles } from '../../../sim/index.ts';
import type { CostMetric } from '../../compare/column-stats.ts';
import { axisTitle, chartTitle, formatBps, TAIL_COLOURS } from './style.ts';

export interface DistributionInput {
  scenario: string;
  policy: string;
  metric: CostMetric;
  /** One value per seed, bps. */
  sampleBps: readonly number[];
  colour: string;
}

const METRIC_MEANING: Record<CostMetric, string> = {
  IS_BPS: 'implementation shortfall of the incident run',
  IS_FO_BPS: 'incident IS minus control IS, same seed',
};

/**
 * ECDF steps: the sorted values with the share of seeds at or below each, starting from 0. Drawn with
 * chart.js's `stepped: 'before'` (hold the previous share, rise at the value itself).
 */
export function ecdfPoints(sample: readonly number[]): Array<{ x: number; y: number }> {
  const sorted = [...sample].sort((a, b) => a - b);
  const n = sorted.length;
  return [{ x: sorted[0], y: 0 }, ...sorted.map((x, i) => ({ x, y: (i + 1) / n }))];
}

export function distributionChart(input: DistributionInput): ChartConfiguration {
  const { sampleBps: sample, metric } = input;
  const [p95, p99] = quantiles(sample, [0.95, 0.99]);
  const max = Math.max(...sample);
  const vertical = (x: number) => [{ x, y: 0 }, { x, y: 1 }];
  return {
    type: 'line',
    data: {
      datasets: [
        { label: `ECDF of ${metric} over ${sample.length} seeds`, data: ecdfPoints(sample), stepped: 'before', borderColor: input.colour, backgroundColor: input.colour, pointRadius: 3, borderWidth: 2 },
        { label: 'tail beyond p95', data: [{ x: p95, y: 1 }, { x: Math.max(max, p95), y: 1 }], fill: 'origin', backgroundColor: TAIL_COLOURS.shade, borderWidth: 0, pointRadius: 0 },
        { label: `p95 = ${formatBps(p95)}`, data: vertical(p95), borderColor: TAIL_COLOURS.p95, backgroundColor: TAIL_COLOURS.p95, borderDash: [6, 4], borderWidth: 2, pointRadius: 0 },
        { label: `p99 = ${formatBps(p99)}`, data: vertical(p99), borderColor: TAIL_COLOURS.p99, backgroundColor: TAIL_COLOURS.p99, borderDash: [2, 3], borderWidth: 2, pointRadius: 0 },
      ],
    },
    options: {
      parsing: false,
      plugins: {
        title: chartTitle([`${metric} across seeds: ${input.scenario} / ${input.policy}`, METRIC_MEANING[metric]]),
        legend: { position: 'bottom' },
      },
      scales: {
        x: { type: 'linear', title: axisTitle(`${metric} (bps; positive = cost)`) },
        y: { type: 'linear', min: 0, max: 1, title: axisTitle('share of seeds at or below (ECDF, 0-1)') },
      },
    },
  };
}
