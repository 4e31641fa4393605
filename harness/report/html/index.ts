// The HTML report: one self-contained file with the comparison, tail charts and an episode explorer.
export { writeReport, pageScripts, type WrittenReport } from './write-report.ts';
export { reportPage, type PageScripts } from './page.ts';
export { reportData, REPORT_DATA_SCHEMA, type ReportData, type ReportVerdict, type PlaybookSteps } from './report-data.ts';
export { explorerEpisode, windowsOf, regimeSpans, type ExplorerEpisode, type ExplorerTrajectory, type RegimeSpan } from './explorer-episode.ts';
export { tailBars, TAIL_METRIC, type TailBar, type TailPoint } from './tail-intervals.ts';
export { escapeHtml, jsonForScript, inlineScript } from './escape.ts';
