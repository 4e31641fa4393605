/**
 * The drill's verdict block, what a terminal shows first and all it shows without `--detail`: the
 * verdict and exit code; each stated gate in one line with its status (a gate checked in several
 * scenarios says in how many it held) and, for each outcome that did not pass, why in plain words; the
 * implicit checks (every episode ran, no invariant violated) in one line; then per scenario the cheapest
 * policy at the gated statistic against the baseline, with the paired interval, and the policies that cost
 * exactly what the baseline did. Colour only through the painter (none on a pipe, under NO_COLOR or in CI).
 */
import { seedsForInterval } from '../compare/statistics.ts';
import type { Painter, Style } from '../io/terminal.ts';
import type { BottomLine, BottomLines } from './bottom-line.ts';
import { formatPercent as percent, formatSigned, type GateOutcome, type GateStatus } from './gate.ts';
import type { DrillVerdict } from './verdict.ts';
import type { SeedStop } from './sequential-drill.ts';

export interface VerdictInput {
  drill: string;
  verdict: DrillVerdict;
  exitCode: number;
  episodes: number;
  /** The drill's looks at more seeds (one: its own seeds only), and why it added no more. */
  looks?: ReadonlyArray<{ look: number; seeds: number; episodes: number }>;
  stoppedBy?: SeedStop;
  /** Gate outcomes; `implicit` marks those of the checks every drill makes. */
  outcomes: ReadonlyArray<GateOutcome & { implicit: boolean }>;
  bottomLines: BottomLines;
  level: number;
  /** Where the tables are when not printed (the command with --detail, the summary) and where the report is: a line each. */
  detailHint: string[];
}

const STATUS: Record<GateStatus, { word: string; styles: Style[] }> = {
  pass: { word: 'passed', styles: ['green'] },
  fail: { word: 'FAILED', styles: ['red', 'bold'] },
  inconclusive: { word: 'UNDECIDED', styles: ['yellow', 'bold'] },
  violated: { word: 'INVARIANT', styles: ['magenta', 'bold'] },
};
const SEVERITY: Record<GateStatus, number> = { pass: 0, inconclusive: 1, fail: 2, violated: 3 };
const VERDICT_STYLES: Record<DrillVerdict, Style[]> = { passed: ['green', 'bold'], failed: ['red', 'bold'], inconclusive: ['yellow', 'bold'], 'invariant violated': ['magenta', 'bold'] };
export const VERDICT_WHY: Record<DrillVerdict, string> = {
  passed: 'every gate passed',
  failed: 'a gate failed',
  inconclusive: 'no gate failed, but one could not be settled at these seeds',
  'invariant violated': 'an invariant was violated: a bug, whatever the costs',
};
/** Why-lines shown for outcomes that did not pass, before the rest is left to --detail. */
const MAX_REASONS = 6;
const WORD_WIDTH = 10;

/** Why-lines wrap here, under their indent, so that a reason reads without side-scrolling. */
const WIDTH = 116;

function wrap(text: string, indent: string): string[] {
  // A command stays whole on a line of its own, so that it can be copied.
  const command = text.indexOf(' npx ');
  if (command >= 0) return [...wrap(text.slice(0, command), indent), `${indent}  ${text.slice(command + 1)}`];
  const lines: string[] = [];
  let line = '';
  // An interval [a, b] is one word: it never breaks across lines.
  const words = text.replace(/\[[^\]]*\]/g, (interval) => interval.replaceAll(' ', '\u0000')).split(' ').map((word) => word.replaceAll('\u0000', ' '));
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, indent + line];
}

/** " [48 seeds]", " [12-96 seeds]": what a gate's outcomes were judged on, when they measure a statistic. */
function seedsText(outcomes: readonly GateOutcome[]): string {
  const seeds = outcomes.map((o) => o.seeds).filter((n): n is number => n !== undefined);
  if (seeds.length === 0) return '';
  const low = Math.min(...seeds);
  const high = Math.max(...seeds);
  return ` [${low === high ? low : `${low}-${high}`} seeds]`;
}

const STOP_WORDS: Record<SeedStop, string> = {
  'one look': '',
  decided: 'every gate decided',
  'max-seeds': 'the next look would pass maxSeeds',
  budget: 'the time budget would run out',
};

/** "Seeds: looks at 12, 24, 48 seeds (300 episodes); stopped: every gate decided", for a drill that added seeds. */
function looksLine(input: VerdictInput): string[] {
  const looks = input.looks ?? [];
  if (looks.length === 0 || input.stoppedBy === undefined || input.stoppedBy === 'one look') return [];
  const added = looks.slice(1).reduce((total, look) => total + look.episodes, 0);
  return [`Seeds: looks at ${looks.map((look) => look.seeds).join(', ')} seeds (${added} episodes added to the first look's); stopped: ${STOP_WORDS[input.stoppedBy]}`];
}

/** The most serious status among outcomes (the order drillVerdict ranks them in); pass for none. */
const worstOf = (outcomes: readonly GateOutcome[]) => outcomes.reduce<GateStatus>((worst, o) => (SEVERITY[o.status] > SEVERITY[worst] ? o.status : worst), 'pass');

