/**
 * `gap-recovery beats naive at p95 with 95% confidence`: the paired bootstrap interval (by seed) of
 * stat(policy) - stat(other) on a cost metric (IS_BPS unless named) lies wholly below zero. Wholly at
 * or above zero, the policy is not cheaper: fail. Straddling zero, or too few paired seeds: inconclusive.
 */
import { columnsNamed } from '../compare/columns.ts';
import { pairedDifference } from '../compare/differences.ts';
import { UsageError } from '../errors.ts';
import { columnsInScope, formatNumber, formatPercent, groupsInScope, type Gate, type GateContext, type GateOutcome, type GateStatus } from './gate.ts';

export interface BeatsSpec {
  policy: string;
  other: string;
  metric: string;
  stat: string;
  scenario: string | null;
  confidence: number;
}

export class BeatsGate implements Gate {
  constructor(
    readonly text: string,
    readonly where: string,
    private readonly spec: BeatsSpec,
  ) {}

  evaluate(context: GateContext): GateOutcome[] {
    const { spec } = this;
    const groups = groupsInScope(context.groups, spec.scenario, this.where);
    return columnsInScope(groups, spec.policy, this.where).map(({ group, column }) => {
      const others = columnsNamed(group, spec.other);
      if (others.length !== 1) {
        const found = others.length === 0 ? 'no records' : `${others.length} columns (${others.map((other) => other.label).join(', ')}): name one`;
        throw new UsageError(`${this.where}.beats: ${spec.other} in scenario ${group.scenario}: ${found}`);
      }
      const settings = { ...context.bootstrap, level: spec.confidence };
      const difference = pairedDifference(others[0], column, spec.metric, spec.stat, settings, `drill.${this.where}.${group.scenario}.${column.label}`);
      const base = { gate: this.text, scenario: group.scenario, subject: column.label };
      if (difference.estimate === null || difference.low === null || difference.high === null) {
        return { ...base, status: 'inconclusive', detail: `only ${difference.pairs} seeds with ${spec.metric} in both` };
      }
      const status: GateStatus = difference.high < 0 ? 'pass' : difference.low >= 0 ? 'fail' : 'inconclusive';
      const reading = { pass: 'cheaper', fail: 'not cheaper', inconclusive: 'the interval contains 0: not significant', violated: '' }[status];
      const detail =
        `${spec.stat}(${spec.metric}) ${column.label} - ${others[0].label} = ${formatNumber(difference.estimate)}, ` +
        `${formatPercent(spec.confidence)} CI [${formatNumber(difference.low)}, ${formatNumber(difference.high)}] over ${difference.pairs} paired seeds: ${reading}`;
      return { ...base, status, detail, estimate: difference.estimate, low: difference.low, high: difference.high };
    });
  }
}
