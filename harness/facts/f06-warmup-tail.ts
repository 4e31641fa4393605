/**
 * F6, warm-up-aware routing lowers the cold tail (playbook 003: "flow rebalancing into cold nodes creates
 * delay clusters, queue-rank decay, and late urgency overshoot"), in 003-autoscaling-cold-start (the
 * bundled drill's 003 scenario): mean COLD_FLOW_SHARE_AFTER_SCALE of naive >= 0.2 (the cold share of
 * its orders while a node that joined is trading-ready but not yet warm: "after scale-out"), and
 * p95 IS_FO(warmup-aware) < p95 IS_FO(naive), paired by seed.
 */
import { arm, DEFAULT_FACT_SEEDS, scenarioFile, type FactDefinition } from './fact.ts';

const SCENARIO = scenarioFile('003-autoscaling-cold-start');

export function f06(): FactDefinition {
  const naive = arm(SCENARIO, 'naive');
  return {
    id: 'F6',
    title: 'Warm-up-aware routing lowers the cold tail',
    basis: '003: "flow rebalancing into cold nodes creates delay clusters, queue-rank decay, and late urgency overshoot"',
    test: 'in 003-autoscaling-cold-start: mean COLD_FLOW_SHARE_AFTER_SCALE(naive) >= 0.2; p95 IS_FO_BPS(warmup-aware) < p95 IS_FO_BPS(naive), paired',
    seeds: DEFAULT_FACT_SEEDS,
    seedsStated: false,
    design: { scenarios: [SCENARIO], policies: ['naive', 'warmup-aware'], params: [] },
    check: {
      kind: 'all',
      label: 'cold flow and its tail',
      checks: [
        { kind: 'statistic', label: 'cold share of naive', sample: { arm: naive, metric: 'COLD_FLOW_SHARE_AFTER_SCALE' }, stat: 'mean', claim: { op: '>=', bound: 0.2 } },
        { kind: 'paired', label: 'p95 IS_FO vs naive', a: { arm: arm(SCENARIO, 'warmup-aware'), metric: 'IS_FO_BPS' }, b: { arm: naive, metric: 'IS_FO_BPS' }, stat: 'p95', claim: { op: '>', bound: 0 } },
      ],
    },
  };
}
