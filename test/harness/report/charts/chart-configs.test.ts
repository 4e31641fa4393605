import type { ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { groupRecords, metricSample } from '../../../../harness/compare/index.ts';
import {
  DEFAULT_TAIL_SETTINGS,
  distributionChart,
  episodeTimelineChart,
  eventStudy,
  eventStudyChart,
  tailColumn,
  tailIntervalsChart,
} from '../../../../harness/report/charts/index.ts';
import { marketPrices } from '../../../../harness/episode/trajectory.ts';
import { tinySweep } from './records.ts';

const UNIT = /\((bps|s|shares|messages|0-1|currency)[;,)]/;

function axisTitles(config: ChartConfiguration): Record<string, string> {
  const scales = (config.options?.scales ?? {}) as Record<string, { title?: { display?: boolean; text?: string } }>;
  return Object.fromEntries(Object.entries(scales).map(([id, scale]) => [id, scale.title?.display ? (scale.title.text ?? '') : '']));
}

function datasetLabels(config: ChartConfiguration): string[] {
  return config.data.datasets.map((dataset) => dataset.label ?? '');
}

describe('chart configurations: axes titled with units, legends saying what is drawn', () => {
  const [group] = groupRecords([{ path: 'tiny', records: tinySweep() }]);
  const column = group.columns[0];

  it('the ECDF: cost in bps against the share of seeds; legend names the ECDF, the tail region, p95 and p99 with values', () => {
    const config = distributionChart({ scenario: 'tiny-gap', policy: column.label, metric: 'IS_FO_BPS', sampleBps: metricSample(column.records, 'IS_FO_BPS'), colour: '#000' });
    expect(axisTitles(config)).toEqual({ x: expect.stringContaining('(bps'), y: expect.stringContaining('(ECDF, 0-1)') });
    const labels = datasetLabels(config);
    expect(labels[0]).toContain('ECDF of IS_FO_BPS over 3 seeds');
    expect(labels.some((label) => /^p95 = -?\d+\.\d\d bps$/.test(label))).toBe(true);
    expect(labels.some((label) => /^p99 = -?\d+\.\d\d bps$/.test(label))).toBe(true);
    expect(labels).toContain('tail beyond p95');
  });

  it('the tail whiskers: one category per policy, the quantile axis in bps', () => {
    const columns = group.columns.map((c) => tailColumn('tiny', c.label, metricSample(c.records, 'IS_FO_BPS'), DEFAULT_TAIL_SETTINGS));
    const config = tailIntervalsChart('tiny-gap', columns, DEFAULT_TAIL_SETTINGS);
    expect(config.data.labels).toEqual(group.columns.map((c) => c.label));
    expect(axisTitles(config as ChartConfiguration).y).toMatch(UNIT);
    expect(datasetLabels(config as ChartConfiguration)).toEqual([expect.stringContaining('p95'), expect.stringContaining('p99')]);
  });

  it('the event study: seconds from the onset against accrued cost in bps; incident and control per policy', () => {
    const study = eventStudy(group.columns.map((c) => ({ policy: c.label, records: c.records })))!;
    const config = eventStudyChart('tiny-gap', study, () => '#000') as ChartConfiguration;
    expect(axisTitles(config)).toEqual({ x: expect.stringContaining('(s)'), y: expect.stringContaining('(bps') });
    for (const c of group.columns) {
      expect(datasetLabels(config)).toContain(`${c.label}: incident, mean of 3 seeds`);
      expect(datasetLabels(config)).toContain(`${c.label}: control (faults removed)`);
    }
  });

  it('the event study legend: one entry per policy, the onset and two line-style keys, not one per curve', () => {
    const study = eventStudy(group.columns.map((c) => ({ policy: c.label, records: c.records })))!;
    const config = eventStudyChart('tiny-gap', study, () => '#000') as ChartConfiguration<'line'>;
    const labels = config.options!.plugins!.legend!.labels!;
    const generated = labels.generateLabels!({ data: config.data } as never);
    const shown = generated.filter((item) => labels.filter!(item, config.data as never)).map((item) => item.text);
    expect(shown).toEqual([...group.columns.map((c) => `${c.label} (mean of 3 seeds)`), 'first fault onset', 'solid: incident runs', 'dashed: control runs (faults removed)']);
  });

  it('the timeline: every panel titled with its unit, the title naming scenario, policy and seed', () => {
    const record = column.records[0];
    const config = episodeTimelineChart(record) as ChartConfiguration;
    const titles = axisTitles(config);
    expect(titles.x).toBe('session clock (scenario time 0 = 12:00:00; s)');
    for (const id of ['lss', 'residual', 'backlog', 'orders']) expect(titles[id], id).toMatch(UNIT);
    expect(String((config.options?.plugins?.title?.text as string[])[0])).toBe(`Episode timeline: tiny-gap / ${column.label} / seed ${record.seed}`);
    const labels = datasetLabels(config);
    for (const expected of ['residual believed by the router', 'true residual (venue)', "router's replay backlog", 'fills at their price', 'fault window (session-disconnect)']) {
      expect(labels).toContain(expected);
    }
    expect(labels.some((label) => label.startsWith('child orders at their limit price:'))).toBe(true);
    expect(labels.filter((label) => label.startsWith('regime ')).length).toBe(new Set(record.timeline.regimes.map((r) => r.regime)).size);
  });

  it('the timeline draws the market: both runs\' mids and the incident book, orders and fills at their prices, on the session clock', () => {
    const record = column.records[0];
    const trajectory = record.trajectory!;
    const config = episodeTimelineChart(record) as ChartConfiguration<'line'>;
    const data = (label: string) => config.data.datasets.find((d) => d.label === label)!.data as Array<{ x: number; y: number | null }>;
    const prices = marketPrices(trajectory.market!);
    const clock = (ns: number) => (record.timeZeroNs! + ns) / 1e9;
    expect(data('mid, incident run').map((p) => p.y)).toEqual(prices.mid);
    expect(data('mid, control run (faults removed)').map((p) => p.y)).toEqual(prices.controlMid);
    expect(data('mid, incident run').map((p) => p.x)).toEqual(trajectory.tNs.map(clock));
    const orders = config.data.datasets.filter((d) => d.label?.startsWith('child orders at their limit price:')).flatMap((d) => d.data as Array<{ x: number; y: number }>);
    expect(orders.map((p) => p.y).sort()).toEqual(trajectory.children.map((c) => c.priceTicks * trajectory.market!.tickSize).sort());
    expect(data('fills at their price').map((p) => p.y)).toEqual(trajectory.fills.map((f) => f.priceTicks * trajectory.market!.tickSize));
    const tick = (config.options!.scales!.x as { ticks: { callback: (value: number) => string } }).ticks.callback;
    expect(tick(12 * 3600 + 15)).toBe('12:00:15');
  });
});
