/**
 * Resolves a scenario's fault list for one seed (swarm testing, as in TigerBeetle's VOPR): a fault
 * with a `probability` is included or not by a draw from stream `fault.<index>.include`, and a time
 * given as `{ between: [a, b] }` is drawn uniformly from stream `fault.<index>.at`. The draws depend
 * only on the seed and the fault's position, so the same seed gives every policy the same faults.
 * The control run resolves to no faults at all.
 */
import type { Ns, RandomStreams } from '../../sim/index.ts';
import type { FaultSpec } from '../scenario/index.ts';

export type ResolvedFault = FaultSpec & { atNs: Ns; index: number };

export function resolveFaults(faults: readonly FaultSpec[], streams: RandomStreams): ResolvedFault[] {
  const resolved: ResolvedFault[] = [];
  faults.forEach((fault, index) => {
    if (fault.probability !== undefined && streams.get(`fault.${index}.include`).next() >= fault.probability) return;
    const atNs =
      typeof fault.at === 'number'
        ? fault.at
        : Math.round(fault.at.between[0] + streams.get(`fault.${index}.at`).next() * (fault.at.between[1] - fault.at.between[0]));
    resolved.push({ ...fault, atNs, index });
  });
  return resolved.sort((a, b) => a.atNs - b.atNs || a.index - b.index);
}
