/** Hand-built episode records for comparison unit tests. */
import { EPISODE_RECORD_SCHEMA, type EpisodeRecord } from '../../../harness/episode/record.ts';

export function record(
  policy: string,
  seed: number,
  metrics: Record<string, number | null>,
  options: { version?: string; params?: Record<string, number>; scenario?: string; crash?: boolean; commit?: string } = {},
): EpisodeRecord {
  const scenario = options.scenario ?? 'fix-resend';
  return {
    schema: EPISODE_RECORD_SCHEMA,
    scenario,
    scenarioFile: `scenarios/${scenario}.yaml`,
    scenarioHash: options.crash ? '' : `hash-${scenario}`,
    policy: { name: policy, version: options.crash ? '' : (options.version ?? '1.0.0'), sourceHash: options.crash ? '' : `src-${policy}-${options.version ?? '1.0.0'}`, params: options.params ?? {} },
    seed,
    commit: options.commit ?? 'test',
    status: options.crash ? 'failed' : 'ok',
    ...(options.crash ? { error: { kind: 'crash' as const, message: 'boom' } } : {}),
    replay: `npx execdrill sweep --policy ${policy} --seeds ${seed}`,
    traceHash: '',
    metrics: options.crash ? {} : metrics,
    invariants: [],
    timeline: { regimes: [], runbook: {} },
    eventsSimulated: 0,
  };
}
