/**
 * What every chart shares: the palette (one colour per policy, in the order the records name them),
 * axis and title options, file names, and the unit conversions the axes use (seconds from ns).
 */
import type { ChartConfiguration } from 'chart.js';

export const POLICY_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
export const TAIL_COLOURS = { p95: '#ff7f0e', p99: '#d62728', shade: 'rgba(214, 39, 40, 0.12)' } as const;

export const policyColour = (index: number): string => POLICY_COLOURS[index % POLICY_COLOURS.length];

export const secondsOf = (ns: number): number => ns / 1e9;

export function axisTitle(text: string): { display: true; text: string; font: { size: number; weight: 'bold' } } {
  return { display: true, text, font: { size: 13, weight: 'bold' } };
}

export function chartTitle(lines: string | string[]): NonNullable<NonNullable<ChartConfiguration['options']>['plugins']>['title'] {
  return { display: true, text: lines, font: { size: 15, weight: 'bold' } };
}

export const formatBps = (value: number): string => `${value.toFixed(2)} bps`;

/** A file-name-safe form of a scenario name or policy label (labels may carry `@version` and `[param=value]`). */
export function slug(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'unnamed' : cleaned;
}
