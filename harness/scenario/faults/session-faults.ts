/** Faults of the FIX order-entry sessions (seed 002, seed 004) and of the drop copy (seed 000). */
import { z } from 'zod';
import { duration, positive, probability } from '../primitives.ts';
import { faultTiming, sessionId } from './common.ts';

const side = z.enum(['venue', 'router']);

export const sessionFaults = [
  z
    .strictObject({
      kind: z.literal('session-disconnect').describe('The session\'s connection drops; the router reconnects with its backoff and resynchronises.'),
      ...faultTiming,
      session: sessionId,
      duration: duration.describe('How long the connection cannot be re-established.'),
    })
    .describe('A FIX session disconnect (seed 002).'),
  z
    .strictObject({
      kind: z.literal('session-message-loss').describe('The link drops messages (both ways) without closing the connection: the receiver sees a sequence gap.'),
      ...faultTiming,
      session: sessionId,
      duration: duration.describe('How long messages are lost.'),
      lossProbability: probability.describe('The chance that each message is lost, 0..1.'),
    })
    .describe('FIX message loss on an open connection (seed 002).'),
  z
    .strictObject({
      kind: z.literal('session-store-loss').describe('A side\'s message store loses what it held: resends of that range can only be answered by GapFill.'),
      ...faultTiming,
      session: sessionId,
      side: side.describe('Whose store is lost: the venue\'s or the router\'s.'),
    })
    .describe('Loss of a FIX message store (seed 002).'),
  z
    .strictObject({
      kind: z.literal('session-slow-replay').describe('The side answering ResendRequests replays slowly, and what it sends live waits behind the replay (seed 002\'s replay backlog).'),
      ...faultTiming,
      session: sessionId,
      side: side.describe('Which side replays slowly.'),
      rateMsgsPerSec: positive.describe('The replay rate, messages per second.'),
      duration: duration.describe('How long replays are slow.'),
    })
    .describe('A slow FIX replay (seed 002).'),
  z
    .strictObject({
      kind: z.literal('session-resend-storm').describe('The requesting side asks for its open gap again and again.'),
      ...faultTiming,
      session: sessionId,
      side: side.describe('Which side repeats its ResendRequests.'),
      interval: duration.describe('Time between two repeated ResendRequests.'),
      duration: duration.describe('How long the storm lasts.'),
    })
    .describe('A FIX resend storm (seed 002).'),
  z
    .strictObject({
      kind: z.literal('drop-copy-lag').describe('The drop copy falls behind.'),
      ...faultTiming,
      duration: duration.describe('How long the drop copy lags.'),
      extraLatency: duration.describe('Latency added to every drop-copy report meanwhile.'),
    })
    .describe('A lagging drop copy (seed 000).'),
  z
    .strictObject({
      kind: z.literal('drop-copy-down').describe('The drop copy sends nothing; after it, what was missed is resent or lost (dropCopy.afterOutage).'),
      ...faultTiming,
      duration: duration.describe('How long the drop copy is down.'),
    })
    .describe('A drop-copy outage (seed 000).'),
] as const;
