// Charts of episode records as PNG (issue 9): distributions, tail whiskers, episode timelines, the event study.
export { writeCharts, type ChartFile } from './write-charts.ts';
export { renderPng, STANDARD_SIZE, type ChartSize } from './render.ts';
export { distributionChart, ecdfPoints, type DistributionInput } from './distribution.ts';
export { tailIntervalsChart, tailColumn, tailInterval, DEFAULT_TAIL_SETTINGS, type TailColumn, type TailInterval, type TailIntervalSettings } from './tail-intervals.ts';
export { episodeTimelineChart, TIMELINE_SIZE } from './episode-timeline.ts';
export { tailEpisode } from './episode-choice.ts';
export { eventStudy, commonGrid, carryForward, type EventStudy, type EventStudyCurve } from './event-study.ts';
export { eventStudyChart } from './event-study-chart.ts';
export { gatewayWarmupChart, hasGateways, GATEWAYS_SIZE } from './gateway-warmup.ts';
