/**
 * F3, cancel-all pays a queue-reset tax (playbook 002: "if you reset resting orders, you pay queue-rank
 * decay"; "Canceling all live orders by default after reconnect, even when preserving them would be
 * cheaper"), in 002-fix-gap-resend: over the episodes where the router had orders resting at the venue
 * just before its reconnect (RESTING_AT_RECONNECT > 0), mean QRT_BPS > 0 and mean C_QUEUE_RESET_BPS > 0
 * for cancel-all-on-reconnect; over every episode, its p95 IS above gap-recovery's, paired by seed.
 */
import { arm, DEFAULT_FACT_SEEDS, metricIs, scenarioFile, type FactDefinition } from './fact.ts';

const SCENARIO = scenarioFile('002-fix-gap-resend');
const RESTING = metricIs('RESTING_AT_RECONNECT', 'RESTING_AT_RECONNECT > 0', (value) => value !== null && value > 0);

export function f03(): FactDefinition {
  const cancelAll = arm(SCENARIO, 'cancel-all-on-reconnect');
  return {
    id: 'F3',
    title: 'Cancel-all pays a queue-reset tax',
    basis:
      '002: "if you reset resting orders, you pay queue-rank decay"; "Canceling all live orders by default after reconnect, even when preserving them would be cheaper"',
    test: 'in 002-fix-gap-resend, where orders rest at the venue at reconnect: mean QRT_BPS > 0 and mean C_QUEUE_RESET_BPS > 0 for cancel-all-on-reconnect; p95 IS_BPS(cancel-all-on-reconnect) > p95 IS_BPS(gap-recovery), paired',
    seeds: DEFAULT_FACT_SEEDS,
    seedsStated: false,
    design: { scenarios: [SCENARIO], policies: ['cancel-all-on-reconnect', 'gap-recovery'], params: [] },
    check: {
      kind: 'all',
      label: 'tax and tail',
      checks: [
        { kind: 'statistic', label: 'QRT of cancel-all', sample: { arm: cancelAll, metric: 'QRT_BPS', where: RESTING }, stat: 'mean', claim: { op: '>', bound: 0 } },
        { kind: 'statistic', label: 'C_queue_reset of cancel-all', sample: { arm: cancelAll, metric: 'C_QUEUE_RESET_BPS', where: RESTING }, stat: 'mean', claim: { op: '>', bound: 0 } },
        {
          kind: 'paired',
          label: 'p95 IS vs gap-recovery',
          a: { arm: arm(SCENARIO, 'gap-recovery'), metric: 'IS_BPS' },
          b: { arm: cancelAll, metric: 'IS_BPS' },
          stat: 'p95',
          claim: { op: '>', bound: 0 },
        },
      ],
    },
  };
}
