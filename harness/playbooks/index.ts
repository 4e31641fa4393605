// The five playbooks (the project's design documents), their runbooks and regime machines, and which one tells a scenario.
import type { Ns } from '../../sim/index.ts';
import type { WorldRun } from '../episode/world.ts';
import type { Scenario } from '../scenario/index.ts';
import { AUTOSCALING } from './autoscaling.ts';
import { FIX_RESEND } from './fix-resend.ts';
import { GATEWAY_FAILOVER } from './gateway-failover.ts';
import { ORDER_SERVER } from './order-server.ts';
import type { Playbook, PlaybookId } from './playbook.ts';
import { SEQUENCER_FAILOVER } from './sequencer-failover.ts';

export * from './playbook.ts';
export const PLAYBOOKS: readonly Playbook[] = [GATEWAY_FAILOVER, SEQUENCER_FAILOVER, FIX_RESEND, AUTOSCALING, ORDER_SERVER];

export function playbookNamed(id: PlaybookId): Playbook {
  return PLAYBOOKS.find((playbook) => playbook.id === id) as Playbook;
}

/** The scenario's own playbook, or the one whose incidents its first fault belongs to (002 when it has no fault). */
export function playbookOf(scenario: Pick<Scenario, 'playbook' | 'faults'>): Playbook {
  if (scenario.playbook !== undefined) return playbookNamed(scenario.playbook);
  const first = scenario.faults[0]?.kind;
  return PLAYBOOKS.find((playbook) => first !== undefined && playbook.faultKinds.includes(first)) ?? FIX_RESEND;
}

/** The playbook's runbook in a run: each step in ms after the first fault, null when it did not happen (all null without a fault). */
export function runbookTimeline(run: WorldRun, playbook: Playbook): Record<string, number | null> {
  const onset: Ns | undefined = run.faults[0]?.atNs;
  const timeline: Record<string, number | null> = {};
  for (const step of playbook.runbook) {
    const at = onset === undefined ? undefined : step.at(run, onset);
    timeline[step.key] = at === undefined || onset === undefined ? null : (at - onset) / 1e6;
  }
  return timeline;
}
