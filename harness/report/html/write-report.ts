/**
 * Writes the HTML report of a set of record sources to one file. chart.js is read from its installed
 * package at build time (its UMD build), and the client script from beside this file, so the page
 * needs nothing else when it is opened.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CompareOptions } from '../../compare/index.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import type { RecordSource } from '../../sweep/records.ts';
import { reportPage, type PageScripts } from './page.ts';
import { reportData, type ReportVerdict } from './report-data.ts';

export function pageScripts(): PageScripts {
  // chart.js's exports map hides dist/, so locate the UMD build beside the entry point it does export.
  const chartDist = dirname(createRequire(import.meta.url).resolve('chart.js'));
  return {
    chartJs: readFileSync(join(chartDist, 'chart.umd.min.js'), 'utf8'),
    client: readFileSync(new URL('./client.js', import.meta.url), 'utf8'),
  };
}

export interface WrittenReport {
  path: string;
  bytes: number;
  scenarios: number;
  episodes: number;
}

/** Writes the report; `verdict` (a drill's) adds the verdict section with the gates. */
export function writeReport(sources: readonly RecordSource[], options: CompareOptions, path: string, verdict: ReportVerdict | null = null): WrittenReport {
  const data = reportData(sources, options, verdict);
  const html = reportPage(data, pageScripts());
  writeFileAtomic(path, html);
  return { path, bytes: Buffer.byteLength(html), scenarios: data.comparison.scenarios.length, episodes: data.episodes.length };
}
