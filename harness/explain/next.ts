/**
 * The closing step: the commands that replay this episode, and a pointer to the next thing to look at,
 * chosen by the largest term of the attribution (or by the absence of a fault).
 */
import { ATTRIBUTION_SENTENCES } from './cost.ts';
import { metric, type ExplainContext } from './context.ts';
import type { NarrativeStep } from './narrative.ts';

const POINTERS: Record<string, string> = {
  C_DIVERGENCE_BPS: 'not knowing the truth was the biggest term: look at the live-set similarity and residual-error series (run --json, trajectory) and try a policy that discounts urgency by state confidence (gap-recovery)',
  C_QUEUE_RESET_BPS: 'queue reset was the biggest term: look at the cancels in "what the policy did", and compare with a policy that keeps its resting orders (scenarios/exercises/README.md, exercise 2)',
  C_THROTTLE_BPS: 'under-participation was the biggest term: look at how long the policy paused or throttled, and at its participation while gated',
  C_CATCHUP_BPS: 'catch-up was the biggest term: look at the catch-up children after recovery and at ROR (post-recovery catch-up over the true need); cap the catch-up',
  ATTRIBUTION_RESIDUAL_BPS: "the market path was the biggest term, not a policy choice: one seed says little, so compare policies over many seeds (execdrill sweep, then execdrill compare)",
};

export function nextStep(ctx: ExplainContext, explainCommand: string): NarrativeStep {
  const { record } = ctx;
  const terms = Object.keys(ATTRIBUTION_SENTENCES).map((name) => ({ name, value: metric(ctx, name) }));
  const largest = terms.filter((t) => t.value !== null).sort((a, b) => Math.abs(b.value as number) - Math.abs(a.value as number))[0];
  const pointer =
    record.metrics.IS_ORACLE_BPS === null || largest === undefined
      ? `nothing failed here: explain a seed where the fault fires, or run the same scenario's incident under another policy`
      : POINTERS[largest.name];
  return {
    section: 'next',
    title: 'Next',
    paragraphs: ['Replay this episode (add --json for the full record), and this explanation:', record.replay, explainCommand, `Next, ${pointer}.`],
    events: [],
    facts: { replay: record.replay, explain: explainCommand, largestTerm: largest?.name ?? null },
  };
}
