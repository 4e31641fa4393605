/**
 * Hands a policy's gateway weights to the gateway pool (seed 003: the warm-up-aware policy's canary
 * share, hard cap and step ramp are flow shares per node). Decision.gatewayWeights names gateways by
 * id; the entries that name pool nodes set the pool's allocation, the others stay with the router's
 * session picker. Without this split, node ids would read as unknown sessions and zero every session's
 * weight. The policy is otherwise untouched: same name, version, decisions.
 */
import type { Policy } from '../../policies/index.ts';
import type { GatewayPoolSide } from './gateway-pool-side.ts';

export function withPoolWeights(policy: Policy, pool: GatewayPoolSide | undefined): Policy {
  if (pool === undefined) return policy;
  return {
    name: policy.name,
    version: policy.version,
    decide(observation) {
      const decision = policy.decide(observation);
      if (decision.gatewayWeights === undefined) return decision;
      const nodeShares: Record<string, number> = {};
      const sessionWeights: Record<string, number> = {};
      let nodes = 0;
      let sessions = 0;
      for (const [id, weight] of Object.entries(decision.gatewayWeights)) {
        if (pool.ownsNode(id)) {
          nodeShares[id] = weight;
          nodes++;
        } else {
          sessionWeights[id] = weight;
          sessions++;
        }
      }
      if (nodes > 0) pool.setPolicyShares(nodeShares);
      return { ...decision, gatewayWeights: sessions > 0 ? sessionWeights : undefined };
    },
  };
}
