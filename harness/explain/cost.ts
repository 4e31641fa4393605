/**
 * "What it cost": the record's implementation shortfall of the incident, control and oracle runs, and
 * playbook 000's attribution of IS_FO, each term in a sentence. Every number is the record's, so the
 * explanation and `execdrill run` never disagree. Positive bps are a cost; negative a saving.
 */
import { bps } from './clock.ts';
import { metric, type ExplainContext } from './context.ts';
import type { NarrativeStep } from './narrative.ts';

const COST_METRICS = [
  'IS_BPS',
  'IS_CONTROL_BPS',
  'IS_ORACLE_BPS',
  'IS_FO_BPS',
  'C_DIVERGENCE_BPS',
  'C_QUEUE_RESET_BPS',
  'C_THROTTLE_BPS',
  'C_CATCHUP_BPS',
  'ATTRIBUTION_RESIDUAL_BPS',
  'IS_DELAY_BPS',
  'IS_REALISED_BPS',
  'IS_MISSED_BPS',
  'IS_OVERFILL_BPS',
  'COMPLETION',
] as const;

const costOrSaving = (value: number) => (value >= 0 ? `cost ${bps(value)}` : `saved ${bps(-value)}`);

export const ATTRIBUTION_SENTENCES: Record<string, (v: number) => string> = {
  C_DIVERGENCE_BPS: (v) => `Divergence (incident minus oracle) ${costOrSaving(v)}: the price of deciding on belief instead of truth while they differed.`,
  C_QUEUE_RESET_BPS: (v) => `Queue reset ${costOrSaving(v)}: what re-entered orders (cancelled, then sent again at the back of the queue) paid beyond the control run.`,
  C_THROTTLE_BPS: (v) => `Throttle ${costOrSaving(v)}: the missed-trade cost of quantity left unfilled at the horizon beyond the control run (under-participation while gated).`,
  C_CATCHUP_BPS: (v) => `Catch-up ${costOrSaving(v)}: catch-up and clean-up flow, and unwinding any overfill, beyond the control run (the urgency premium of repaying a deficit late).`,
  ATTRIBUTION_RESIDUAL_BPS: (v) => `Residual ${bps(v)}: what is left, the normal flow filling at other prices because the market path differed; reported, not hidden.`,
};

export function costStep(ctx: ExplainContext): NarrativeStep {
  const facts: Record<string, number | null> = {};
  for (const name of COST_METRICS) facts[name] = metric(ctx, name);
  const is = facts.IS_BPS ?? 0;
  const control = facts.IS_CONTROL_BPS ?? 0;
  const paragraphs = [
    `The incident run's implementation shortfall was ${bps(is)} of the arrival mid (delay ${bps(facts.IS_DELAY_BPS)}, realised ${bps(facts.IS_REALISED_BPS)}, ` +
      `missed trade ${bps(facts.IS_MISSED_BPS)}, overfill unwind ${bps(facts.IS_OVERFILL_BPS)}), completing ${((facts.COMPLETION ?? 0) * 100).toFixed(1)}% of the parent.`,
    `The control run (same seed, same market, every fault removed) cost ${bps(control)}, so the incident itself cost IS_FO = ${bps(facts.IS_FO_BPS)}.`,
  ];
  const trajectory = ctx.record.trajectory;
  const onset = ctx.clock.faultOnsetNs;
  if (trajectory !== undefined && onset !== null) {
    const at = trajectory.tNs.findIndex((t) => t >= onset);
    if (at >= 0) {
      paragraphs.push(
        `Up to the fault the two runs had accrued ${bps(trajectory.accruedCostBps[at])} and ${bps(trajectory.controlAccruedCostBps[at])} on their fills; ` +
          `by the parent's end ${bps(trajectory.accruedCostBps[trajectory.tNs.length - 1])} and ${bps(trajectory.controlAccruedCostBps[trajectory.tNs.length - 1])}.`,
      );
    }
  }
  if (facts.IS_ORACLE_BPS === null) {
    paragraphs.push('With no fault there is no oracle run and nothing to attribute.');
  } else {
    paragraphs.push(`The oracle run (the same faults, but the router sees venue truth at once) cost ${bps(facts.IS_ORACLE_BPS)}. IS_FO splits as playbook 000 defines it:`);
    for (const [name, sentence] of Object.entries(ATTRIBUTION_SENTENCES)) paragraphs.push(`- ${sentence(facts[name] ?? 0)}`);
  }
  return { section: 'cost', title: 'What it cost', paragraphs, events: [], facts };
}
