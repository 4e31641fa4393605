/**
 * `p99(IS_FO_BPS) of gap-recovery <= 25`: a statistic of one policy's metric against a bound. With a
 * confidence level (the default) the statistic's bootstrap interval decides: wholly within the bound,
 * pass; wholly outside, fail; straddling it, inconclusive (more seeds would settle it). With
 * `confidence: false` the point estimate alone decides. `FETL_BPS` is the one derived metric:
 * p95(IS_BPS) - p95(IS_CONTROL_BPS), its interval from a paired bootstrap over the records.
 */
import {
  bootstrapInterval,
  pairedBootstrapDifference,
  pairedWeightedBootstrapDifference,
  quantileStatistic,
  RandomStreams,
  weightedBootstrapInterval,
  weightedQuantileStatistic,
  weightedStatisticOf,
} from '../../sim/index.ts';
import { metricValue } from '../compare/column-stats.ts';
import { strataOf } from '../compare/strata.ts';
import { weightsOf } from '../compare/weights.ts';
import type { EpisodeRecord } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
import type { Column } from '../compare/columns.ts';
import { evaluate, seedsForInterval, statisticNamed, weightedStatisticNamed } from '../compare/statistics.ts';
import { columnsInScope, formatNumber, formatPercent, gateLook, groupsInScope, tooFewSeeds, type Gate, type GateContext, type GateOutcome, type GateSettle, type GateStatus, type OutcomeBase } from './gate.ts';

export const FETL_METRIC = 'FETL_BPS';

export interface ThresholdSpec {
  metric: string;
  /** Null only for FETL_BPS, which is a statistic already. */
  stat: string | null;
  policy: string;
  scenario: string | null;
  max: number | null;
  min: number | null;
  /** Null: the point estimate decides. */
  confidence: number | null;
}

interface Measured {
  estimate: number;
  low: number;
  high: number;
  seeds: number;
}

function withinBounds(value: number, spec: ThresholdSpec): boolean {
  return (spec.max === null || value <= spec.max) && (spec.min === null || value >= spec.min);
}

export function judge(measured: Omit<Measured, 'seeds'>, spec: ThresholdSpec): GateStatus {
  if (spec.confidence === null) return withinBounds(measured.estimate, spec) ? 'pass' : 'fail';
  if (withinBounds(measured.low, spec) && withinBounds(measured.high, spec)) return 'pass';
  const whollyAbove = spec.max !== null && measured.low > spec.max;
  const whollyBelow = spec.min !== null && measured.high < spec.min;
  return whollyAbove || whollyBelow ? 'fail' : 'inconclusive';
}

export class ThresholdGate implements Gate {
  constructor(
    readonly text: string,
    readonly where: string,
    private readonly spec: ThresholdSpec,
  ) {}

  get measures(): { metric: string; stat: string | null } {
    return { metric: this.spec.metric, stat: this.spec.stat };
  }

  /** A point-estimate gate is decided by any seeds; one on an interval may need more. */
  get settle(): GateSettle | null {
    const { spec } = this;
    if (spec.confidence === null) return null;
    return { policies: [spec.policy], confidence: spec.confidence, minSeeds: seedsForInterval(spec.stat ?? 'p95'), decides: (interval) => judge(interval, spec) !== 'inconclusive' };
  }

  evaluate(context: GateContext): GateOutcome[] {
    const groups = groupsInScope(context.groups, this.spec.scenario, this.where);
    this.requireMetric(groups.flatMap((group) => group.columns.flatMap((column) => column.records)));
    return columnsInScope(groups, this.spec.policy, this.where).map(({ group, column }) => {
      const base: OutcomeBase = { gate: this.text, scenario: group.scenario, subject: column.label };
      const minSeeds = seedsForInterval(this.spec.stat ?? 'p95');
      const judged = this.spec.confidence === null ? null : gateLook(this.spec.confidence, context.look, minSeeds);
      const level = judged?.level ?? null;
      const measured = this.measure(column, context, level, `drill.${this.where}.${group.scenario}.${column.label}`);
      if (measured === null) {
        const detail = `no ${this.spec.metric} values in ${column.records.length} episodes`;
        return { ...base, status: 'fail', detail, reason: `${detail}: nothing to judge` };
      }
      if (judged !== null) Object.assign(base, { level: judged.level, spendingLook: judged.spendingLook });
      if (level !== null && measured.seeds < minSeeds) {
        const what = this.spec.metric === FETL_METRIC ? FETL_METRIC : this.spec.stat;
        return tooFewSeeds(base, { what, minSeeds, seeds: measured.seeds, noun: 'seeds', having: this.spec.metric, estimate: measured.estimate });
      }
      const status = judge(measured, this.spec);
      const interval = level === null ? '' : `, ${formatPercent(level)} CI [${formatNumber(measured.low)}, ${formatNumber(measured.high)}]`;
      const straddles = status === 'inconclusive' ? ': the interval straddles the bound; more seeds would settle it' : '';
      return { ...base, status, detail: `${formatNumber(measured.estimate)}${interval}${straddles}`, reason: this.reason(status, measured, column.label, level), ...measured };
    });
  }

