/**
 * F5, state recovers after transport (playbook 000: "Key asymmetry: transport recovery can be faster than
 * state recovery"; "Treating 'socket reconnected' as equivalent to 'state recovered'"), for naive in
 * 000-gateway-failover:
 * - among episodes where the backup took over (FO_TRANSPORT_MS measured), FO_STATE_MS >= 1 s (or state
 *   never reconciled) in at least 90% of them (Clopper-Pearson);
 * - among episodes with a reconnect, the live-set similarity at the first state sample after it is
 *   below 1 in at least 90% of them. The fact gives no share for this clause; it takes the first one's.
 */
import { arm, DEFAULT_FACT_SEEDS, metricIs, scenarioFile, type FactDefinition } from './fact.ts';

const SCENARIO = scenarioFile('000-gateway-failover');

export function f05(): FactDefinition {
  const naive = arm(SCENARIO, 'naive');
  return {
    id: 'F5',
    title: 'State recovers after transport',
    basis: '000: "Key asymmetry: transport recovery can be faster than state recovery"; "Treating \'socket reconnected\' as equivalent to \'state recovered\'"',
    test: 'naive in 000-gateway-failover: FO_STATE_MS >= 1 s in >= 90% of the episodes where the backup took over; LSS_AFTER_RECONNECT < 1 in >= 90% of those with a reconnect',
    seeds: DEFAULT_FACT_SEEDS,
    seedsStated: false,
    design: { scenarios: [SCENARIO], policies: ['naive'], params: [] },
    check: {
      kind: 'all',
      label: 'state lags transport',
      checks: [
        {
          kind: 'share',
          label: 'state recovery >= 1 s',
          arm: naive,
          population: metricIs('FO_TRANSPORT_MS', 'FO_TRANSPORT_MS measured', (value) => value !== null),
          success: metricIs('FO_STATE_MS', 'FO_STATE_MS >= 1000 ms or never reconciled', (value) => value === null || value >= 1000),
          claim: { op: '>=', bound: 0.9 },
        },
        {
          kind: 'share',
          label: 'live set wrong after reconnect',
          arm: naive,
          population: metricIs('LSS_AFTER_RECONNECT', 'a reconnect', (value) => value !== null),
          success: metricIs('LSS_AFTER_RECONNECT', 'LSS_AFTER_RECONNECT < 1', (value) => value !== null && value < 1),
          claim: { op: '>=', bound: 0.9 },
        },
      ],
    },
  };
}
