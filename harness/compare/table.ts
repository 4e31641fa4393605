/**
 * The comparison as text for a terminal: per scenario, the policies side by side, then each policy's
 * paired difference from the baseline with its interval and a plain verdict, then any tuning ranking,
 * then, for shadow runs, how often and where the shadow policy's decisions diverged.
 * Costs in bps to two decimals; a difference is candidate minus baseline, so negative is cheaper.
 */
import { formatClockTime, formatDuration } from '../../sim/index.ts';
import type { ColumnStats, Interval, TailStats } from './column-stats.ts';
import { COST_METRICS } from './column-stats.ts';
import { DIFFERENCE_STATS, type Comparison, type ScenarioComparison } from './comparison.ts';
import type { Difference } from './differences.ts';
import type { ShadowDivergence } from './shadow.ts';

type Align = 'left' | 'right';

/** Rows of cells as aligned text, two spaces between columns. */
export function grid(rows: string[][], align: (column: number) => Align): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (align(i) === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** A label's policy part and its parameter setting (`gap-recovery[confidenceThreshold=0.9]`), for two header rows. */
function splitLabel(label: string): [string, string] {
  const match = /^(.*?)\[(.*)\]$/.exec(label);
  return match === null ? [label, ''] : [match[1], match[2]];
}

/** Header rows for columns: names, then their parameter settings when any has one (keeps columns narrow). */
function headerRows(labels: string[]): string[][] {
  const parts = labels.map(splitLabel);
  const rows = [['', ...parts.map(([name]) => name)]];
  if (parts.some(([, setting]) => setting !== '')) rows.push(['', ...parts.map(([, setting]) => setting)]);
  return rows;
}

const bps = (value: number) => value.toFixed(2);
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
const percent = (level: number) => `${Math.round(level * 1000) / 10}%`;

export function formatInterval(interval: Interval): string {
  return `${bps(interval.estimate)} [${bps(interval.low)}, ${bps(interval.high)}]`;
}

export function formatDifference(difference: Difference): string {
  if (difference.estimate === null || difference.low === null || difference.high === null) return `too few pairs (${difference.pairs})`;
  return `${signed(difference.estimate)} [${bps(difference.low)}, ${bps(difference.high)}] ${difference.verdict}`;
}

function statsRows(columns: ColumnStats[], level: number): string[][] {
  const row = (name: string, cell: (column: ColumnStats) => string) => [name, ...columns.map(cell)];
  const tailCell = (tail: TailStats | null, stat: 'p50' | 'p95' | 'p99' | 'cvar95') => (tail === null ? '-' : bps(tail[stat]));
  const rows = [
    ...headerRows(columns.map((column) => column.label)),
    row('episodes', (column) => String(column.episodes)),
    row('failed', (column) => String(column.failed)),
    row('invariant violations', (column) => String(column.invariantViolations)),
    row('completion (mean)', (column) => (column.completionMean === null ? '-' : `${(column.completionMean * 100).toFixed(1)}%`)),
  ];
  for (const metric of COST_METRICS) {
    for (const stat of ['p50', 'p95', 'p99', 'cvar95'] as const) {
      rows.push(row(`${metric} ${stat === 'cvar95' ? 'CVaR95' : stat}`, (column) => tailCell(column[metric], stat)));
    }
  }
  rows.push(row(`FETL_BPS (${percent(level)} CI)`, (column) => (column.FETL_BPS === null ? '-' : formatInterval(column.FETL_BPS))));
  return rows;
}

function differenceLines(scenario: ScenarioComparison, level: number): string[] {
  if (scenario.baseline === null || scenario.differences.length === 0) return [];
  const candidates = [...new Set(scenario.differences.map((difference) => difference.candidate))];
  const rows = headerRows(candidates);
  for (const metric of COST_METRICS) {
    for (const stat of DIFFERENCE_STATS) {
      const cells = candidates.map((candidate) => {
        const difference = scenario.differences.find((d) => d.candidate === candidate && d.metric === metric && d.stat === stat);
        return difference === undefined ? '-' : formatDifference(difference);
      });
      rows.push([`${metric} ${stat === 'cvar95' ? 'CVaR95' : stat}`, ...cells]);
    }
  }
  const lines = [
    '',
    `Difference from ${scenario.baseline} (policy minus ${scenario.baseline}, paired by seed, ${percent(level)} bootstrap CI; negative = cheaper):`,
    ...grid(rows, () => 'left'),
  ];
  if (scenario.differences.some((difference) => difference.verdict === 'not significant')) {
    lines.push(`not significant: the interval contains 0, so these seeds do not tell the policy from ${scenario.baseline} at ${percent(level)}; more seeds narrow it.`);
  }
  return lines;
}

function tuningLines(scenario: ScenarioComparison, level: number): string[] {
  const lines: string[] = [];
  for (const ranking of scenario.tuning) {
    const objective = `${ranking.stat}(${ranking.metric})`;
    const rows = [['rank', 'setting', objective, `vs best (paired, ${percent(level)} CI)`]];
    for (const setting of ranking.settings) {
      const vsBest = setting.vsBest === null ? 'best' : formatDifference(setting.vsBest).replace(/not significant$/, 'not significant (tied with the best)');
      rows.push([String(setting.rank), splitLabel(setting.label)[1], setting.value === null ? '-' : bps(setting.value), vsBest]);
    }
    lines.push('', `Tuning ${ranking.policy} on ${objective}, lowest first:`, ...grid(rows, (i) => (i === 2 ? 'right' : 'left')).map((line) => `  ${line}`));
  }
  return lines;
}

function divergenceLine(divergence: ShadowDivergence): string {
  const offset = divergence.afterFirstFaultNs;
  const after = offset === null ? '' : ` (${formatDuration(Math.abs(offset))} ${offset >= 0 ? 'after' : 'before'} the first fault)`;
  const at = divergence.timeZeroNs === null ? formatDuration(divergence.atNs) : formatClockTime(divergence.timeZeroNs + divergence.atNs, 3);
  return `    seed ${divergence.seed} at ${at}${after}: acting ${divergence.acting} | shadow ${divergence.shadow}`;
}

function shadowLines(scenario: ScenarioComparison): string[] {
  if (scenario.shadow.length === 0) return [];
  const rows = [['acting', 'shadow', 'episodes', 'diverged', 'decisions', 'divergences', 'share', 'most frequent (acting -> shadow regime)']];
  for (const s of scenario.shadow) {
    const pairs = s.regimePairs.map((pair) => `${pair.acting} -> ${pair.shadow} ${pair.count}`).join(', ');
    rows.push([s.column, s.shadow, String(s.episodes), String(s.episodesDiverged), String(s.decisions), String(s.divergences), s.share === null ? '-' : percent(s.share), pairs || '-']);
  }
  const lines = ['', 'Shadow policies (deciding at every decision point without acting; a divergence is a different decision):'];
  lines.push(...grid(rows, (i) => (i >= 2 && i <= 6 ? 'right' : 'left')).map((line) => `  ${line}`));
  for (const s of scenario.shadow) {
    if (s.firstDivergences.length === 0) continue;
    lines.push(`  first divergences of ${s.shadow} from ${s.column} (earliest seeds):`, ...s.firstDivergences.map(divergenceLine));
  }
  return lines;
}

export function formatComparison(comparison: Comparison): string {
  const blocks = comparison.scenarios.map((scenario) => {
    const hash = scenario.scenarioHash === '' ? '' : ` #${scenario.scenarioHash.slice(0, 8)}`;
    return [
      `== ${scenario.scenario} (${scenario.scenarioFile}${hash}) ==`,
      ...grid(statsRows(scenario.columns, comparison.level), (i) => (i === 0 ? 'left' : 'right')),
      ...differenceLines(scenario, comparison.level),
      ...tuningLines(scenario, comparison.level),
      ...shadowLines(scenario),
      ...scenario.notes.map((note) => `note: ${note}`),
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
