/** Hand-built records and checks for the facts machinery tests: no episode runs. */
import { EPISODE_RECORD_SCHEMA, type EpisodeRecord } from '../../../harness/episode/record.ts';
import type { LookContext } from '../../../harness/facts/evaluate.ts';
import { arm, type Arm } from '../../../harness/facts/fact.ts';

export const SCENARIO = 'scenarios/synthetic.yaml';
export const A = arm(SCENARIO, 'a');
export const B = arm(SCENARIO, 'b');

export function syntheticRecord(policy: string, seed: number, metrics: Record<string, number | null>, status: 'ok' | 'failed' = 'ok'): EpisodeRecord {
  return {
    schema: EPISODE_RECORD_SCHEMA,
    scenario: 'synthetic',
    scenarioFile: SCENARIO,
    scenarioHash: 'hash',
    policy: { name: policy, version: '1.0.0', sourceHash: 'src', params: {} },
    seed,
    commit: 'test',
    status,
    replay: `npx execdrill run --scenario ${SCENARIO} --policy ${policy} --seed ${seed}`,
    traceHash: '',
    metrics,
    invariants: [],
    timeline: { regimes: [], runbook: {} },
    eventsSimulated: 0,
  };
}

/** A look over in-memory records, keyed by policy name (one scenario). */
export function lookOver(records: Map<string, EpisodeRecord[]>, seeds: number, alpha: number, streamName = 'test'): LookContext {
  return {
    records: (which: Arm) => (records.get(which.policy) ?? []).filter((record) => record.seed <= seeds),
    seeds,
    alpha,
    later: [],
    streamName,
  };
}
