/**
 * The readable form of bench results: one row per bench with its rate and ratio, then every other
 * field of the result as `key=value`, so that a bench's extra figures (the baseline's rate, sizes)
 * are shown without the table knowing them.
 */
import type { BenchResult } from './contract.ts';

const HEADLINE = new Set(['bench', 'eventsPerSec', 'opsPerSec', 'ratio']);

/** 12345678 -> "12.35M": rates are read for their magnitude. */
export function formatRate(rate: number): string {
  if (rate >= 1e9) return `${(rate / 1e9).toFixed(2)}G`;
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)}M`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(2)}k`;
  return rate.toFixed(2);
}

function formatValue(key: string, value: unknown): string {
  if (typeof value !== 'number') return String(value);
  return /PerSec$/.test(key) ? formatRate(value) : String(+value.toPrecision(4));
}

export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((result) => [
    result.bench,
    result.eventsPerSec !== undefined ? `${formatRate(result.eventsPerSec)} events/s` : '',
    result.opsPerSec !== undefined ? `${formatRate(result.opsPerSec)} ops/s` : '',
    result.ratio !== undefined ? result.ratio.toFixed(3) : '',
    Object.entries(result)
      .filter(([key]) => !HEADLINE.has(key))
      .map(([key, value]) => `${key}=${formatValue(key, value)}`)
      .join('  '),
  ]);
  const header = ['bench', 'events/s', 'ops/s', 'ratio', 'details'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
