/** Faults of the gateway pool in front of the order-entry sessions (seed 003). */
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
] as const;
