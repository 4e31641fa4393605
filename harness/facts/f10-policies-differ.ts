/**
 * F10, policies differ (the playbooks' premise: the runbook is worth following): in the bundled drill's
 * scenarios, every policy it runs besides naive differs from naive on at least one scenario: the
 * paired difference of mean IS_BPS has an interval that excludes 0, either way. "At least one of the
 * scenarios" splits the error between them (Bonferroni), so eight scenarios are not eight chances at a
 * difference by luck. Fewer seeds than the others to start with: the drill is 40 columns.
 */
import { bundledDrill } from './bundled.ts';
import { arm, scenarioName, type Check, type FactDefinition } from './fact.ts';

export const F10_SEEDS = 50;

export function f10(): FactDefinition {
  const { scenarios, policies } = bundledDrill();
  const checks: Check[] = policies
    .filter((policy) => policy !== 'naive')
    .map((policy) => ({
      kind: 'any',
      label: `${policy} differs from naive`,
      checks: scenarios.map((scenario): Check => ({
        kind: 'paired',
        label: `${policy} vs naive in ${scenarioName(scenario)}`,
        a: { arm: arm(scenario, 'naive'), metric: 'IS_BPS' },
        b: { arm: arm(scenario, policy), metric: 'IS_BPS' },
        stat: 'mean',
        claim: { op: '!=', bound: 0 },
      })),
    }));
  return {
    id: 'F10',
    title: 'Policies differ',
    basis: "the playbooks' premise: the runbook is worth following",
    test: 'in the bundled drill (scenarios/drills/bundled.yaml), each policy besides naive: mean IS_BPS(policy) - mean IS_BPS(naive) excludes 0 on at least one scenario, paired (Bonferroni over the scenarios)',
    seeds: F10_SEEDS,
    seedsStated: false,
    design: { scenarios, policies, params: [] },
    check: { kind: 'all', label: 'every policy', checks },
  };
}
