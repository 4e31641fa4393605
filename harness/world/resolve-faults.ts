/**
 * Resolves a scenario's fault list for one seed (swarm testing, as in TigerBeetle's VOPR): a fault
 * with a `probability` is included or not by a draw from stream `fault.<index>.include`, and a time
 * given as `{ between: [a, b] }` is drawn uniformly from stream `fault.<index>.at`; under a stratified
 * design (fault-time-strata.ts) the draw is uniform within the seed's stratum of the window instead.
 * The draws depend only on the seed and the fault's position, so the same seed gives every policy the
 * same faults. The control run resolves to no faults at all.
 */
import type { Ns, RandomStreams } from '../../sim/index.ts';
import type { FaultSpec } from '../scenario/index.ts';
import type { FaultTimeStrata } from './fault-time-strata.ts';

export type ResolvedFault = FaultSpec & { atNs: Ns; index: number };

export function resolveFaults(faults: readonly FaultSpec[], streams: RandomStreams, strata?: FaultTimeStrata): ResolvedFault[] {
  const resolved: ResolvedFault[] = [];
  faults.forEach((fault, index) => {
    if (fault.probability !== undefined && streams.get(`fault.${index}.include`).next() >= fault.probability) return;
    if (typeof fault.at === 'number') {
      resolved.push({ ...fault, atNs: fault.at, index });
      return;
    }
    const [from, to] = fault.at.between;
    const u = streams.get(`fault.${index}.at`).next();
    const stratum = strata?.faults.find((f) => f.index === index)?.stratum;
    const share = strata === undefined || stratum === undefined ? u : (stratum + u) / strata.count;
    resolved.push({ ...fault, atNs: Math.round(from + share * (to - from)), index });
  });
  return resolved.sort((a, b) => a.atNs - b.atNs || a.index - b.index);
}
