/**
 * A pool's allocation when a router policy may take it over (seed 003's warm-up-aware policy: canary
 * share, hard cap, step ramp): until the policy names shares, the pool's own strategy decides; once it
 * has, nodes get the policy's shares and a node it has not named gets nothing (it joined after the
 * policy last looked). If the policy's shares leave every routable node at zero (it named only nodes
 * that have since gone), the pool's own strategy decides again, so flow never stalls on stale shares.
 * Units: shares are relative weights (>= 0); caps are orders in flight.
 */
import type { AllocationCandidate, FlowAllocationStrategy } from './allocation-strategy.ts';
import { PolicyShares } from './allocation-strategy.ts';

export class PolicyOverride implements FlowAllocationStrategy {
  readonly name: string;
  private readonly shares = new PolicyShares(0);
  private overridden = false;

  constructor(readonly base: FlowAllocationStrategy) {
    this.name = `policy-override:${base.name}`;
  }

  /** The policy's shares by node id; from now on they decide. */
  setShares(shares: Readonly<Record<string, number>>): void {
    this.shares.setShares(shares);
    this.overridden = true;
  }

  allocate(candidates: readonly AllocationCandidate[], weights: Float64Array, inFlightCaps: Float64Array): void {
    if (this.overridden) {
      this.shares.allocate(candidates, weights, inFlightCaps);
      let total = 0;
      for (let i = 0; i < candidates.length; i++) total += weights[i];
      if (total > 0) return;
    }
    this.base.allocate(candidates, weights, inFlightCaps);
  }
}
