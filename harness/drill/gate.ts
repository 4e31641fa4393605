/**
 * A drill gate: a statement about a drill's episode records that passes, fails, is inconclusive (the
 * seeds do not settle it at the stated confidence) or finds an invariant violated. Each kind is a small
 * class behind this interface (threshold-gate.ts, beats-gate.ts, record-gates.ts); the drill file's
 * grammar (gate-grammar.ts) builds them.
 */
import type { BootstrapSettings } from '../compare/column-stats.ts';
import { columnsNamed, type Column, type ScenarioGroup } from '../compare/columns.ts';
import { UsageError } from '../errors.ts';
import { lookAlpha, type LookGrid } from '../../sim/index.ts';

export type GateStatus = 'pass' | 'fail' | 'inconclusive' | 'violated';

export interface GateOutcome {
  /** The gate as written in normal form, e.g. `p99(IS_FO_BPS) of gap-recovery <= 25`. */
  gate: string;
  scenario: string;
  /** The column (policy, version, setting) or record set the outcome is about. */
  subject: string;
  status: GateStatus;
  /** The measurement, for tables and logs: the statistic, its interval, the seeds. */
  detail: string;
  /** Why it passed, failed or is undecided, in plain words for a person. */
  reason: string;
  /** The statistic and its interval, when the gate measures one. */
  estimate?: number;
  low?: number;
  high?: number;
  /** Seeds the outcome was judged on (paired seeds for a comparison), when it measures a statistic. */
  seeds?: number;
  /** In a drill that adds seeds: the look it was decided at (or the last one, if undecided). */
  look?: number;
  /** Undecided at the drill's last look: the seeds that would settle it (a projection), null when none in sight. */
  settleSeeds?: number | null;
  /** The level its interval was judged at, and which of the gate's own looks that was (null: a drill of one look). */
  level?: number;
  spendingLook?: number | null;
}

export interface GateContext {
  groups: ScenarioGroup[];
  /** The drill's bootstrap settings; `baseline` is the comparison table's, whose intervals a gate on it shares. */
  bootstrap: BootstrapSettings & { baseline?: string };
  /**
   * The look of a drill that adds seeds until its gates are decided (sequential-drill.ts): its
   * intervals then spend the error of that look only. Null for a drill of one look: the stated
   * confidence as it is.
   */
  look: { look: number; seeds: number; grid: LookGrid } | null;
}

/**
 * Where a gate stands at a look: the level its interval is judged at, and which of its own looks this
 * is. A look with fewer seeds than the statistic's interval needs (statistics.ts: seedsForInterval)
 * judges nothing and spends no error, so a gate's looks are counted from its first with enough seeds:
 * its k-th spends alpha * 6/(pi^2 k^2), and stopping at any of them keeps the stated confidence.
 */
export function gateLook(confidence: number, look: GateContext['look'], minSeeds: number): { level: number; spendingLook: number | null } {
  if (look === null) return { level: confidence, spendingLook: null };
  const first = look.grid.firstLookWith(minSeeds);
  const spendingLook = Math.max(1, look.look - first + 1);
  return { level: 1 - lookAlpha(1 - confidence, spendingLook), spendingLook };
}

/** What every outcome of a gate says of itself: which gate, where, about what, and at which look. */
export type OutcomeBase = Pick<GateOutcome, 'gate' | 'scenario' | 'subject' | 'level' | 'spendingLook'>;

/**
 * A gate on an interval that has fewer seeds than the interval needs to cover as it says (statistics.ts:
 * seedsForInterval): inconclusive, whatever the estimate. `noun` names the seeds (`seeds`, `paired
 * seeds`), `having` what they have (`IS_BPS`, `IS_BPS for both a and b`), `what` the interval's statistic.
 */
export function tooFewSeeds(
  base: OutcomeBase,
  counts: { what: string | null; minSeeds: number; seeds: number; noun: string; having: string; estimate: number },
): GateOutcome {
  const { what, minSeeds, seeds, noun, having, estimate } = counts;
  const reason = `cannot tell yet: an interval of ${what} needs ${minSeeds} ${noun} to cover as it says (seedsForInterval), and ${seeds} have ${having}`;
  return { ...base, status: 'inconclusive', detail: `${seeds} of the ${minSeeds} ${noun} an interval of ${what} needs`, reason, seeds, estimate };
}

/**
 * What a gate judged on an interval needs to be given more seeds: the policies (as the gate names
 * them) whose records it reads, the confidence it states, and whether an interval would decide it
 * (for projecting how many seeds would). Its scenarios are those of its undecided outcomes.
 */
export interface GateSettle {
  policies: readonly string[];
  confidence: number;
  /** The seeds its interval needs before it is judged at all (statistics.ts: seedsForInterval). */
  minSeeds: number;
  decides(interval: { estimate: number; low: number; high: number }): boolean;
}

export interface Gate {
  readonly text: string;
  /** Where the gate is written: `drills/fix.yaml: gates[2]`. */
  readonly where: string;
  /** The metric and statistic it measures, when it measures one (the verdict block ranks policies on the first). */
  readonly measures?: { metric: string; stat: string | null } | null;
  /** Present when more seeds can settle the gate (it is judged on an interval at a confidence). */
  readonly settle?: GateSettle | null;
  evaluate(context: GateContext): GateOutcome[];
}

/** The scenario groups a gate speaks of: all, or those whose name or file is `scenario`. */
export function groupsInScope(groups: ScenarioGroup[], scenario: string | null, where: string): ScenarioGroup[] {
  if (scenario === null) return groups;
  const matching = groups.filter((group) => group.scenario === scenario || group.scenarioFile === scenario);
  if (matching.length === 0) {
    throw new UsageError(`${where}.scenario: no records of scenario ${scenario} (scenarios: ${groups.map((group) => group.scenario).join(', ')})`);
  }
  return matching;
}

/** The columns of a policy in each scenario in scope; a policy with no records anywhere is bad input. */
export function columnsInScope(groups: ScenarioGroup[], policy: string, where: string): Array<{ group: ScenarioGroup; column: Column }> {
  const found = groups.flatMap((group) => columnsNamed(group, policy).map((column) => ({ group, column })));
  if (found.length === 0) {
    const known = [...new Set(groups.flatMap((group) => group.columns.map((column) => column.label)))];
    throw new UsageError(`${where}.policy: no records of policy ${policy} (policies: ${known.join(', ')})`);
  }
  return found;
}

export const formatNumber = (value: number) => value.toFixed(2);
export const formatSigned = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
export const formatPercent = (level: number) => `${Math.round(level * 1000) / 10}%`;
