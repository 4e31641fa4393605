/**
 * Which episodes get a timeline: drawing every seed would bury the reader, so each policy in each
 * scenario gets its tail episode, the seed at its p95 of IS_FO_BPS: the one with the smallest IS_FO_BPS
 * at or above the column's p95 (type 7; with few seeds that is the worst). Ties go to the lower seed.
 */
import { quantile } from '../../../sim/index.ts';
import { metricValue } from '../../compare/index.ts';
import type { EpisodeRecord } from '../../episode/record.ts';

export function tailEpisode(records: readonly EpisodeRecord[]): EpisodeRecord | null {
  const candidates = records.filter((record) => record.trajectory !== undefined && metricValue(record, 'IS_FO_BPS') !== null);
  if (candidates.length === 0) return null;
  const cost = (record: EpisodeRecord) => metricValue(record, 'IS_FO_BPS') as number;
  const p95 = quantile(candidates.map(cost), 0.95);
  const atOrAbove = candidates.filter((record) => cost(record) >= p95);
  return atOrAbove.reduce((best, record) => (cost(record) < cost(best) || (cost(record) === cost(best) && record.seed < best.seed) ? record : best));
}
