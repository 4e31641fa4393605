import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenarioFile } from '../../harness/scenario/index.ts';
import { pathKeyOf } from '../../harness/world/market-path.ts';

// F8's log sizes (harness/facts/f08-log-size.ts): 004-order-server-crash with only its log size
// changed, so that the three run the same seeds on the same market and faults.
const BASE = 'scenarios/004-order-server-crash.yaml';
const VARIANTS: Array<[string, number]> = [
  ['scenarios/facts/004-order-server-crash-log-500k.yaml', 500_000],
  ['scenarios/facts/004-order-server-crash-log-1m.yaml', 1_000_000],
];

/** The scenario without its words and its log size. */
function substance(file: string): unknown {
  const { name: _name, title: _title, description: _description, assumptions: _assumptions, ...rest } = parse(readFileSync(file, 'utf8'));
  delete rest.gateways.orderServer.earlierLogRecords;
  return rest;
}

describe('scenarios/facts variants of 004-order-server-crash', () => {
  it.each(VARIANTS)('%s is the bundled scenario with %i earlier log records and nothing else changed', (file, records) => {
    expect(substance(file)).toEqual(substance(BASE));
    const loaded = loadScenarioFile(file);
    const base = loadScenarioFile(BASE);
    if (!loaded.ok || !base.ok) throw new Error('a scenario does not validate');
    expect(loaded.scenario.gateways.orderServer?.earlierLogRecords).toBe(records);
    expect(pathKeyOf(loaded.scenario)).toBe(pathKeyOf(base.scenario));
  });
});
