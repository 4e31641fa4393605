/**
 * Faults of the FIX order-entry sessions (seed 002, seed 004; issue 18) and of the drop copy (seed 000).
 * The session faults are one vocabulary for the simulator and for `execdrill chaos-proxy`, which applies them
 * to a real session in real time. `direction` names where messages are going: `to-venue` (from the router,
 * the initiator) or `to-router` (from the venue, the acceptor); `side` names the engine that misbehaves.
 * `msgTypes` limits a fault to FIX MsgTypes (`8`, `D`, `0`...), `maxMessages` to a number of messages.
 */
import { z } from 'zod';
import { duration, positive, positiveInt, probability } from '../primitives.ts';
import { faultTiming, sessionId } from './common.ts';

const direction = z.enum(['to-venue', 'to-router', 'both']);
const side = z.enum(['venue', 'router']);
const msgTypes = z.array(z.string().regex(/^[0-9A-Za-z]{1,2}$/, { error: 'expected a FIX MsgType such as 8, D or AE' })).min(1);

export const sessionFaults = [
  z.strictObject({ kind: z.literal('session-disconnect'), ...faultTiming, session: sessionId, duration }),
  /**
   * The link drops messages without closing the connection: the receiver sees a sequence gap. Both ways and
   * every type unless `direction` and `msgTypes` say otherwise; at most `maxMessages` when given.
   */
  z.strictObject({
    kind: z.literal('session-message-loss'),
    ...faultTiming,
    session: sessionId,
    duration,
    lossProbability: probability,
    direction: direction.optional(),
    msgTypes: msgTypes.optional(),
    maxMessages: positiveInt.optional(),
  }),
  /** Every message in `direction` takes `extraLatency` more, plus up to `jitter` drawn per message; order is kept. */
  z.strictObject({ kind: z.literal('session-delay'), ...faultTiming, session: sessionId, duration, extraLatency: duration, jitter: duration.prefault('0ms'), direction: direction.default('both') }),
  /** Messages in `direction` arrive twice, the copy marked PossDupFlag=Y (with OrigSendingTime) or not. */
  z.strictObject({
    kind: z.literal('session-duplicate'),
    ...faultTiming,
    session: sessionId,
    duration,
    possDup: z.boolean(),
    duplicateProbability: probability.default(1),
    direction: direction.default('to-router'),
    msgTypes: msgTypes.optional(),
    maxMessages: positiveInt.optional(),
  }),
  /** A message in `direction` is held back and delivered just after the next one (each of up to `maxMessages`). */
  z.strictObject({ kind: z.literal('session-reorder'), ...faultTiming, session: sessionId, duration, direction: direction.default('to-router'), msgTypes: msgTypes.optional(), maxMessages: positiveInt.optional() }),
  /** `side`'s outgoing MsgSeqNum jumps ahead by `jump`, announced by a SequenceReset-Reset (the receiver's test 11a). */
  z.strictObject({ kind: z.literal('session-sequence-reset'), ...faultTiming, session: sessionId, side, jump: positiveInt }),
  /** For `duration`, `side` answers ResendRequests with SequenceReset-GapFill over business messages too: they are lost. */
  z.strictObject({ kind: z.literal('session-gapfill-business'), ...faultTiming, session: sessionId, side, duration }),
  /** A side's message store loses what it held: resends of that range can only be answered by GapFill. */
  z.strictObject({ kind: z.literal('session-store-loss'), ...faultTiming, session: sessionId, side }),
  /**
   * Slow replay: for `duration`, the side answering ResendRequests replays at `rateMsgsPerSec`, and what it
   * sends live meanwhile waits behind the replay (the receiver's gap stays open; seed 002's replay backlog).
   */
  z.strictObject({ kind: z.literal('session-slow-replay'), ...faultTiming, session: sessionId, side, rateMsgsPerSec: positive, duration }),
  /** Resend storm: for `duration`, the requesting `side` asks for its open gap again every `interval`. */
  z.strictObject({ kind: z.literal('session-resend-storm'), ...faultTiming, session: sessionId, side, interval: duration, duration }),
  z.strictObject({ kind: z.literal('drop-copy-lag'), ...faultTiming, duration, extraLatency: duration }),
  z.strictObject({ kind: z.literal('drop-copy-down'), ...faultTiming, duration }),
] as const;
