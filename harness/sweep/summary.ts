/**
 * What a finished sweep directory holds, for the sweep and merge commands' closing report: how many
 * episodes, which failed (with the command that replays each) and which violated an invariant.
 */
import type { EpisodeRecord } from '../episode/record.ts';

export interface FailedEpisode {
  scenarioFile: string;
  policy: string;
  params: Record<string, number>;
  seed: number;
  kind: string;
  message: string;
  replay: string;
}

export interface SweepSummary {
  episodes: number;
  failed: FailedEpisode[];
  invariantViolations: FailedEpisode[];
}

function failedEpisode(record: EpisodeRecord, kind: string, message: string): FailedEpisode {
  return {
    scenarioFile: record.scenarioFile,
    policy: record.policy.name,
    params: record.policy.params,
    seed: record.seed,
    kind,
    message,
    replay: record.replay,
  };
}

export function summariseRecords(records: readonly EpisodeRecord[]): SweepSummary {
  const summary: SweepSummary = { episodes: records.length, failed: [], invariantViolations: [] };
  for (const record of records) {
    const broken = record.invariants.filter((result) => !result.ok);
    if (broken.length > 0 || record.error?.kind === 'invariant') {
      const message = broken.map((result) => `${result.name}${result.detail ? `: ${result.detail}` : ''}`).join('; ');
      summary.invariantViolations.push(failedEpisode(record, 'invariant', message || (record.error?.message ?? '')));
    } else if (record.status === 'failed') {
      summary.failed.push(failedEpisode(record, record.error?.kind ?? 'crash', record.error?.message ?? ''));
    }
  }
  return summary;
}
