/**
 * F4, panic catch-up has the worse tail (playbook 000: "C_catchup: convex urgency premium when deficit is
 * repaid late"; "Running panic catch-up without backlog convexity limits"), in 000-gateway-failover
 * over 400 seeds (the count the fact states): p99 IS(panic-catchup) > p99 IS(failover-fsm), paired by seed, and
 * mean BCU_BPS > 0 for panic-catchup (METRICS.md's BCU: the extra bps per share of backlog cleared after
 * the first signal, against the control run's; "not measured" where the records do not carry it).
 */
import { arm, scenarioFile, type FactDefinition } from './fact.ts';

const SCENARIO = scenarioFile('000-gateway-failover');

export function f04(): FactDefinition {
  const panic = arm(SCENARIO, 'panic-catchup');
  return {
    id: 'F4',
    title: 'Panic catch-up has the worse tail',
    basis: '000: "C_catchup: convex urgency premium when deficit is repaid late"; "Running panic catch-up without backlog convexity limits"',
    test: 'in 000-gateway-failover: p99 IS_BPS(panic-catchup) > p99 IS_BPS(failover-fsm), paired; mean BCU_BPS(panic-catchup) > 0; 400 seeds',
    seeds: 400,
    seedsStated: true,
    design: { scenarios: [SCENARIO], policies: ['panic-catchup', 'failover-fsm'], params: [] },
    check: {
      kind: 'all',
      label: 'tail and convexity',
      checks: [
        { kind: 'paired', label: 'p99 IS vs failover-fsm', a: { arm: arm(SCENARIO, 'failover-fsm'), metric: 'IS_BPS' }, b: { arm: panic, metric: 'IS_BPS' }, stat: 'p99', claim: { op: '>', bound: 0 } },
        { kind: 'statistic', label: 'BCU of panic-catchup', sample: { arm: panic, metric: 'BCU_BPS' }, stat: 'mean', claim: { op: '>', bound: 0 } },
      ],
    },
  };
}
