/**
 * F8, a slow order-server restart costs more with a longer log (playbook 004: "Large *_Mode_orders.tbl
 * files can slow Order Server startup by up to several minutes"): naive in 004-order-server-crash with
 * the day's log at 500,000, 1,000,000 and 2,000,000 earlier records (scenarios/facts/ holds the first
 * two: the bundled file with only that number changed; the bundled one is the third), same seeds, so
 * the same market and faults. Monotone: between each pair of neighbouring sizes, mean IS_FO and mean
 * OS_OUTAGE_SEC (process down to the router's next order book) rise, paired by seed.
 */
import { arm, DEFAULT_FACT_SEEDS, scenarioFile, scenarioName, type Check, type FactDefinition } from './fact.ts';

export const LOG_SIZE_SCENARIOS = ['scenarios/facts/004-order-server-crash-log-500k.yaml', 'scenarios/facts/004-order-server-crash-log-1m.yaml', scenarioFile('004-order-server-crash')];

/** Paired rises between neighbouring levels of one metric. */
function rises(metric: string, levels: readonly string[]): Check[] {
  return levels.slice(1).map((scenario, i) => ({
    kind: 'paired',
    label: `${metric} ${scenarioName(levels[i])} -> ${scenarioName(scenario)}`,
    a: { arm: arm(levels[i], 'naive'), metric },
    b: { arm: arm(scenario, 'naive'), metric },
    stat: 'mean',
    claim: { op: '>', bound: 0 },
  }));
}

export function f08(): FactDefinition {
  return {
    id: 'F8',
    title: 'A slow order-server restart costs more with a longer log',
    basis: '004: "Large *_Mode_orders.tbl files can slow Order Server startup by up to several minutes"',
    test: 'naive in 004-order-server-crash at 0.5M, 1M and 2M earlier log records: mean IS_FO_BPS and mean OS_OUTAGE_SEC rise between neighbouring sizes, paired',
    seeds: DEFAULT_FACT_SEEDS,
    seedsStated: false,
    design: { scenarios: LOG_SIZE_SCENARIOS, policies: ['naive'], params: [] },
    check: { kind: 'all', label: 'monotone in log size', checks: [...rises('IS_FO_BPS', LOG_SIZE_SCENARIOS), ...rises('OS_OUTAGE_SEC', LOG_SIZE_SCENARIOS)] },
  };
}
