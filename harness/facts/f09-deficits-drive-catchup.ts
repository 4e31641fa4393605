/**
 * F9, deficits drive catch-up (playbook 000: "Queue position is lost and catch-up urgency rises near
 * horizon end"), for naive in each failover scenario (the bundled 000 ones): median
 * DEFICIT_AT_RECONNECT >= 0.05 (5% of the parent behind schedule when its session is back), and
 * CATCHUP_SHARES > 0 in at least 80% of the episodes (Clopper-Pearson).
 */
import { bundledScenarioFiles } from './bundled.ts';
import { arm, DEFAULT_FACT_SEEDS, metricIs, scenarioName, type Check, type FactDefinition } from './fact.ts';

export function f09(): FactDefinition {
  const scenarios = bundledScenarioFiles(['000']);
  const checks: Check[] = scenarios.flatMap((scenario): Check[] => {
    const naive = arm(scenario, 'naive');
    const name = scenarioName(scenario);
    return [
      { kind: 'statistic', label: `median deficit in ${name}`, sample: { arm: naive, metric: 'DEFICIT_AT_RECONNECT' }, stat: 'p50', claim: { op: '>=', bound: 0.05 } },
      { kind: 'share', label: `catch-up in ${name}`, arm: naive, success: metricIs('CATCHUP_SHARES', 'CATCHUP_SHARES > 0', (value) => value !== null && value > 0), claim: { op: '>=', bound: 0.8 } },
    ];
  });
  return {
    id: 'F9',
    title: 'Deficits drive catch-up',
    basis: '000: "Queue position is lost and catch-up urgency rises near horizon end"',
    test: 'naive in each bundled 000 scenario: median DEFICIT_AT_RECONNECT >= 0.05 of the parent; CATCHUP_SHARES > 0 in >= 80% of the episodes',
    seeds: DEFAULT_FACT_SEEDS,
    seedsStated: false,
    design: { scenarios, policies: ['naive'], params: [] },
    check: { kind: 'all', label: 'every failover scenario', checks },
  };
}
