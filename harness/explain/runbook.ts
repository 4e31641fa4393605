/**
 * "When each runbook step happened": the runbook of the scenario's own playbook (harness/playbooks: 000's
 * failover anatomy, 001's sequencer failure path, 002's six recovery steps, 003's scale event, 004's
 * order-server restart), read from the record (ms after the first fault), each with what it means, in the
 * playbook's order. A step that never happened says so and why it can be missing, rather than being left
 * out silently; the playbook closes with its own sentence on the recovery.
 */
import { NS_PER_MS } from '../../sim/index.ts';
import type { ExplainContext } from './context.ts';
import type { NarrativeStep, TimedEvent } from './narrative.ts';

export function runbookStep(ctx: ExplainContext): NarrativeStep {
  const { clock, record, playbook } = ctx;
  const runbook = record.timeline.runbook;
  const onset = clock.faultOnsetNs;
  const title = `Playbook ${playbook.id}'s runbook (${playbook.incident}), step by step`;
  const facts: Record<string, number | string | null> = { playbook: playbook.id };
  for (const step of playbook.runbook) facts[step.key] = runbook[step.key] ?? null;
  if (onset === null) {
    return { section: 'runbook', title, paragraphs: ['With nothing failed there is no runbook to follow: no recovery happened.'], events: [], facts };
  }
  const events: TimedEvent[] = [];
  const lines: string[] = [`Playbook ${playbook.id} is "${playbook.title}" (docs/playbooks/${playbook.id}.md).`];
  const policyNeverLeft = !record.timeline.regimes.some((r) => r.atNs >= onset);
  playbook.runbook.forEach((step, i) => {
    const ms = runbook[step.key];
    if (ms === null || ms === undefined) {
      lines.push(`${i + 1}. ${step.name}: did not happen (${policyNeverLeft && step.aboutPolicy === true ? 'the policy never left its normal regime after the fault' : step.missing}).`);
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
  const summary = playbook.summary(runbook, record.metrics);
  return { section: 'runbook', title, paragraphs: summary === null ? lines : [...lines, summary], events, facts };
}
