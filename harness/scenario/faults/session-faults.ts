/** Faults of the FIX order-entry sessions (seed 002, seed 004) and of the drop copy (seed 000). */
import { z } from 'zod';
import { duration, positive, probability } from '../primitives.ts';
import { faultTiming, sessionId } from './common.ts';

export const sessionFaults = [
  z.strictObject({ kind: z.literal('session-disconnect'), ...faultTiming, session: sessionId, duration }),
  /** The link drops messages (both ways) without closing the connection: the receiver sees a sequence gap. */
  z.strictObject({ kind: z.literal('session-message-loss'), ...faultTiming, session: sessionId, duration, lossProbability: probability }),
  /** A side's message store loses what it held: resends of that range can only be answered by GapFill. */
  z.strictObject({ kind: z.literal('session-store-loss'), ...faultTiming, session: sessionId, side: z.enum(['venue', 'router']) }),
  /**
   * Slow replay: for `duration`, the side answering ResendRequests replays at `rateMsgsPerSec`, and what it
   * sends live meanwhile waits behind the replay (the receiver's gap stays open; seed 002's replay backlog).
   */
  z.strictObject({ kind: z.literal('session-slow-replay'), ...faultTiming, session: sessionId, side: z.enum(['venue', 'router']), rateMsgsPerSec: positive, duration }),
  /** Resend storm: for `duration`, the requesting `side` asks for its open gap again every `interval`. */
  z.strictObject({ kind: z.literal('session-resend-storm'), ...faultTiming, session: sessionId, side: z.enum(['venue', 'router']), interval: duration, duration }),
  z.strictObject({ kind: z.literal('drop-copy-lag'), ...faultTiming, duration, extraLatency: duration }),
  z.strictObject({ kind: z.literal('drop-copy-down'), ...faultTiming, duration }),
] as const;
