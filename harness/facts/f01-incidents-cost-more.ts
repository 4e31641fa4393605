/**
 * F1, incidents cost more than their control (playbook 000: "both inflate implementation shortfall
 * tails"): for naive in every bundled 000, 002 and 004 scenario, median IS_FO >= 0 and FETL > 0,
 * FETL being p95(IS | incident) - p95(IS | control) from the same records (each carries both runs of
 * its seed), so a paired bootstrap. Every scenario's two checks must pass.
 */
import { bundledScenarioFiles } from './bundled.ts';
import { arm, DEFAULT_FACT_SEEDS, scenarioName, type Check, type FactDefinition } from './fact.ts';

export function f01(): FactDefinition {
  const scenarios = bundledScenarioFiles(['000', '002', '004']);
  const checks: Check[] = scenarios.flatMap((scenario): Check[] => {
    const naive = arm(scenario, 'naive');
    const name = scenarioName(scenario);
    return [
      { kind: 'statistic', label: `median IS_FO in ${name}`, sample: { arm: naive, metric: 'IS_FO_BPS' }, stat: 'p50', claim: { op: '>=', bound: 0 } },
      { kind: 'paired', label: `FETL in ${name}`, a: { arm: naive, metric: 'IS_CONTROL_BPS' }, b: { arm: naive, metric: 'IS_BPS' }, stat: 'p95', claim: { op: '>', bound: 0 } },
    ];
  });
  return {
    id: 'F1',
    title: 'Incidents cost more than their control',
    basis: '000: "both inflate implementation shortfall tails"',
    test: 'median IS_FO >= 0 and FETL > 0 for naive in every bundled 000, 002 and 004 scenario (FETL = p95(IS_BPS) - p95(IS_CONTROL_BPS), paired by seed)',
    seeds: DEFAULT_FACT_SEEDS,
    seedsStated: false,
    design: { scenarios, policies: ['naive'], params: [] },
    check: { kind: 'all', label: 'every scenario', checks },
  };
}
