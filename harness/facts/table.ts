/**
 * The facts run as Markdown: one row per fact (its deciding statistic: the failing check of a failed
 * fact, the undecided one of an undecided fact, the first check of a passed one), then every check
 * with its interval, level and the number of values it rests on.
 */
import type { CheckResult } from './evaluate.ts';
import type { FactOutcome, FactsRun } from './run-facts.ts';

export function formatValue(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;

function interval(result: CheckResult): string {
  if (result.estimate === null || result.low === null || result.high === null) return '–';
  return `${formatValue(result.estimate)} [${formatValue(result.low)}, ${formatValue(result.high)}]`;
}

/** The check that decided the result: the first with the result's own verdict, down to a leaf. */
export function headline(result: CheckResult): CheckResult {
  if (result.checks === undefined || result.checks.length === 0) return result;
  const deciding = result.checks.find((child) => child.verdict === result.verdict) ?? result.checks[0];
  return headline(deciding);
}

function leaves(result: CheckResult): CheckResult[] {
  return result.checks === undefined ? [result] : result.checks.flatMap(leaves);
}

function factRow(fact: FactOutcome): string {
  const lead = fact.result === null ? null : headline(fact.result);
  const statistic = lead === null ? '–' : `${lead.statistic} ${lead.claim ?? ''}`.trim();
  const seeds = fact.verdict === 'undecided' && fact.settleSeeds !== null ? `${fact.seeds} (about ${fact.settleSeeds} would settle it)` : String(fact.seeds);
  return row([fact.id, fact.title, statistic, lead === null ? '–' : interval(lead), seeds, fact.verdict, fact.reason]);
}

function checkRows(fact: FactOutcome): string[] {
  if (fact.result === null) return [];
  return leaves(fact.result).map((leaf) =>
    row([fact.id, leaf.label, `${leaf.statistic} ${leaf.claim ?? ''}`.trim(), interval(leaf), leaf.level === null ? '–' : `${(leaf.level * 100).toFixed(2)}%`, String(leaf.n), leaf.verdict, leaf.reason]),
  );
}

export function factsMarkdown(run: FactsRun): string {
  const lines = [
    row(['id', 'fact', 'statistic', 'estimate [95% interval]', 'seeds', 'verdict', 'reason']),
    row(['---', '---', '---', '---', '---', '---', '---']),
    ...run.facts.map(factRow),
    '',
    'Every check:',
    '',
    row(['id', 'check', 'statistic', 'estimate [interval]', 'level', 'n', 'verdict', 'reason']),
    row(['---', '---', '---', '---', '---', '---', '---', '---']),
    ...run.facts.flatMap(checkRows),
    '',
    `Intervals are sequential: look k (seeds n, 2n, 4n ...) spends ${run.alpha} x 6/(pi^2 k^2) of the error, a pass under "one of m" or a fail under "all of m" a further 1/m, ` +
      `so each fact's verdict holds with ${Math.round((1 - run.alpha) * 100)}% confidence however many looks it took (harness/facts/README.md).`,
    `facts: ${run.verdict} (exit ${run.exitCode}); ${run.episodes.ran} episodes run now, ${run.episodes.earlier} on disk from earlier runs; commit ${run.commit}; wall time ${run.wallSec.toFixed(1)} s`,
  ];
  return `${lines.join('\n')}\n`;
}
