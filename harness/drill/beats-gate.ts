/**
 * `gap-recovery beats naive at p95 with 95% confidence`: the paired bootstrap interval (by seed) of
 * stat(policy) - stat(other) on a cost metric (IS_FO_BPS, the incident's own cost, unless named: the
 * metric the comparison's tail charts and `--objective` rank on) lies wholly below zero. Wholly at or
 * above zero, the policy is not cheaper: fail. Straddling zero, or too few paired seeds: inconclusive.
 * With a margin m (`... with margin 0.25 bps`), the smallest saving that matters, it fails as soon as
 * the interval lies wholly above -m: whatever it saves, it is less than m. Then some number of seeds
 * always decides it (an interval narrower than m cannot hold both -m and 0), which a drill that adds
 * seeds needs: without a margin, two policies that cost the same are never told apart.
 * Against the comparison's baseline at its level, the interval is the comparison table's own (the same
 * bootstrap stream), so the verdict block and the tables quote one number.
 */
import { scenarioKey } from '../compare/comparison.ts';
import { columnsNamed } from '../compare/columns.ts';
import { pairedDifference } from '../compare/differences.ts';
import { seedsForInterval } from '../compare/statistics.ts';
import { METRIC_CATALOGUE } from '../metrics/catalogue.ts';
import { UsageError } from '../errors.ts';
import { columnsInScope, formatNumber, formatPercent, formatSigned, gateLook, groupsInScope, tooFewSeeds, type Gate, type GateContext, type GateOutcome, type GateSettle, type GateStatus } from './gate.ts';

/** The metric a `beats` gate compares when it names none. */
export const BEATS_DEFAULT_METRIC = 'IS_FO_BPS';

export interface BeatsSpec {
  policy: string;
  other: string;
  metric: string;
  stat: string;
  scenario: string | null;
  confidence: number;
  /** The smallest saving that matters (bps of the metric); 0: none named. */
  margin: number;
}

/** pass below 0; fail at or above -margin; between, undecided. */
function statusOf(low: number, high: number, margin: number): GateStatus {
  return high < 0 ? 'pass' : low >= -margin ? 'fail' : 'inconclusive';
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

  get settle(): GateSettle {
    const { policy, other, confidence, margin } = this.spec;
    return { policies: [policy, other], confidence, minSeeds: seedsForInterval(this.spec.stat), decides: ({ low, high }) => statusOf(low, high, margin) !== 'inconclusive' };
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
      const minSeeds = seedsForInterval(spec.stat);
      const { level, spendingLook } = gateLook(spec.confidence, context.look, minSeeds);
      const settings = { ...context.bootstrap, level };
      const sharesTable = others[0].label === context.bootstrap.baseline && level === context.bootstrap.level;
      const stream = sharesTable ? `compare.diff.${scenarioKey(group)}.${column.label}.${spec.metric}.${spec.stat}` : `drill.${this.where}.${group.scenario}.${column.label}`;
      const difference = pairedDifference(others[0], column, spec.metric, spec.stat, settings, stream);
      const base = { gate: this.text, scenario: group.scenario, subject: column.label, level, spendingLook };
      if (difference.pairs < minSeeds && difference.estimate !== null) {
        const having = `${spec.metric} for both ${column.label} and ${others[0].label}`;
        return tooFewSeeds(base, { what: spec.stat, minSeeds, seeds: difference.pairs, noun: 'paired seeds', having, estimate: difference.estimate });
      }
      if (difference.estimate === null || difference.low === null || difference.high === null) {
        const reason = `only ${difference.pairs} seeds have ${spec.metric} for both ${column.label} and ${others[0].label}: too few to compare; run more seeds`;
        return { ...base, status: 'inconclusive', detail: `only ${difference.pairs} seeds with ${spec.metric} in both`, reason, seeds: difference.pairs };
      }
      const status = statusOf(difference.low, difference.high, spec.margin);
      const unit = unitSuffix(spec.metric);
      const margin = spec.margin > 0 ? ` by ${formatNumber(spec.margin)}${unit} or more` : '';
      const reading = { pass: 'cheaper', fail: `not cheaper${margin}`, inconclusive: spec.margin > 0 ? `the interval holds 0 and -${formatNumber(spec.margin)}: not settled` : 'the interval contains 0: not significant', violated: '' }[status];
      const interval = `${formatPercent(level)} CI [${formatSigned(difference.low)}, ${formatSigned(difference.high)}]`;
      const detail =
        `${spec.stat}(${spec.metric}) ${column.label} - ${others[0].label} = ${formatNumber(difference.estimate)}, ` +
        `${formatPercent(level)} CI [${formatNumber(difference.low)}, ${formatNumber(difference.high)}] over ${difference.pairs} paired seeds: ${reading}`;
      const by = `${column.label} minus ${others[0].label} at ${spec.stat} of ${spec.metric} is ${formatSigned(difference.estimate)}${unit}`;
      const over = `its ${interval} over ${difference.pairs} paired seeds`;
      const reason = {
        pass: `cheaper: ${by}, and ${over} lies below 0`,
        fail: spec.margin > 0 ? `not cheaper${margin}: ${by}, and ${over} lies above -${formatNumber(spec.margin)}` : `not cheaper: ${by}, and ${over} does not reach below 0`,
        inconclusive:
          spec.margin > 0
            ? `cannot tell yet: ${by}, but ${over} holds both 0 and -${formatNumber(spec.margin)}; more seeds would narrow it`
            : `cannot tell yet: ${by}, but ${over} contains 0; more seeds would narrow it`,
        violated: '',
      }[status];
      return { ...base, status, detail, reason, estimate: difference.estimate, low: difference.low, high: difference.high, seeds: difference.pairs };
    });
  }
}

/** ' bps', ' ms', ...: the metric's unit after a number; nothing for a fraction or a count. */
function unitSuffix(metric: string): string {
  const unit = METRIC_CATALOGUE.find((m) => m.name === metric)?.unit ?? '';
  return unit === '' || unit === 'fraction' || unit === 'ratio' || unit === 'count' ? '' : ` ${unit}`;
}
