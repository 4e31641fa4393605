/**
 * The fault catalogue: every incident a scenario can inject, as a typed value with its time. A fault
 * may carry a `probability`, in which case each seed decides (stream `fault.<index>.include`) whether
 * it happens: a swarm of seeds then covers a mix of fault combinations. The control run of an episode
 * is the same scenario, policy and seed with every fault removed.
 */
import { z } from 'zod';
import { duration, positiveInt, probability, timeSpec } from './primitives.ts';

const common = { at: timeSpec, probability: probability.optional() };
const sessionId = z.string().min(1);

export const fault = z.discriminatedUnion('kind', [
  // Venue sequencer (seed 001).
  z.strictObject({ kind: z.literal('sequencer-stall'), ...common, duration }),
  z.strictObject({ kind: z.literal('sequencer-crash'), ...common, detectionDelay: duration, promotion: duration.prefault('100ms') }),
  z.strictObject({
    kind: z.literal('sequencer-lagging-backup'),
    ...common,
    detectionDelay: duration,
    promotion: duration.prefault('100ms'),
    lagMessages: positiveInt,
    /** What becomes of the backup's missing entries: lost (truth rewinds) or re-derived from the input log. */
    missingEntries: z.enum(['lost', 'rederived']),
  }),
  z.strictObject({ kind: z.literal('sequencer-graceful-failover'), ...common, handover: duration.prefault('50ms') }),
  // Market-data feed.
  z.strictObject({ kind: z.literal('feed-loss'), ...common, duration, lossProbability: probability }),
  // FIX order-entry sessions (seed 002, seed 004).
  z.strictObject({ kind: z.literal('session-disconnect'), ...common, session: sessionId, duration }),
  /** The link drops messages (both ways) without closing the connection: the receiver sees a sequence gap. */
  z.strictObject({ kind: z.literal('session-message-loss'), ...common, session: sessionId, duration, lossProbability: probability }),
  /** A side's message store loses what it held: resends of that range can only be answered by GapFill. */
  z.strictObject({ kind: z.literal('session-store-loss'), ...common, session: sessionId, side: z.enum(['venue', 'router']) }),
  // Drop copy (seed 000).
  z.strictObject({ kind: z.literal('drop-copy-lag'), ...common, duration, extraLatency: duration }),
  z.strictObject({ kind: z.literal('drop-copy-down'), ...common, duration }),
]);

export type FaultSpec = z.output<typeof fault>;
export type FaultKind = FaultSpec['kind'];
export const FAULT_KINDS: readonly FaultKind[] = fault.options.map((option) => option.shape.kind.value);
