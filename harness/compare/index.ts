// Comparisons of episode records: columns per policy, version and setting; tail figures; paired differences; tuning ranks.
export { compareRecords, findBaseline, COMPARISON_SCHEMA, DIFFERENCE_STATS, OBJECTIVES, type Comparison, type CompareOptions, type ScenarioComparison } from './comparison.ts';
export { groupRecords, columnsNamed, type Column, type ScenarioGroup } from './columns.ts';
export { strataOf, pairedStrataOf } from './strata.ts';
export { columnStats, metricSample, metricValue, violatesInvariant, COST_METRICS, type ColumnStats, type TailStats, type Interval, type BootstrapSettings } from './column-stats.ts';
export { pairedDifference, pairedSamples, MIN_PAIRS, type Difference, type Verdict } from './differences.ts';
export { rankSettings, type TuningRanking, type TuningSetting } from './tuning.ts';
export { shadowStats, type ShadowStats, type ShadowDivergence } from './shadow.ts';
export { statisticNamed, STATISTIC_GRAMMAR } from './statistics.ts';
export { formatComparison } from './table.ts';
