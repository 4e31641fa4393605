/**
 * "When each runbook step happened": seed 002's timeline (gap detected, resend requested, replay
 * started, replay cleared, authoritative residual restored, normal controller re-enabled), read from
 * the record's runbook (ms from the first fault), each with what it means, in the runbook's order.
 * A step that never happened says so and why it can be missing, rather than being left out silently.
 */
import { NS_PER_MS } from '../../sim/index.ts';
import type { ExplainContext } from './context.ts';
import type { NarrativeStep, TimedEvent } from './narrative.ts';

export const RUNBOOK_STEPS = [
  { key: 'gapDetectedMs', name: 'gap detected', meaning: 'the router saw a sequence number skip ahead, or its session drop', missing: 'no gap or disconnect was seen after the fault' },
  { key: 'resendRequestedMs', name: 'resend requested', meaning: 'it sent a ResendRequest for the missing range', missing: 'no ResendRequest was sent after the fault' },
  { key: 'replayStartedMs', name: 'replay started', meaning: 'the first PossDupFlag=Y message of the replay arrived', missing: 'no PossDup replay arrived: the venue answered with GapFills only, or the missing messages were admin messages' },
  { key: 'replayClearedMs', name: 'replay cleared', meaning: 'the gap closed: every missing sequence number was resent or gap-filled', missing: 'the gap never closed before the end' },
  {
    key: 'authoritativeResidualRestoredMs',
    name: 'authoritative residual restored',
    meaning: "belief equals truth again: the same working orders, the same residual, no order of unknown fate. Sequence numbers lining up is not the same thing",
    missing: 'belief never converged back to the truth before the end (or never left it)',
  },
  { key: 'normalControllerReenabledMs', name: 'normal controller re-enabled', meaning: 'the policy returned to its normal regime', missing: 'the policy did not return to its normal regime after the state was restored' },
] as const;

export function runbookStep(ctx: ExplainContext): NarrativeStep {
  const { clock, record } = ctx;
  const runbook = record.timeline.runbook;
  const onset = clock.faultOnsetNs;
  const facts: Record<string, number | null> = {};
  for (const step of RUNBOOK_STEPS) facts[step.key] = runbook[step.key] ?? null;
  if (onset === null) {
    return { section: 'runbook', title: "Seed 002's runbook", paragraphs: ['With nothing failed there is no runbook to follow: no gap, no resend, no replay.'], events: [], facts };
  }
  const events: TimedEvent[] = [];
  const lines: string[] = [];
  RUNBOOK_STEPS.forEach((step, i) => {
    const ms = runbook[step.key];
    if (ms === null || ms === undefined) {
      const neverLeft = step.key === 'normalControllerReenabledMs' && !record.timeline.regimes.some((r) => r.atNs >= onset);
      lines.push(`${i + 1}. ${step.name}: did not happen (${neverLeft ? 'the policy never left its normal regime, so there was nothing to re-enable' : step.missing}).`);
      return;
    }
    const atNs = onset + Math.round(ms * NS_PER_MS);
    lines.push(`${i + 1}. ${step.name} at ${clock.at(atNs)}: ${step.meaning}.`);
    events.push(clock.event(atNs, step.name));
  });
  const restoredMs = runbook.authoritativeResidualRestoredMs;
  const reenabledMs = runbook.normalControllerReenabledMs;
  if (restoredMs !== null && restoredMs !== undefined && reenabledMs !== null && reenabledMs !== undefined && reenabledMs < restoredMs) {
    lines.push(
      `Steps 5 and 6 are out of order: the policy was back in its normal regime ${((restoredMs - reenabledMs) / 1000).toFixed(2)} s before its state was authoritative again, so it traded at full urgency on a state it could not yet trust.`,
    );
  }
  const detected = runbook.gapDetectedMs;
  const restored = runbook.authoritativeResidualRestoredMs;
  const summary =
    detected !== null && detected !== undefined && restored !== null && restored !== undefined
      ? `From detection to an authoritative residual took ${((restored - detected) / 1000).toFixed(2)} s.`
      : 'The recovery did not run to completion.';
  return { section: 'runbook', title: "Seed 002's runbook, step by step", paragraphs: [...lines, summary], events, facts };
}
