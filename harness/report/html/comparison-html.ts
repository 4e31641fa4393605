/**
 * One scenario of the comparison as HTML: the policies side by side (each row explained), the paired
 * differences against the baseline with their intervals and verdicts, the tuning ranking when the sweep
 * tuned, the notes, and the tail chart's canvas. Figures are formatted by the terminal table's own
 * functions, so the page and `execdrill compare` print the same numbers.
 */
import { COST_METRICS, DIFFERENCE_STATS, type ColumnStats, type ScenarioComparison, type TailStats } from '../../compare/index.ts';
import { formatDifference, formatInterval } from '../../compare/table.ts';
import { escapeHtml } from './escape.ts';
import { DIFFERENCE_EXPLANATION, ROW_EXPLANATIONS, STAT_EXPLANATIONS, TAIL_CHART_EXPLANATION } from './glossary.ts';

const TAIL_STATS = ['p50', 'p95', 'p99', 'cvar95'] as const;
const statName = (stat: string) => (stat === 'cvar95' ? 'CVaR95' : stat);
const percent = (level: number) => `${Math.round(level * 1000) / 10}%`;

function row(cells: string[], header = false): string {
  const tag = header ? 'th' : 'td';
  return `<tr>${cells.map((cell, i) => `<${i === 0 && !header ? 'th' : tag}>${cell}</${i === 0 && !header ? 'th' : tag}>`).join('')}</tr>`;
}

function statsTable(columns: ColumnStats[], level: number): string {
  const explained = (name: string, text: string) => `${escapeHtml(name)}<div class="why">${escapeHtml(text)}</div>`;
  const rows: string[] = [row(['', ...columns.map((column) => escapeHtml(column.label))], true)];
  const add = (name: string, why: string, cell: (column: ColumnStats) => string) => rows.push(row([explained(name, why), ...columns.map((column) => escapeHtml(cell(column)))]));
  add('episodes', ROW_EXPLANATIONS.episodes, (column) => String(column.episodes));
  add('failed', ROW_EXPLANATIONS.failed, (column) => String(column.failed));
  add('invariant violations', ROW_EXPLANATIONS['invariant violations'], (column) => String(column.invariantViolations));
  add('completion (mean)', ROW_EXPLANATIONS['completion (mean)'], (column) => (column.completionMean === null ? '-' : `${(column.completionMean * 100).toFixed(1)}%`));
  const tailCell = (tail: TailStats | null, stat: (typeof TAIL_STATS)[number]) => (tail === null ? '-' : tail[stat].toFixed(2));
  for (const metric of COST_METRICS) {
    for (const stat of TAIL_STATS) {
      // The metric's meaning once, on its first row; the statistic's on every row.
      const why = stat === TAIL_STATS[0] ? `${ROW_EXPLANATIONS[metric]}; ${STAT_EXPLANATIONS[stat]}` : STAT_EXPLANATIONS[stat];
      add(`${metric} ${statName(stat)}`, why, (column) => tailCell(column[metric], stat));
    }
  }
  add(`FETL_BPS (${percent(level)} CI)`, ROW_EXPLANATIONS.FETL_BPS, (column) => (column.FETL_BPS === null ? '-' : formatInterval(column.FETL_BPS)));
  return `<table class="stats">${rows.join('')}</table>`;
}

function differencesTable(scenario: ScenarioComparison, level: number): string {
  if (scenario.baseline === null || scenario.differences.length === 0) return '';
  const candidates = [...new Set(scenario.differences.map((difference) => difference.candidate))];
  const rows = [row(['', ...candidates.map(escapeHtml)], true)];
  for (const metric of COST_METRICS) {
    for (const stat of DIFFERENCE_STATS) {
      const cells = candidates.map((candidate) => {
        const difference = scenario.differences.find((d) => d.candidate === candidate && d.metric === metric && d.stat === stat);
        if (difference === undefined) return '-';
        return `<span class="verdict ${difference.verdict.replace(/ /g, '-')}">${escapeHtml(formatDifference(difference))}</span>`;
      });
      rows.push(row([escapeHtml(`${metric} ${statName(stat)}`), ...cells]));
    }
  }
  return [
    `<h3>Difference from ${escapeHtml(scenario.baseline)} (policy minus baseline, paired by seed, ${percent(level)} bootstrap CI)</h3>`,
    `<p class="explain">${escapeHtml(DIFFERENCE_EXPLANATION)}</p>`,
    `<table class="differences">${rows.join('')}</table>`,
  ].join('\n');
}

function tuningBlock(scenario: ScenarioComparison): string {
  return scenario.tuning
    .map((ranking) => {
      const rows = [row(['rank', 'setting', `${ranking.stat}(${ranking.metric})`, 'vs best (paired)'], true)];
      for (const setting of ranking.settings) {
        const vsBest = setting.vsBest === null ? 'best' : formatDifference(setting.vsBest);
        rows.push(row([String(setting.rank), escapeHtml(setting.label), setting.value === null ? '-' : setting.value.toFixed(2), escapeHtml(vsBest)]));
      }
      return `<h3>Tuning ${escapeHtml(ranking.policy)} on ${escapeHtml(`${ranking.stat}(${ranking.metric})`)}, lowest first</h3><table class="tuning">${rows.join('')}</table>`;
    })
    .join('\n');
}

export function scenarioSection(scenario: ScenarioComparison, index: number, level: number): string {
  const hash = scenario.scenarioHash === '' ? '' : ` #${scenario.scenarioHash.slice(0, 8)}`;
  return [
    `<section class="scenario" id="scenario-${index}">`,
    `<h2>${escapeHtml(scenario.scenario)} <small>${escapeHtml(scenario.scenarioFile + hash)}</small></h2>`,
    ...scenario.notes.map((note) => `<p class="note">note: ${escapeHtml(note)}</p>`),
    `<h3>Policies side by side (bps unless marked)</h3>`,
    statsTable(scenario.columns, level),
    differencesTable(scenario, level),
    tuningBlock(scenario),
    `<h3>Tail cost of the incident per policy</h3>`,
    `<p class="explain">${escapeHtml(TAIL_CHART_EXPLANATION)}</p>`,
    `<div class="chart tail"><canvas id="tail-chart-${index}" aria-label="p95 and p99 of IS_FO_BPS per policy in ${escapeHtml(scenario.scenario)}"></canvas></div>`,
    `</section>`,
  ].join('\n');
}
