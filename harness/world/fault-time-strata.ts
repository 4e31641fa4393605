/**
 * Stratified fault times (a scenario's `faultTimeStrata: K`): a Latin-hypercube design over the times of
 * the faults drawn from a window (`at: { between: [a, b] }`). Seeds go in consecutive blocks of K (1..K,
 * K+1..2K, ...); within a block a seeded permutation gives each seed a distinct stratum j of each such
 * fault, and the fault's time is a + (j + u)/K x (b - a), u being the seed's own uniform draw (stream
 * `fault.<index>.at`, as unstratified). Every block of K seeds thus puts that fault once in every K-th of
 * its window. Each fault has its own permutation (stream `fault.<index>.stratum` of the block's
 * streams), so two faults' strata are not locked together. A seed's strata depend on the seed and K
 * only: every policy, worker and shard resolves the same ones.
 *
 * The comparison resamples by the first random-time fault's stratum (harness/compare/strata.ts): with
 * several random-time faults it ignores the balance of the others, which can only widen an interval.
 */
import { RandomStreams } from '../../sim/index.ts';
import type { FaultSpec, Scenario } from '../scenario/index.ts';

/** Where a seed sits in its block: the block's number and the seed's place in it, 0..K-1. */
function blockOf(seed: number, strata: number): { block: number; position: number } {
  const block = Math.floor((seed - 1) / strata);
  return { block, position: seed - 1 - block * strata };
}

/** The stratum, 0..K-1, of fault `index`'s time for `seed` (a Fisher-Yates permutation of the block's strata). */
export function faultTimeStratum(strata: number, seed: number, index: number): number {
  const { block, position } = blockOf(seed, strata);
  const rng = new RandomStreams(`fault-time-strata/${strata}/${block}`).get(`fault.${index}.stratum`);
  const permutation = Array.from({ length: strata }, (_, j) => j);
  for (let i = strata - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [permutation[i], permutation[j]] = [permutation[j], permutation[i]];
  }
  return permutation[position];
}

const hasRandomTime = (fault: FaultSpec) => typeof fault.at !== 'number';

/** What a stratified episode records: K, the stratum its intervals resample by, and each random-time fault's stratum. */
export interface FaultTimeStrata {
  count: number;
  /** The first random-time fault's stratum: the one the comparison resamples within. */
  stratum: number;
  faults: { index: number; stratum: number }[];
}

/** The seed's strata under the scenario's design, or undefined when its fault times are not stratified (K absent or 1). */
export function faultTimeStrataOf(scenario: Pick<Scenario, 'faults' | 'faultTimeStrata'>, seed: number): FaultTimeStrata | undefined {
  const count = scenario.faultTimeStrata ?? 1;
  if (count === 1) return undefined;
  const faults = scenario.faults.flatMap((fault, index) => (hasRandomTime(fault) ? [{ index, stratum: faultTimeStratum(count, seed, index) }] : []));
  if (faults.length === 0) return undefined;
  return { count, stratum: faults[0].stratum, faults };
}
