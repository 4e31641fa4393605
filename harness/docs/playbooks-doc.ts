/**
 * docs/PLAYBOOKS.md, generated from harness/playbooks: for each of the five playbooks (the design documents
 * in docs/playbooks/), its incident, the fault kinds it covers, the regime machine it prescribes with the
 * bundled policy that implements it, and its runbook as `explain` and the report follow it, step by step
 * with what each step means and why it can be missing; and which bundled scenarios exercise it.
 */
import { PLAYBOOKS, type Playbook } from '../playbooks/index.ts';

export interface ScenarioOfPlaybook {
  file: string;
  title: string;
  playbook: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

function section(playbook: Playbook, scenarios: readonly ScenarioOfPlaybook[]): string[] {
  const { regimeMachine: machine } = playbook;
  const mine = scenarios.filter((s) => s.playbook === playbook.id);
  return [
    `## Playbook ${playbook.id}: ${playbook.title}`,
    '',
    `The incident: ${playbook.incident}. The document: [docs/playbooks/${playbook.id}.md](playbooks/${playbook.id}.md). Fault kinds it covers (a scenario that names no playbook gets the one of its first fault): ${playbook.faultKinds.map((k) => `\`${k}\``).join(', ')}.`,
    '',
    machine.policy === null
      ? `### States (of the gateway; no bundled policy has a regime machine for this playbook)`
      : `### Regime machine (implemented by the bundled policy \`${machine.policy}\`)`,
    '',
    '| state | meaning |',
    '| --- | --- |',
    ...machine.states.map((state) => `| \`${state.name}\` | ${cell(state.meaning)} |`),
    '',
    '### Runbook (record key, in ms after the first fault)',
    '',
    '| step | key | what it means | when it can be missing |',
    '| --- | --- | --- | --- |',
    ...playbook.runbook.map((step, i) => `| ${i + 1}. ${cell(step.name)} | \`${step.key}\` | ${cell(step.meaning)} | ${cell(step.missing)} |`),
    '',
    mine.length === 0 ? 'No bundled scenario names this playbook.' : `Bundled scenarios: ${mine.map((s) => `\`${s.file}\` (${s.title})`).join('; ')}.`,
    '',
  ];
}

export function playbooksMarkdown(scenarios: readonly ScenarioOfPlaybook[]): string {
  return [
    '# Playbooks: runbooks and regime machines',
    '',
    'Generated from harness/playbooks by `npm run docs`. A **playbook** is one of the five design documents this',
    'project is built from (their text is in [playbooks/](playbooks/)); a **seed** is only ever a run\'s random seed.',
    '`execdrill explain` tells an episode by its scenario\'s playbook, and the report\'s explorer tables its runbook.',
    '',
    ...PLAYBOOKS.flatMap((playbook) => section(playbook, scenarios)),
  ].join('\n');
}