  private reason(status: GateStatus, measured: Measured, subject: string, level: number | null): string {
    const { spec } = this;
    const what = spec.metric === FETL_METRIC ? `FETL_BPS of ${subject}` : `${spec.stat} of ${spec.metric} for ${subject}`;
    const bound = [spec.max === null ? '' : `at most ${spec.max}`, spec.min === null ? '' : `at least ${spec.min}`].filter(Boolean).join(' and ');
    const value = level === null ? formatNumber(measured.estimate) : `${formatNumber(measured.estimate)} (${formatPercent(level)} CI ${formatNumber(measured.low)} to ${formatNumber(measured.high)})`;
    if (status === 'pass') return `${what} is ${value}, within ${bound}`;
    if (status === 'fail') return `${what} is ${value}: the bound is ${bound}`;
    return `${what} is ${value}: the interval crosses the bound (${bound}); more seeds would settle it`;
  }

  /** A metric no record carries is a typo in the drill file, not a failed gate. */
  private requireMetric(records: EpisodeRecord[]): void {
    const needed = this.spec.metric === FETL_METRIC ? ['IS_BPS', 'IS_CONTROL_BPS'] : [this.spec.metric];
    if (records.some((record) => needed.every((metric) => metricValue(record, metric) !== null))) return;
    const known = [...new Set(records.flatMap((record) => Object.keys(record.metrics)))].sort();
    throw new UsageError(`${this.where}.metric: no record has ${needed.join(' and ')} (the records have ${known.join(', ') || 'no metrics'})`);
  }

  private measure(column: Column, context: GateContext, level: number | null, streamName: string): Measured | null {
    const options = { rng: new RandomStreams(context.bootstrap.seed).get(streamName), level: level ?? 0.95, resamples: context.bootstrap.resamples };
    if (this.spec.metric === FETL_METRIC) {
      const both = column.records.filter((record) => metricValue(record, 'IS_BPS') !== null && metricValue(record, 'IS_CONTROL_BPS') !== null);
      if (both.length === 0) return null;
      const control = both.map((record) => metricValue(record, 'IS_CONTROL_BPS') as number);
      const incident = both.map((record) => metricValue(record, 'IS_BPS') as number);
      // Under tail sampling the records carry importance weights, and the interval weighs each seed by its own.
      const weights = weightsOf(both);
      const interval =
        weights === undefined
          ? pairedBootstrapDifference(control, incident, quantileStatistic(0.95), { ...options, strata: strataOf(both) })
          : pairedWeightedBootstrapDifference(control, incident, weights, weightedQuantileStatistic(0.95), options);
      return { estimate: interval.estimate, low: interval.low, high: interval.high, seeds: both.length };
    }
    const statistic = statisticNamed(this.spec.stat ?? '');
    if (statistic === null) throw new Error(`${this.where}: unchecked statistic ${this.spec.stat}`);
    const measured = column.records.filter((record) => metricValue(record, this.spec.metric) !== null);
    const sample = measured.map((record) => metricValue(record, this.spec.metric) as number);
    if (sample.length === 0) return null;
    // Under tail sampling the records carry importance weights, and the statistic is the weighted one.
    const weights = weightsOf(measured);
    if (level === null) {
      const estimate = weights === undefined ? evaluate(statistic, sample) : weightedStatisticOf(weightedStatisticNamed(this.spec.stat ?? ''), sample, weights);
      return { estimate, low: estimate, high: estimate, seeds: sample.length };
    }
    const interval =
      weights === undefined
        ? bootstrapInterval(sample, statistic, { ...options, strata: strataOf(measured) })
        : weightedBootstrapInterval(sample, weights, weightedStatisticNamed(this.spec.stat ?? ''), options);
    return { estimate: interval.estimate, low: interval.low, high: interval.high, seeds: sample.length };
  }
}
