/**
 * What the facts read off the checkout rather than list by hand, so that a scenario or policy added
 * later is covered without editing a fact: the bundled scenarios of a playbook, the bundled
 * state-machine policies, and the bundled drill's scenarios and policies. Paths are relative to the
 * project root.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BUNDLED_POLICIES } from '../../policies/index.ts';
import { loadDrill } from '../drill/drill-file.ts';
import { PROJECT_ROOT } from '../sweep/runner-module.ts';
import { scenarioFile } from './fact.ts';

/** `scenarios/<doc>-*.yaml` for each playbook named (`000`, `002`), in name order. */
export function bundledScenarioFiles(playbooks: readonly string[]): string[] {
  return readdirSync(join(PROJECT_ROOT, 'scenarios'))
    .filter((name) => name.endsWith('.yaml') && playbooks.some((doc) => name.startsWith(`${doc}-`)))
    .sort()
    .map((name) => scenarioFile(name.replace(/\.yaml$/, '')));
}

/**
 * Policies with a regime to leave: every bundled one but naive (the baseline, one regime), the oracle
 * (a harness instrument that sees truth) and placebo-pause (a measuring instrument).
 */
export function stateMachinePolicies(): string[] {
  const instruments = new Set(['naive', 'oracle', 'placebo-pause']);
  return BUNDLED_POLICIES.map((policy) => policy.name).filter((name) => !instruments.has(name));
}

export const BUNDLED_DRILL = 'scenarios/drills/bundled.yaml';

/** The bundled drill's scenarios (project-relative) and policies. */
export function bundledDrill(): { scenarios: string[]; policies: string[] } {
  const drill = loadDrill(join(PROJECT_ROOT, BUNDLED_DRILL));
  return { scenarios: drill.request.scenarios.map((file) => relative(PROJECT_ROOT, resolve(file))), policies: drill.request.policies };
}
