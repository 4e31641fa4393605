/**
 * Importance sampling of fault occurrence (a scenario's `tailSampling: { occurrence: q }`): every fault
 * whose `probability` p lies strictly between 0 and 1 is drawn to occur with the proposal probability q
 * instead, by the same draw as ever (stream `fault.<index>.include`, the fault occurring when the draw
 * is below q), so the rare, costly branch of the scenario is seen in about q of the seeds rather than p.
 * Each seed then carries its likelihood ratio, the product over those faults of p/q where the fault
 * occurred and (1 - p)/(1 - q) where it did not; a comparison estimates the scenario's own (target)
 * distribution from the weighted seeds (sim/stats/weighted-tail.ts). Faults without a probability, or
 * with 0 or 1, are untouched: the target never draws a fault of probability 0, so no weight could bring
 * it back, and one of probability 1 has nothing to tilt.
 *
 * The weight depends on the seed and the scenario only, so every policy, worker and shard resolves the
 * same faults and the same weight: two policies on one seed stay paired. Fault times, and everything
 * else a seed draws, are as without the option.
 */
import type { FaultSpec, Scenario } from '../scenario/index.ts';

/** One tilted fault of an episode: its index in `faults`, its probability p, the proposal's q, and whether it occurred. */
export interface TiltedFault {
  index: number;
  p: number;
  q: number;
  occurred: boolean;
}

/** What an importance-sampled episode records: its likelihood ratio and the faults it is the product over. */
export interface ImportanceWeight {
  weight: number;
  faults: TiltedFault[];
}

const isTilted = (fault: FaultSpec) => fault.probability !== undefined && fault.probability > 0 && fault.probability < 1;

/** The likelihood ratio of one fault's outcome: target over proposal. */
export function occurrenceRatio(p: number, q: number, occurred: boolean): number {
  return occurred ? p / q : (1 - p) / (1 - q);
}

/** The faults as the seed draws them under the scenario's proposal: each tilted fault's probability replaced by q. */
export function proposalFaults(scenario: Pick<Scenario, 'faults' | 'tailSampling'>): readonly FaultSpec[] {
  const q = scenario.tailSampling?.occurrence;
  if (q === undefined) return scenario.faults;
  return scenario.faults.map((fault) => (isTilted(fault) ? { ...fault, probability: q } : fault));
}

/**
 * The seed's weight under the scenario's proposal, from the faults its incident run resolved (a tilted
 * fault occurred when it is among them), or undefined when the scenario does not sample its tail.
 */
export function importanceWeightOf(scenario: Pick<Scenario, 'faults' | 'tailSampling'>, resolved: ReadonlyArray<{ index: number }>): ImportanceWeight | undefined {
  const q = scenario.tailSampling?.occurrence;
  if (q === undefined) return undefined;
  const occurredIndices = new Set(resolved.map((fault) => fault.index));
  const faults = scenario.faults.flatMap((fault, index) => (isTilted(fault) ? [{ index, p: fault.probability as number, q, occurred: occurredIndices.has(index) }] : []));
  return { weight: faults.reduce((weight, f) => weight * occurrenceRatio(f.p, f.q, f.occurred), 1), faults };
}
