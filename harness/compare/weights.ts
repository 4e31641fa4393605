/**
 * The importance weights a comparison estimates with (sim/stats/weighted-tail.ts): under a scenario's
 * tail sampling each record carries its seed's likelihood ratio (harness/world/tail-sampling.ts), and a
 * tail figure or interval over those records weighs each seed by it, so it estimates the scenario's own
 * distribution rather than the proposal's. Records without weights are estimated as ever.
 *
 * Mixing is an error, not a guess: weighted and unweighted records of one scenario were drawn from
 * different distributions of fault occurrence, and no one weight makes them one sample (an unweighted
 * record is not a weight-1 record of the proposal). Their scenario hashes differ, so this arises only
 * from records put together by hand; the message says which.
 */
import type { EpisodeRecord } from '../episode/record.ts';
import { UsageError } from '../errors.ts';

const weightOf = (record: EpisodeRecord) => record.importanceWeight?.weight;

/** Each record's weight, in order, when all carry one; undefined when none does; a UsageError when only some do. */
export function weightsOf(records: readonly EpisodeRecord[]): number[] | undefined {
  const weighted = records.filter((record) => weightOf(record) !== undefined).length;
  if (weighted === 0) return undefined;
  if (weighted < records.length) {
    const scenario = records[0].scenario;
    throw new UsageError(
      `${scenario}: ${weighted} of ${records.length} records carry importance weights (tailSampling) and ${records.length - weighted} do not: they sample fault occurrence from different distributions and cannot be estimated as one; compare the weighted and unweighted sweeps separately`,
    );
  }
  return records.map((record) => weightOf(record) as number);
}

/**
 * The weights of pairs of records (a[i] and b[i] from one seed): one per pair, since the fault draw is
 * the seed's. Pairs whose sides disagree (records of two tail-sampling designs) are a UsageError.
 */
export function pairedWeightsOf(a: readonly EpisodeRecord[], b: readonly EpisodeRecord[]): number[] | undefined {
  const weightsA = weightsOf(a);
  const weightsB = weightsOf(b);
  if (weightsA === undefined && weightsB === undefined) return undefined;
  if (weightsA === undefined || weightsB === undefined || weightsA.some((weight, i) => weight !== weightsB[i])) {
    const at = weightsA === undefined || weightsB === undefined ? 0 : weightsA.findIndex((weight, i) => weight !== weightsB[i]);
    throw new UsageError(`${a[0].scenario}: seed ${a[at].seed} has importance weight ${weightsA?.[at] ?? 'none'} in one column and ${weightsB?.[at] ?? 'none'} in the other: paired records must come from one tail-sampling design`);
  }
  return weightsA;
}

/** Kish's effective sample size, (Σw)² / Σw²: how many unweighted seeds the weighted ones are worth for a mean. */
export function effectiveSeeds(weights: readonly number[]): number {
  let sum = 0;
  let squares = 0;
  for (const weight of weights) {
    sum += weight;
    squares += weight * weight;
  }
  return (sum * sum) / squares;
}
