/**
 * Flow allocation: how a pool splits child orders among its routable nodes. A policy chooses a
 * strategy by name (seed 003: "canary flow cap on new node", "gradually increase flow share ... not
 * instant equalization"); each strategy gives every candidate a relative weight and a cap on the
 * orders it may hold in flight. The pool picks among candidates under their caps in proportion to
 * weight.
 *
 * A candidate's clock is `routableForNs`: time since it became routable (trading-ready, or
 * platform-ready for a pool that routes on readiness probes), the "cluster membership duration" that
 * Envoy and HAProxy ramp on.
 *
 * Units: weights are relative (only ratios matter, >= 0); caps are orders (Infinity for none).
 */
import { invariant, type Ns } from '../../../sim/index.ts';

export interface AllocationCandidate {
  readonly id: string;
  readonly routableForNs: Ns;
  readonly inFlight: number;
}

export interface FlowAllocationStrategy {
  readonly name: string;
  /** Writes candidate i's weight into weights[i] and its in-flight cap into inFlightCaps[i]. */
  allocate(candidates: readonly AllocationCandidate[], weights: Float64Array, inFlightCaps: Float64Array): void;
}

/** Every routable node gets the same share at once: the seed's "instant equal-weight rebalancing". */
export class EqualWeights implements FlowAllocationStrategy {
  readonly name = 'equal';
  allocate(candidates: readonly AllocationCandidate[], weights: Float64Array, inFlightCaps: Float64Array): void {
    for (let i = 0; i < candidates.length; i++) {
      weights[i] = 1;
      inFlightCaps[i] = Number.POSITIVE_INFINITY;
    }
  }
}

/**
 * Shares a policy sets by node id (the warm-up-aware policy's step ramp, SAFE_CONTAIN's hard cap).
 * A node the policy has not named gets `unnamedWeight` (0: no flow until the policy says so).
 */
export class PolicyShares implements FlowAllocationStrategy {
  readonly name = 'policy-shares';
  private shares = new Map<string, number>();

  constructor(readonly unnamedWeight = 0) {}

  setShares(shares: Readonly<Record<string, number>>): void {
    this.shares = new Map(Object.entries(shares));
    for (const [id, share] of this.shares) {
      invariant(share >= 0 && Number.isFinite(share), () => `share for ${id} must be a finite number >= 0, got ${share}`);
    }
  }

  allocate(candidates: readonly AllocationCandidate[], weights: Float64Array, inFlightCaps: Float64Array): void {
    for (let i = 0; i < candidates.length; i++) {
      weights[i] = this.shares.get(candidates[i].id) ?? this.unnamedWeight;
      inFlightCaps[i] = Number.POSITIVE_INFINITY;
    }
  }
}
