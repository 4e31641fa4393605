/**
 * The strata a comparison resamples within (sim/stats/stratified-bootstrap.ts): under a scenario's
 * stratified fault times each record carries its seed's stratum (harness/world/fault-time-strata.ts),
 * and an interval over those records draws within strata, as the seeds were drawn. Records that do not
 * all carry one stratum of one design (an unstratified scenario, records older than strata, two
 * scenarios of different designs) are resampled whole: the i.i.d. bootstrap, as before.
 */
import type { EpisodeRecord } from '../episode/record.ts';

const designOf = (record: EpisodeRecord) => record.faultTimeStrata?.count;

/** Each record's stratum, in order, when all carry one under the same K; else undefined. */
export function strataOf(records: readonly EpisodeRecord[]): number[] | undefined {
  if (records.length === 0) return undefined;
  const count = designOf(records[0]);
  if (count === undefined || records.some((record) => designOf(record) !== count)) return undefined;
  return records.map((record) => (record.faultTimeStrata as NonNullable<EpisodeRecord['faultTimeStrata']>).stratum);
}

/**
 * The strata of pairs of records (a[i] and b[i] from one seed): a's, when b's agree pair by pair, so
 * the pair was drawn in that stratum on both sides; else undefined.
 */
export function pairedStrataOf(a: readonly EpisodeRecord[], b: readonly EpisodeRecord[]): number[] | undefined {
  const strata = strataOf(a);
  const other = strataOf(b);
  if (strata === undefined || other === undefined || designOf(a[0]) !== designOf(b[0])) return undefined;
  return strata.every((stratum, i) => stratum === other[i]) ? strata : undefined;
}
