/**
 * `gap-recovery beats naive at p95 with 95% confidence`: the paired bootstrap interval (by seed) of
 * stat(policy) - stat(other) on a cost metric (IS_FO_BPS, the incident's own cost, unless named: the
 * metric the comparison's tail charts and `--objective` rank on) lies wholly below zero. Wholly at or
 * above zero, the policy is not cheaper: fail. Straddling zero, or too few paired seeds: inconclusive.
 * Against the comparison's baseline at its level, the interval is the comparison table's own (the same
 * bootstrap stream), so the verdict block and the tables quote one number.
 */
import { scenarioKey } from '../compare/comparison.ts';
import { columnsNamed } from '../compare/columns.ts';
import { pairedDifference } from '../compare/differences.ts';
import { UsageError } from '../errors.ts';
import { columnsInScope, formatNumber, formatPercent, formatSigned, groupsInScope, type Gate, type GateContext, type GateOutcome, type GateStatus } from './gate.ts';

/** The metric a `beats` gate compares when it names none. */
export const BEATS_DEFAULT_METRIC = 'IS_FO_BPS';

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

  get measures(): { metric: string; stat: string } {
    return { metric: this.spec.metric, stat: this.spec.stat };
  }

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
      const sharesTable = others[0].label === context.bootstrap.baseline && spec.confidence === context.bootstrap.level;
      const stream = sharesTable ? `compare.diff.${scenarioKey(group)}.${column.label}.${spec.metric}.${spec.stat}` : `drill.${this.where}.${group.scenario}.${column.label}`;
      const difference = pairedDifference(others[0], column, spec.metric, spec.stat, settings, stream);
      const base = { gate: this.text, scenario: group.scenario, subject: column.label };
      if (difference.estimate === null || difference.low === null || difference.high === null) {
        const reason = `only ${difference.pairs} seeds have ${spec.metric} for both ${column.label} and ${others[0].label}: too few to compare; run more seeds`;
        return { ...base, status: 'inconclusive', detail: `only ${difference.pairs} seeds with ${spec.metric} in both`, reason };
      }
      const status: GateStatus = difference.high < 0 ? 'pass' : difference.low >= 0 ? 'fail' : 'inconclusive';
      const reading = { pass: 'cheaper', fail: 'not cheaper', inconclusive: 'the interval contains 0: not significant', violated: '' }[status];
      const interval = `${formatPercent(spec.confidence)} CI [${formatSigned(difference.low)}, ${formatSigned(difference.high)}]`;
      const detail =
        `${spec.stat}(${spec.metric}) ${column.label} - ${others[0].label} = ${formatNumber(difference.estimate)}, ` +
        `${formatPercent(spec.confidence)} CI [${formatNumber(difference.low)}, ${formatNumber(difference.high)}] over ${difference.pairs} paired seeds: ${reading}`;
      const by = `${column.label} minus ${others[0].label} at ${spec.stat} of ${spec.metric} is ${formatSigned(difference.estimate)} bps`;
      const over = `its ${interval} over ${difference.pairs} paired seeds`;
      const reason = {
        pass: `cheaper: ${by}, and ${over} lies below 0`,
        fail: `not cheaper: ${by}, and ${over} does not reach below 0`,
        inconclusive: `cannot tell yet: ${by}, but ${over} contains 0; more seeds would narrow it`,
        violated: '',
      }[status];
      return { ...base, status, detail, reason, estimate: difference.estimate, low: difference.low, high: difference.high };
    });
  }
}
