/** Faults of the gateways in front of the order-entry sessions: the failover pair (playbook 000), the pool (playbook 003) and the order server (playbook 004). */
import { z } from 'zod';
import { duration, positiveInt } from '../primitives.ts';
import { faultTiming } from './common.ts';

export const gatewayFaults = [
  z
    .strictObject({
      kind: z.literal('load-spike').describe("Other desks' flow through the pool jumps: the surge an autoscaler answers."),
      ...faultTiming,
      duration: duration.describe('How long the spike lasts.'),
      ratePerSec: z.number().positive().describe("Other desks' orders per second during the spike."),
    })
    .describe('A load spike on the gateway pool (playbook 003).'),
  z
    .strictObject({
      kind: z.literal('gateway-crash').describe('A pool node\'s process dies, losing what it held.'),
      ...faultTiming,
      node: z.string().min(1).optional().describe('The node (<gateway>-<n>, such as gw1-1); without it, the oldest serving node.'),
      restartAfter: duration.optional().describe('When the node boots again (cold); never, when left out.'),
    })
    .describe('A pool node crash (playbook 003).'),
  z
    .strictObject({
      kind: z.literal('gateway-cold-start').describe('Nodes join the pool cold (a deploy or a manual scale-out), whatever the autoscaler says.'),
      ...faultTiming,
      count: positiveInt.default(1).describe('How many nodes join.'),
    })
    .describe('Cold nodes joining the pool (playbook 003).'),
  z
    .strictObject({
      kind: z.literal('order-server-crash').describe('The order server\'s process dies (its log survives).'),
      ...faultTiming,
      restartAfter: duration.prefault('5s').describe('When it is restarted; it then reads its log (gateways.orderServer.startupPerRecord).'),
    })
    .describe('An order-server crash (playbook 004).'),
  z
    .strictObject({
      kind: z.literal('order-server-disk-loss').describe("The order server's drive fails: the process dies and its log and fill file are gone for good; a person calls the exchange (gateways.orderServer.phoneDelay) to cancel the gateway's orders."),
      ...faultTiming,
      restartAfter: duration.prefault('2m').describe('When a replacement server starts, from an empty drive.'),
    })
    .describe('An order-server disk loss (playbook 004).'),
  z
    .strictObject({
      kind: z.literal('gateway-failover').describe("The failover pair's primary dies; the controller detects it and promotes the backup."),
      ...faultTiming,
      failure: z
        .enum(['process-crash', 'host-loss'])
        .default('process-crash')
        .describe("process-crash: the host resets the primary's connections (the venue drops its session at once, the controller hears the reset); host-loss: silence, found by missed heartbeats, and the venue holds the connection until its own heartbeat timeout."),
      duration: duration
        .optional()
        .describe("How long the primary stays down: then its process restarts and it rejoins the pair as the standby, cold, taking no flow (the pair does not fail back). Down for the rest of the run when left out."),
    })
    .describe('A primary gateway failure in a failover pair (playbook 000).'),
] as const;
