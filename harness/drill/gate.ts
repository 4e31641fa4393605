/**
 * A drill gate: a statement about a drill's episode records that passes, fails, is inconclusive (the
 * seeds do not settle it at the stated confidence) or finds an invariant violated. Each kind is a small
 * class behind this interface (threshold-gate.ts, beats-gate.ts, record-gates.ts); the drill file's
 * grammar (gate-grammar.ts) builds them.
 */
import type { BootstrapSettings } from '../compare/column-stats.ts';
import { columnsNamed, type Column, type ScenarioGroup } from '../compare/columns.ts';
import { UsageError } from '../errors.ts';

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
}

export interface GateContext {
  groups: ScenarioGroup[];
  /** The drill's bootstrap settings; `baseline` is the comparison table's, whose intervals a gate on it shares. */
  bootstrap: BootstrapSettings & { baseline?: string };
}

export interface Gate {
  readonly text: string;
  /** Where the gate is written: `drills/fix.yaml: gates[2]`. */
  readonly where: string;
  /** The metric and statistic it measures, when it measures one (the verdict block ranks policies on the first). */
  readonly measures?: { metric: string; stat: string | null } | null;
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
