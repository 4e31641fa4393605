// explain tells each bundled playbook scenario with its own playbook's runbook and regime machine, in units a
// person reads: no step of another playbook's runbook, no raw nanoseconds, the steps that happened at the
// record's times, and playbook 003's COLD_FLOW_SHARE named with its value.
import { describe, expect, it } from 'vitest';
import { explainEpisode, renderNarrative } from '../../../harness/explain/index.ts';
import { playbookNamed, PLAYBOOKS } from '../../../harness/playbooks/index.ts';

const CASES = [
  { scenario: 'scenarios/000-gateway-failover.yaml', playbook: '000', policy: 'failover-fsm' },
  { scenario: 'scenarios/000-order-entry-divergence.yaml', playbook: '000', policy: 'failover-fsm' },
  { scenario: 'scenarios/001-sequencer-failover-replay.yaml', playbook: '001', policy: 'replay-regime' },
  { scenario: 'scenarios/002-fix-gap-resend.yaml', playbook: '002', policy: 'gap-recovery' },
  { scenario: 'scenarios/003-autoscaling-cold-start.yaml', playbook: '003', policy: 'warmup-aware' },
  { scenario: 'scenarios/004-order-server-disk-loss.yaml', playbook: '004', policy: 'naive' },
] as const;

describe('explain on each playbook of the bundled scenarios', () => {
  for (const { scenario, playbook, policy } of CASES) {
    it(`${scenario} (${policy}) follows playbook ${playbook}'s runbook, with most of its steps found`, () => {
      const narrative = explainEpisode({ scenarioFile: scenario, policy, params: {}, seed: 2 });
      const text = renderNarrative(narrative);
      const own = playbookNamed(playbook);
      const runbook = narrative.steps.find((step) => step.section === 'runbook')!;
      expect(narrative.playbook).toBe(playbook);
      expect(runbook.title).toContain(`Playbook ${playbook}'s runbook`);
      expect(Object.keys(runbook.facts).filter((key) => key !== 'playbook')).toEqual(own.runbook.map((step) => step.key));
      expect(runbook.events.length).toBeGreaterThanOrEqual(own.runbook.length - 2);
      for (const other of PLAYBOOKS.filter((p) => p.id !== playbook)) {
        for (const step of other.runbook.filter((s) => !own.runbook.some((mine) => mine.name === s.name))) expect(text).not.toContain(`. ${step.name}: `);
      }
      // Lengths in s or ms: no bare count of nanoseconds (seven digits or more) anywhere in the text.
      expect(text.replace(/trace [0-9a-f]+/, '')).not.toMatch(/\b\d{7,}\b/);
      const policyStep = narrative.steps.find((step) => step.section === 'policy')!;
      expect(policyStep.paragraphs[1]).toMatch(new RegExp(`^Playbook ${playbook} (prescribes|describes)`));
      if (playbook === '003') expect(text).toMatch(/COLD_FLOW_SHARE[^.]* was \d+\.\d%/);
    });
  }
});
