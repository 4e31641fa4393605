/**
 * Writes every chart of a set of episode records as PNG files into one directory and lists them:
 * per scenario and policy, the IS_BPS and IS_FO_BPS distributions and the timeline of the tail episode
 * (with its gateway pool's warm-up curves and flow shares when it has a pool);
 * per scenario, the p95/p99 whiskers of IS_FO_BPS and the event study. Records are grouped as the
 * comparison groups them (scenario, then policy version and setting), so chart labels are its labels.
 * Files are written atomically (temporary file, then rename), named after scenario, policy and chart.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { makeOutputDir } from '../../io/output-dir.ts';
import { join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { COST_METRICS, groupRecords, metricSample, metricValue, strataOf, type ScenarioGroup } from '../../compare/index.ts';
import type { EpisodeRecord } from '../../episode/record.ts';
import { weightsOf } from '../../compare/weights.ts';
import { distributionChart } from './distribution.ts';
import { tailEpisode } from './episode-choice.ts';
import { episodeTimelineChart, TIMELINE_SIZE } from './episode-timeline.ts';
import { eventStudy } from './event-study.ts';
import { eventStudyChart } from './event-study-chart.ts';
import { GATEWAYS_SIZE, gatewayWarmupChart, hasGateways } from './gateway-warmup.ts';
import { renderPng, type ChartSize } from './render.ts';
import { policyColour, slug } from './style.ts';
import { DEFAULT_TAIL_SETTINGS, tailColumn, tailIntervalsChart, type TailIntervalSettings } from './tail-intervals.ts';

export interface ChartFile {
  /** The file's name inside the output directory. */
  file: string;
  title: string;
  description: string;
}

interface PlannedChart extends ChartFile {
  config: ChartConfiguration;
  size?: ChartSize;
}

function scenarioSlug(group: ScenarioGroup, groups: readonly ScenarioGroup[]): string {
  const twins = groups.filter((other) => other.scenario === group.scenario).length;
  return twins > 1 ? `${slug(group.scenario)}-${group.scenarioHash.slice(0, 8)}` : slug(group.scenario);
}

function scenarioCharts(group: ScenarioGroup, name: string, settings: TailIntervalSettings): PlannedChart[] {
  const planned: PlannedChart[] = [];
  const colours = new Map(group.columns.map((column, i) => [column.label, policyColour(i)]));
  for (const column of group.columns) {
    const policy = slug(column.label);
    for (const metric of COST_METRICS) {
      const sample = metricSample(column.records, metric);
      if (sample.length === 0) continue;
      planned.push({
        file: `${name}--${policy}--${metric.toLowerCase().replace(/_/g, '-')}-ecdf.png`,
        title: `${metric} distribution: ${group.scenario} / ${column.label}`,
        description: `Empirical CDF of ${metric} over ${sample.length} seeds, tail beyond p95 shaded, p95 and p99 marked.`,
        config: distributionChart({ scenario: group.scenario, policy: column.label, metric, sampleBps: sample, colour: colours.get(column.label)! }),
      });
    }
    const tail = tailEpisode(column.records);
    if (tail !== null) {
      planned.push({
        file: `${name}--${policy}--seed-${tail.seed}-timeline.png`,
        title: `Episode timeline: ${group.scenario} / ${column.label} / seed ${tail.seed}`,
        description: `The p95 episode of IS_FO_BPS for ${column.label}: regimes, live-set similarity, residual believed vs true, replay backlog, child orders and fills, faults shaded.`,
        config: episodeTimelineChart(tail),
        size: TIMELINE_SIZE,
      });
      if (hasGateways(tail)) {
        planned.push({
          file: `${name}--${policy}--seed-${tail.seed}-gateways.png`,
          title: `Gateway warm-up and flow shares: ${group.scenario} / ${column.label} / seed ${tail.seed}`,
          description: `The same p95 episode's gateway pool: each node's capacity factor (warm-up) and its share of the router's flow over time.`,
          config: gatewayWarmupChart(tail),
          size: GATEWAYS_SIZE,
        });
      }
    }
  }
  let weighted = false;
  const tails = group.columns
    .map((column) => ({ label: column.label, measured: column.records.filter((record) => metricValue(record, 'IS_FO_BPS') !== null) }))
    .filter((column) => column.measured.length > 0)
    .map((column) => {
      const sample = column.measured.map((record) => metricValue(record, 'IS_FO_BPS') as number);
      const weights = weightsOf(column.measured);
      if (weights !== undefined) weighted = true;
      return tailColumn(`${group.scenario}#${group.scenarioHash}`, column.label, sample, settings, strataOf(column.measured), weights);
    });
  if (tails.length > 0) {
    // Importance-weighted records get the weighted bootstrap, whose interval is the percentile one (sim/stats/weighted-bootstrap.ts).
    const method = weighted ? 'weighted by the seeds\' importance weights, percentile' : 'BCa';
    planned.push({
      file: `${name}--is-fo-tail-intervals.png`,
      title: `p95 and p99 of IS_FO_BPS per policy: ${group.scenario}`,
      description: `Each policy's p95 and p99 of IS_FO_BPS over seeds with ${Math.round(settings.level * 100)}% bootstrap intervals (${method}, ${settings.resamples} resamples).`,
      config: tailIntervalsChart(group.scenario, tails, settings),
    });
  }
  const study = eventStudy(group.columns.map((column) => ({ policy: column.label, records: column.records })));
  if (study !== null && study.curves.length > 0) {
    planned.push({
      file: `${name}--event-study.png`,
      title: `Event study: ${group.scenario}`,
      description: "Mean accrued cost against time from the first fault's onset, per policy, incident runs beside their control runs.",
      config: eventStudyChart(group.scenario, study, (policy) => colours.get(policy)!),
    });
  }
  return planned;
}

/**
 * Renders and writes the charts of `records` into `outDir` (created if missing); lists them in order.
 * `onProgress(done, total)` hears of each chart written (and of none yet, first).
 */
export function writeCharts(
  records: EpisodeRecord[],
  outDir: string,
  settings: TailIntervalSettings = DEFAULT_TAIL_SETTINGS,
  onProgress: (done: number, total: number) => void = () => {},
): ChartFile[] {
  const groups = groupRecords([{ path: outDir, records }]);
  const planned = groups.flatMap((group) => scenarioCharts(group, scenarioSlug(group, groups), settings));
  makeOutputDir(outDir, 'the charts directory');
  onProgress(0, planned.length);
  return planned.map(({ file, title, description, config, size }, i) => {
    const path = join(outDir, file);
    const temporary = `${path}.tmp-${process.pid}`;
    writeFileSync(temporary, renderPng(config, size));
    renameSync(temporary, path);
    onProgress(i + 1, planned.length);
    return { file, title, description };
  });
}
