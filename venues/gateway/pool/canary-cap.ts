/**
 * Canary cap (seed 003, SCALE_OUT_BOOT: "keep canary flow cap on new node (e.g., 1-5%)"): a node
 * routable for less than `canaryForNs` gets at most `canaryShare` of the flow; the settled nodes
 * split the rest equally. A canary never gets more than an equal share (so many canaries at once do
 * not take more than their number's worth), and when every node is a canary they share equally.
 *
 * Shares: with k canaries and m settled nodes, each canary gets s = min(canaryShare, 1/(k + m)) and
 * each settled node (1 - k·s)/m.
 *
 * Parameters: `canaryShare` (fraction of flow, in (0, 1); the seed's range is 0.01-0.05),
 * `canaryForNs` (ns a node stays a canary after it became routable).
 */
import { invariant, type Ns } from '../../../sim/index.ts';
import type { AllocationCandidate, FlowAllocationStrategy } from './allocation-strategy.ts';

export class CanaryCap implements FlowAllocationStrategy {
  readonly name = 'canary-cap';

  constructor(readonly canaryShare: number, readonly canaryForNs: Ns) {
    invariant(canaryShare > 0 && canaryShare < 1, () => `canaryShare must be in (0, 1), got ${canaryShare}`);
    invariant(canaryForNs >= 0, () => `canaryForNs must be >= 0, got ${canaryForNs}`);
  }

  allocate(candidates: readonly AllocationCandidate[], weights: Float64Array, inFlightCaps: Float64Array): void {
    let canaries = 0;
    for (let i = 0; i < candidates.length; i++) if (candidates[i].routableForNs < this.canaryForNs) canaries++;
    const settled = candidates.length - canaries;
    const canaryWeight = settled === 0 ? 1 : Math.min(this.canaryShare, 1 / candidates.length);
    const settledWeight = settled === 0 ? 0 : (1 - canaries * canaryWeight) / settled;
    for (let i = 0; i < candidates.length; i++) {
      weights[i] = candidates[i].routableForNs < this.canaryForNs ? canaryWeight : settledWeight;
      inFlightCaps[i] = Number.POSITIVE_INFINITY;
    }
  }
}