function gateLines(outcomes: VerdictInput['outcomes'], paint: Painter): string[] {
  const lines: string[] = [];
  const status = (s: GateStatus) => paint(STATUS[s].word.padEnd(WORD_WIDTH), ...STATUS[s].styles);
  const implicit = outcomes.filter((o) => o.implicit);
  const implicitWorst = worstOf(implicit);
  const implicitGates = [...new Set(implicit.map((o) => o.gate))].join('; ');
  if (implicit.length > 0) lines.push(`  ${status(implicitWorst)} ${implicitGates} (checked in every drill)`);
  const stated = [...new Set(outcomes.filter((o) => !o.implicit).map((o) => o.gate))];
  let reasons = 0;
  let leftOut = 0;
  const why = (outcome: GateOutcome, named = true) => {
    if (reasons >= MAX_REASONS) return void leftOut++;
    reasons++;
    const where = named ? `${outcome.scenario}${outcome.subject === 'all policies' ? '' : ` / ${outcome.subject}`}: ` : '';
    lines.push(...wrap(`${where}${outcome.reason}`, `  ${' '.repeat(WORD_WIDTH)} `));
  };
  for (const outcome of implicit) if (outcome.status !== 'pass') why(outcome);
  for (const gate of stated) {
    const mine = outcomes.filter((o) => !o.implicit && o.gate === gate);
    const worst = worstOf(mine);
    const held = mine.filter((o) => o.status === 'pass').length;
    const scenarios = new Set(mine.map((o) => o.scenario)).size;
    const where = worst === 'pass' ? `: in all ${scenarios} scenarios` : `: held in ${held} of ${mine.length} (scenario, policy) pairs`;
    const seeds = seedsText(mine);
    if (mine.length === 1) {
      lines.push(`  ${status(worst)} ${gate}${seeds}`);
      why(mine[0], false);
    } else {
      lines.push(`  ${status(worst)} ${gate}${where}${seeds}`);
      for (const outcome of mine) if (outcome.status !== 'pass') why(outcome);
    }
  }
  if (leftOut > 0) lines.push(`  ${' '.repeat(WORD_WIDTH)} and ${leftOut} more: --detail`);
  return lines;
}

export const DIFFERENCE_WORDS = { better: 'cheaper', worse: 'dearer', 'not significant': 'not significant', 'too few pairs': 'too few seeds' } as const;

function scenarioLine(line: BottomLine, width: number, paint: Painter): string {
  const name = `  ${line.scenario.padEnd(width)}  `;
  const baseline = line.baseline ?? 'the baseline';
  const same = line.sameAsBaseline;
  const others = same.join(', ');
  const sameText = same.length === 0 ? '' : others.length <= 48 ? `; same as ${baseline}: ${others}` : `; ${same.length} others same as ${baseline}`;
  const cheapest = line.cheapest;
  if (cheapest === null) return `${name}no values to compare`;
  if (same.length > 0 && same.length === line.columns - 1) return `${name}no policy differs from ${baseline}: every one cost the same on every seed`;
  if (cheapest.policy === line.baseline) {
    const next = line.runnerUp?.difference;
    const nextText = next === undefined || next === null || next.estimate === null || next.low === null || next.high === null
      ? ''
      : ` (next ${line.runnerUp?.policy} ${formatSigned(next.estimate)} [${formatSigned(next.low)}, ${formatSigned(next.high)}])`;
    return `${name}${baseline} is the cheapest${nextText}${sameText}`;
  }
  const d = cheapest.difference;
  const figures =
    d === null || d.estimate === null || d.low === null || d.high === null
      ? `${cheapest.value.toFixed(2)} bps, ${DIFFERENCE_WORDS['too few pairs']}`
      : `${formatSigned(d.estimate)} [${formatSigned(d.low)}, ${formatSigned(d.high)}] ${paint(DIFFERENCE_WORDS[d.verdict], ...(d.verdict === 'better' ? (['green'] as Style[]) : d.verdict === 'worse' ? (['red'] as Style[]) : (['dim'] as Style[])))}`;
  return `${name}${cheapest.policy.padEnd(24)} ${figures}${sameText}`;
}

/** Below the seeds an interval of the statistic needs (statistics.ts), its bootstrap interval covers less often than it says. */
function undercoverLine(bl: BottomLines, level: number): string[] {
  const pairs = bl.scenarios.flatMap((s) => [s.cheapest?.difference, s.runnerUp?.difference]).flatMap((d) => (d === undefined || d === null ? [] : [d.pairs]));
  if (pairs.length === 0) return [];
  const fewest = Math.min(...pairs);
  const needs = seedsForInterval(bl.stat);
  return fewest < needs ? [`At ${fewest} paired seeds these intervals cover less often than ${percent(level)}: an interval of ${bl.stat} needs ${needs}.`] : [];
}

export function verdictBlock(input: VerdictInput, paint: Painter): string[] {
  const { bottomLines: bl } = input;
  const header = `drill ${input.drill}: ${paint(input.verdict.toUpperCase(), ...VERDICT_STYLES[input.verdict])} (exit ${input.exitCode}): ${VERDICT_WHY[input.verdict]}; ${input.episodes} episodes`;
  const width = Math.max(...bl.scenarios.map((s) => s.scenario.length), 8);
  const baseline = bl.scenarios.find((s) => s.baseline !== null)?.baseline ?? 'the baseline';
  return [
    header,
    'Gates:',
    ...gateLines(input.outcomes, paint),
    ...looksLine(input),
    `Cheapest policy per scenario at ${bl.stat}(${bl.metric}), minus ${baseline}'s, paired by seed (bps, ${percent(input.level)} CI; below 0 = cheaper):`,
    ...bl.scenarios.map((line) => scenarioLine(line, width, paint)),
    ...undercoverLine(bl, input.level),
    ...(bl.metric === 'IS_FO_BPS'
      ? [
          'IS_FO_BPS: IS of the incident run minus IS of its control run (same seed, faults removed); below 0, the control paid more.',
        ]
      : [`${bl.metric}: implementation shortfall of the incident run, bps of the arrival mid, positive = cost.`]),
    ...input.detailHint,
  ];
}
