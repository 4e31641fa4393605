/**
 * Envoy slow start (VALIDATION.md W1): during its slow-start window a new endpoint's weight is scaled
 * by max(minWeightPercent, timeFactor^(1/aggression)), timeFactor = max(1 ms, t)/window.
 *
 * Source: Envoy's `EdfLoadBalancerBase::applySlowStartFactor` (source/common/upstream/
 * load_balancer_impl.cc): t is the time since the host passed its health check (older releases: since
 * it was created), truncated to whole milliseconds, floored at 1 ms; aggression 1 skips the power.
 * Envoy's docs write max(t, 1 s); the code uses 1 ms, and VALIDATION.md follows the code.
 * Defaults as in Envoy: aggression 1, minWeightPercent 10%. Base weights are equal (1).
 *
 * Parameters: `windowNs` (ns, > 0), `aggression` (unitless, > 0), `minWeightPercent` (percent, 0-100).
 */
import { NS_PER_MS, invariant, type Ns } from '../../../sim/index.ts';
import type { AllocationCandidate, FlowAllocationStrategy } from './allocation-strategy.ts';

/** The factor Envoy applies to an endpoint's weight `tNs` after it joined. */
export function envoySlowStartFactor(tNs: Ns, windowNs: Ns, aggression = 1, minWeightPercent = 10): number {
  const tMs = Math.floor(tNs / NS_PER_MS);
  const windowMs = windowNs / NS_PER_MS;
  if (tMs >= windowMs) return 1;
  const timeFactor = Math.max(1, tMs) / windowMs;
  const ramp = aggression === 1 ? timeFactor : Math.pow(timeFactor, 1 / aggression);
  return Math.max(minWeightPercent / 100, ramp);
}

export class EnvoySlowStart implements FlowAllocationStrategy {
  readonly name = 'envoy-slow-start';

  constructor(readonly windowNs: Ns, readonly aggression = 1, readonly minWeightPercent = 10) {
    invariant(windowNs > 0, () => `slow start windowNs must be > 0, got ${windowNs}`);
    invariant(aggression > 0, () => `slow start aggression must be > 0, got ${aggression}`);
    invariant(minWeightPercent >= 0 && minWeightPercent <= 100, () => `minWeightPercent must be in [0, 100], got ${minWeightPercent}`);
  }

  allocate(candidates: readonly AllocationCandidate[], weights: Float64Array, inFlightCaps: Float64Array): void {
    for (let i = 0; i < candidates.length; i++) {
      weights[i] = envoySlowStartFactor(candidates[i].routableForNs, this.windowNs, this.aggression, this.minWeightPercent);
      inFlightCaps[i] = Number.POSITIVE_INFINITY;
    }
  }
}
