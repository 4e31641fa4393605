/**
 * F7, a lagging sequencer takeover costs state, not only time (playbook 001: "replay backlog" and "stale
 * book"; policies must see a signal), in 001-sequencer-failover-replay:
 * - at least one bundled state-machine policy leaves its normal regime after the first signal the
 *   router could observe (FDS_MS measured) in most episodes (a share > 0.5: the fact gives none);
 *   "one of them" splits the error between them (Bonferroni);
 * - p95 IS_FO of naive > 0.
 */
import { stateMachinePolicies } from './bundled.ts';
import { arm, DEFAULT_FACT_SEEDS, metricIs, scenarioFile, type Check, type FactDefinition } from './fact.ts';

const SCENARIO = scenarioFile('001-sequencer-failover-replay');

export function f07(): FactDefinition {
  const policies = stateMachinePolicies();
  const leaves: Check[] = policies.map((policy) => ({
    kind: 'share',
    label: `${policy} leaves its normal regime`,
    arm: arm(SCENARIO, policy),
    success: metricIs('FDS_MS', 'FDS_MS measured (left its normal regime after an observable signal)', (value) => value !== null),
    claim: { op: '>', bound: 0.5 },
  }));
  return {
    id: 'F7',
    title: 'A lagging sequencer takeover costs state, not only time',
    basis: '001: "replay backlog" and "stale book"; policies must see a signal',
    test: 'in 001-sequencer-failover-replay: some bundled state-machine policy has FDS_MS measured in > 50% of episodes (Bonferroni over the policies); p95 IS_FO_BPS(naive) > 0',
    seeds: DEFAULT_FACT_SEEDS,
    seedsStated: false,
    design: { scenarios: [SCENARIO], policies: ['naive', ...policies], params: [] },
    check: {
      kind: 'all',
      label: 'signal and cost',
      checks: [
        { kind: 'any', label: 'a policy reacts', checks: leaves },
        { kind: 'statistic', label: 'p95 IS_FO of naive', sample: { arm: arm(SCENARIO, 'naive'), metric: 'IS_FO_BPS' }, stat: 'p95', claim: { op: '>', bound: 0 } },
      ],
    },
  };
}
