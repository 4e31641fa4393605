/**
 * A drill's verdict as the report's first section, rendered on the server (it needs no script): the
 * verdict and why; one row per gate outcome with its status, the gate, where, and why in plain words
 * (the implicit checks, when they all pass, folded into one row); then per scenario the cheapest policy at
 * the gated statistic against the baseline, with the paired interval, and who cost what the baseline did.
 */
import type { DrillVerdict } from '../../drill/verdict.ts';
import { formatPercent as percent, formatSigned as signed } from '../../drill/gate.ts';
import { DIFFERENCE_WORDS, VERDICT_WHY } from '../../drill/verdict-block.ts';
import { escapeHtml } from './escape.ts';
import type { ReportVerdict } from './report-data.ts';

const STATUS_WORDS = { pass: 'passed', fail: 'failed', inconclusive: 'undecided', violated: 'invariant violated' } as const;

function gateRows(verdict: ReportVerdict): string[] {
  const implicit = verdict.outcomes.filter((o) => o.implicit);
  const rows = implicit.every((o) => o.status === 'pass')
    ? implicit.length === 0
      ? []
      : [{ status: 'pass' as const, gate: [...new Set(implicit.map((o) => o.gate))].join('; '), where: `all ${new Set(implicit.map((o) => o.scenario)).size} scenarios`, reason: 'checked in every drill' }]
    : implicit.map((o) => ({ status: o.status, gate: o.gate, where: o.scenario, reason: o.reason }));
  // A stated gate that held everywhere is one row; otherwise each outcome that did not hold is a row, and the rest one more.
  const stated = verdict.outcomes.filter((outcome) => !outcome.implicit);
  const where = (o: (typeof stated)[number]) => (o.subject === 'all policies' ? o.scenario : `${o.scenario} / ${o.subject}`);
  for (const gate of [...new Set(stated.map((o) => o.gate))]) {
    const mine = stated.filter((o) => o.gate === gate);
    const held = mine.filter((o) => o.status === 'pass');
    if (mine.length === 1) rows.push({ status: mine[0].status, gate, where: where(mine[0]), reason: mine[0].reason });
    else {
      for (const o of mine.filter((outcome) => outcome.status !== 'pass')) rows.push({ status: o.status, gate, where: where(o), reason: o.reason });
      if (held.length > 0) rows.push({ status: 'pass', gate, where: held.length === mine.length ? `all ${mine.length} scenarios` : `the other ${held.length}`, reason: held.length === mine.length ? 'held in every scenario' : 'held there' });
    }
  }
  return rows.map(
    (row) =>
      `<tr class="gate ${row.status}"><td class="status">${STATUS_WORDS[row.status]}</td><td>${escapeHtml(row.gate)}</td><td>${escapeHtml(row.where)}</td><td class="reason">${escapeHtml(row.reason)}</td></tr>`,
  );
}

function bottomRows(verdict: ReportVerdict): string[] {
  return verdict.bottomLine.scenarios.map((line) => {
    const baseline = line.baseline ?? 'the baseline';
    const same = line.sameAsBaseline.length === 0 ? '–' : line.sameAsBaseline.join(', ');
    const cheapest = line.cheapest;
    let policy = '–';
    let difference = '–';
    if (cheapest !== null && line.sameAsBaseline.length > 0 && line.sameAsBaseline.length === line.columns - 1) {
      policy = `no policy differs from ${baseline}`;
    } else if (cheapest !== null && cheapest.policy === line.baseline) {
      policy = `${baseline} (the baseline)`;
    } else if (cheapest !== null) {
      policy = cheapest.policy;
      const d = cheapest.difference;
      difference = d === null || d.estimate === null || d.low === null || d.high === null ? 'too few seeds' : `${signed(d.estimate)} [${signed(d.low)}, ${signed(d.high)}] ${DIFFERENCE_WORDS[d.verdict]}`;
    }
    return `<tr><th>${escapeHtml(line.scenario)}</th><td>${escapeHtml(policy)}</td><td class="difference">${escapeHtml(difference)}</td><td>${escapeHtml(same)}</td></tr>`;
  });
}

export function verdictSection(verdict: ReportVerdict): string {
  const { metric, stat } = verdict.bottomLine;
  const baseline = verdict.bottomLine.scenarios.find((s) => s.baseline !== null)?.baseline ?? 'the baseline';
  const why = VERDICT_WHY[verdict.verdict as DrillVerdict] ?? '';
  return [
    `<section id="verdict" class="verdict-${escapeHtml(verdict.verdict.replace(/ /g, '-'))}">`,
    `<h2>Verdict of drill ${escapeHtml(verdict.drill)}: <span class="verdict-word">${escapeHtml(verdict.verdict)}</span> (exit ${verdict.exitCode})</h2>`,
    `<p class="explain">${escapeHtml(why)}.</p>`,
    '<h3>Gates</h3>',
    `<table class="gates"><tr><th>result</th><th>gate</th><th>where</th><th>why</th></tr>${gateRows(verdict).join('')}</table>`,
    `<h3>Cheapest policy per scenario at ${escapeHtml(`${stat}(${metric})`)}, minus ${escapeHtml(baseline)}'s</h3>`,
    `<p class="explain">Paired by seed, ${percent(verdict.level)} bootstrap interval, bps; below 0 = cheaper. The last column names the policies that cost exactly what ${escapeHtml(baseline)} cost on every seed (the same IS in the incident and in the control run): they behaved as it did.</p>`,
    `<table class="bottom-line"><tr><th>scenario</th><th>cheapest</th><th>minus ${escapeHtml(baseline)}</th><th>same as ${escapeHtml(baseline)}</th></tr>${bottomRows(verdict).join('')}</table>`,
    '</section>',
  ].join('\n');
}
