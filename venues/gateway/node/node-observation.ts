/**
 * What the router can observe about one gateway node, and when it observed it (DESIGN.md principle 2:
 * everything a policy sees carries the time it was observed). Seed 003's scale-lifecycle and
 * transport features: node age, warm-up progress, recent decision-to-wire and ack latency quantiles,
 * errors; seed 003's separate platform-ready and trading-ready states.
 *
 * The record holds only what a node publishes about itself (health endpoint, runtime warm markers,
 * its own latency timers) and nothing of venue truth. Units: ns; progress and share in 0..1.
 */
import type { Ns } from '../../../sim/index.ts';
import type { LatencySummary } from './latency-window.ts';

/**
 * - `booting`: the process is starting; nothing listens, submissions are refused.
 * - `platform-ready`: the process is up and passes its readiness probe (the autoscaler counts it as
 *   capacity); it accepts orders but holds them, because its venue sessions are not logged on yet.
 * - `trading-ready`: its venue sessions are up; it serves.
 * - `draining`: scaled in; it serves what it holds and takes no new flow from the pool.
 * - `down`: crashed or stopped; what it held is lost.
 */
export type GatewayLifecycle = 'booting' | 'platform-ready' | 'trading-ready' | 'draining' | 'down';

export interface GatewayNodeObservation {
  gatewayId: string;
  /** When this record was taken. */
  observedAtNs: Ns;
  lifecycle: GatewayLifecycle;
  /** Time since the node started booting (its current incarnation). */
  ageNs: Ns;
  /** Time since it became trading-ready, or undefined when it is not. */
  tradingReadyForNs: Ns | undefined;
  /** The node's warm marker, 0..1 (see warmupProgress in warmup-curve.ts). */
  warmupProgress: number;
  /** Router decision to order on the wire, over the node's most recent orders. */
  decisionToWire: LatencySummary;
  /** Order on the wire to its ack back at the router, over the most recent acks. */
  wireToAck: LatencySummary;
  /** Submissions refused (not ready, down, queue full) since the incarnation started. */
  errorCount: number;
  /** Orders held by the node: queued (its own queue) plus in service. */
  queuedOrders: number;
  ordersServed: number;
}
