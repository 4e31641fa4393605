/**
 * The gateways as a policy sees them: the gateway's own observation records mapped onto the policy's
 * types (policies/observation.ts): a node's `GatewayNodeObservation` onto `GatewayNodeView`, and a
 * failover pair's `FailoverSessionView` onto `SessionView`. It lives in harness/ because venues/ may
 * not import the policy types. Pure functions and one port adapter; nothing of venue truth passes.
 *
 * Choices (seed 003's transport features):
 * - Latency quantiles are decision-to-wire (the node's queue and warm-up multiplied service: what a
 *   cold node inflates), not wire-to-ack, which is mostly the venue's and the return path's time.
 * - A `draining` node takes no new flow and leaves the pool once it has served what it holds; the
 *   policy sees it as draining, so it can tell "leaving" from "dead".
 * - The flow share is the pool's routing share at the same instant (0 for a node it does not route to).
 */
import type { Ns } from '../../sim/index.ts';
import type { GatewayLifecycle, GatewayNodeView, SessionView } from '../../policies/index.ts';
import type { FailoverSessionView, GatewayNodeObservation, GatewayLifecycle as NodeLifecycle, GatewayPoolObservation } from '../../venues/gateway/index.ts';
import type { GatewayPort } from '../router/ports.ts';

const POLICY_LIFECYCLE: Record<NodeLifecycle, GatewayLifecycle> = {
  booting: 'booting',
  'platform-ready': 'platform-ready',
  'trading-ready': 'trading-ready',
  draining: 'draining',
  down: 'down',
};

export function gatewayNodeView(node: GatewayNodeObservation, flowShare: number): GatewayNodeView {
  return {
    gatewayId: node.gatewayId,
    lifecycle: POLICY_LIFECYCLE[node.lifecycle],
    ageNs: node.ageNs,
    warmupProgress: node.warmupProgress,
    latencyP50Ns: node.decisionToWire.p50Ns,
    latencyP99Ns: node.decisionToWire.p99Ns,
    errorCount: node.errorCount,
    flowShare,
  };
}

export function gatewayNodeViews(pool: GatewayPoolObservation): GatewayNodeView[] {
  return pool.nodes.map((node) => gatewayNodeView(node, node.flowShare));
}

/** The router's gateway port over anything that publishes a pool observation (a `GatewayPool`). */
export class PoolGatewayPort implements GatewayPort {
  constructor(private readonly pool: { observe(): GatewayPoolObservation }) {}

  views(_nowNs: Ns): GatewayNodeView[] {
    return gatewayNodeViews(this.pool.observe());
  }
}

/**
 * A failover pair's venue session as one router session (seed 000's sequence signals). The backlog
 * still owed before the router's state is authoritative (RWH) is counted in orders: those uncertain
 * since the failure. While the backup is logging on the session reads `connecting`.
 */
export function failoverSessionView(view: FailoverSessionView): SessionView {
  return {
    sessionId: view.pairId,
    gatewayId: view.activeNodeId,
    state: view.loggedOn ? 'logged-on' : view.phase === 'backup-logging-on' ? 'connecting' : 'disconnected',
    gapOpen: view.gapOpen,
    resendInProgress: view.gapOpen,
    replayBacklogMsgs: view.uncertainOrders,
    possDupCount: view.possDupReceived,
    gapFillCount: view.seqsGapFilled,
    disconnectCount: view.disconnects,
    lastDisconnectAtNs: view.lastDisconnectAtNs,
    lastLogonAtNs: view.lastLogonAtNs,
    lastReceivedAtNs: view.lastReceivedAtNs,
  };
}
