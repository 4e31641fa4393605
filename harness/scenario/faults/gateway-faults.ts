/** Faults of the gateways in front of the order-entry sessions: the failover pair (seed 000), the pool (seed 003) and the order server (seed 004). */
import { z } from 'zod';
import { duration, positiveInt } from '../primitives.ts';
import { faultTiming } from './common.ts';

export const gatewayFaults = [
  /** Other desks' flow through the pool jumps to `ratePerSec` for the duration: the surge an autoscaler answers. */
  z.strictObject({ kind: z.literal('load-spike'), ...faultTiming, duration, ratePerSec: z.number().positive() }),
  /**
   * A pool node's process dies, losing what it held; it boots again (cold) after `restartAfter`, if given.
   * `node` is its id (`<gateway>-<n>`); without it, the oldest serving node.
   */
  z.strictObject({ kind: z.literal('gateway-crash'), ...faultTiming, node: z.string().min(1).optional(), restartAfter: duration.optional() }),
  /** `count` nodes join the pool cold (a deploy or a manual scale-out), whatever the autoscaler says. */
  z.strictObject({ kind: z.literal('gateway-cold-start'), ...faultTiming, count: positiveInt.default(1) }),
  /** The order server's process dies (its log survives); it is restarted `restartAfter` later and reads its log. */
  z.strictObject({ kind: z.literal('order-server-crash'), ...faultTiming, restartAfter: duration.prefault('5s') }),
  /**
   * The order server's drive fails: the process dies and its log and fill file are gone for good. A
   * person calls the exchange (after `gateways.orderServer.phoneDelay`) to cancel the gateway's working
   * orders; a replacement server starts from an empty drive `restartAfter` later.
   */
  z.strictObject({ kind: z.literal('order-server-disk-loss'), ...faultTiming, restartAfter: duration.prefault('2m') }),
  /**
   * The failover pair's primary dies (seed 000). `process-crash`: its host resets its connections (the
   * venue drops its session at once, the controller hears the reset); `host-loss`: silence, found by
   * missed heartbeats, and the venue holds the primary's connection until its own heartbeat timeout.
   */
  z.strictObject({ kind: z.literal('gateway-failover'), ...faultTiming, failure: z.enum(['process-crash', 'host-loss']).default('process-crash') }),
] as const;
