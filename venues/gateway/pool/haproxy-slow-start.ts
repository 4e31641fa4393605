/**
 * HAProxy slowstart (VALIDATION.md W3): while a server is starting, its connection limit ramps as
 * max(1, maxconn·⌊100·t/ss⌋/100).
 *
 * Source: HAProxy's `srv_dynamic_maxconn` (src/queue.c), in integer arithmetic on whole seconds:
 * ratio = 100·(now_s - last_change_s)/slowstart_s, limit = MAX(1, max·ratio/100), both divisions
 * truncating; at t >= ss the limit is maxconn. `slowstart` is configured in ms and kept in whole
 * seconds rounded up. Here t is the time since the node became routable, truncated to seconds.
 * Weights stay equal: HAProxy also ramps the weight of dynamic algorithms, which this strategy leaves
 * out (Envoy's strategy covers a weight ramp).
 *
 * Parameters: `slowStartNs` (ns, > 0), `maxconn` (orders in flight per node, integer >= 1).
 */
import { NS_PER_S, invariant, type Ns } from '../../../sim/index.ts';
import type { AllocationCandidate, FlowAllocationStrategy } from './allocation-strategy.ts';

/** HAProxy's connection limit for a server `tNs` after it started. */
export function haproxySlowStartMaxconn(tNs: Ns, slowStartNs: Ns, maxconn: number): number {
  const slowStartS = Math.ceil(slowStartNs / NS_PER_S);
  const tS = Math.floor(tNs / NS_PER_S);
  if (tS >= slowStartS) return maxconn;
  const ratio = Math.floor((100 * tS) / slowStartS);
  return Math.max(1, Math.floor((maxconn * ratio) / 100));
}

export class HaproxySlowStart implements FlowAllocationStrategy {
  readonly name = 'haproxy-slow-start';

  constructor(readonly slowStartNs: Ns, readonly maxconn: number) {
    invariant(slowStartNs > 0, () => `slowstart must be > 0, got ${slowStartNs}`);
    invariant(Number.isInteger(maxconn) && maxconn >= 1, () => `maxconn must be an integer >= 1, got ${maxconn}`);
  }

  allocate(candidates: readonly AllocationCandidate[], weights: Float64Array, inFlightCaps: Float64Array): void {
    for (let i = 0; i < candidates.length; i++) {
      weights[i] = 1;
      inFlightCaps[i] = haproxySlowStartMaxconn(candidates[i].routableForNs, this.slowStartNs, this.maxconn);
    }
  }
}
