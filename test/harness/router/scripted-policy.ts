/** A policy that trades normally in clips of `clipShares` and, at the times it is told, decides otherwise. */
import { normalDecision, type Decision, type Policy } from '../../../policies/index.ts';

export function scripted(decisions: (timeNs: number) => Partial<Decision>, clipShares = 60): Policy {
  return { name: 'scripted', version: '0', decide: (o) => ({ ...normalDecision('TEST', clipShares), ...decisions(o.timeNs) }) };
}
