/**
 * Faults of the FIX order-entry sessions (playbooks 002 and 004) and of the drop copy (playbook 000).
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

const towards = (fallback: string) => direction.describe(`Where the messages are going: to-venue (from the router), to-router (from the venue) or both; ${fallback}.`);
const onlyTypes = msgTypes.describe('Only messages of these FIX MsgTypes (8, D, 0...); every type when absent.');
const atMost = positiveInt.describe('At most this many messages are affected; no limit when absent.');

export const sessionFaults = [
  z
    .strictObject({
      kind: z.literal('session-disconnect').describe("The session's connection drops; the router reconnects with its backoff and resynchronises."),
      ...faultTiming,
      session: sessionId,
      duration: duration.describe('How long the connection cannot be re-established.'),
    })
    .describe('A FIX session disconnect (playbook 002).'),
  z
    .strictObject({
      kind: z.literal('session-message-loss').describe('The link drops messages without closing the connection: the receiver sees a sequence gap.'),
      ...faultTiming,
      session: sessionId,
      duration: duration.describe('How long messages are lost.'),
      lossProbability: probability.describe('The chance that each message is lost, 0..1.'),
      direction: towards('both when absent').optional(),
      msgTypes: onlyTypes.optional(),
      maxMessages: atMost.optional(),
    })
    .describe('FIX message loss on an open connection (playbook 002).'),
  z
    .strictObject({
      kind: z.literal('session-delay').describe('Every message in the direction takes longer; their order is kept.'),
      ...faultTiming,
      session: sessionId,
      duration: duration.describe('How long messages are delayed.'),
      extraLatency: duration.describe('Latency added to every message.'),
      jitter: duration.prefault('0ms').describe('Up to this much more, drawn per message.'),
      direction: towards('both by default').default('both'),
    })
    .describe('Extra latency and jitter on a FIX session.'),
  z
    .strictObject({
      kind: z.literal('session-duplicate').describe('Messages in the direction arrive twice.'),
      ...faultTiming,
      session: sessionId,
      duration: duration.describe('How long messages are duplicated.'),
      possDup: z.boolean().describe('Whether the copy is marked PossDupFlag=Y (with OrigSendingTime).'),
      duplicateProbability: probability.default(1).describe('The chance that each message is duplicated, 0..1.'),
      direction: towards('to-router by default').default('to-router'),
      msgTypes: onlyTypes.optional(),
      maxMessages: atMost.optional(),
    })
    .describe('Duplicated FIX messages, with or without PossDupFlag.'),
  z
    .strictObject({
      kind: z.literal('session-reorder').describe('A message in the direction is held back and delivered just after the next one.'),
      ...faultTiming,
      session: sessionId,
      duration: duration.describe('How long messages are reordered.'),
      direction: towards('to-router by default').default('to-router'),
      msgTypes: onlyTypes.optional(),
      maxMessages: atMost.optional(),
    })
    .describe('Reordered FIX messages.'),
  z
    .strictObject({
      kind: z.literal('session-sequence-reset').describe("The side's outgoing MsgSeqNum jumps ahead, announced by a SequenceReset-Reset."),
      ...faultTiming,
      session: sessionId,
      side: side.describe('Whose numbers jump: the venue\'s or the router\'s.'),
      jump: positiveInt.describe('How far the numbers jump.'),
    })
    .describe('A FIX SequenceReset-Reset (the receiver\'s test 11a).'),
  z
    .strictObject({
      kind: z.literal('session-gapfill-business').describe('The side answers ResendRequests with SequenceReset-GapFill over business messages too: they are lost.'),
      ...faultTiming,
      session: sessionId,
      side: side.describe('Which side gap-fills business messages.'),
      duration: duration.describe('How long it does.'),
    })
    .describe('Business messages gap-filled in a FIX replay.'),
  z
    .strictObject({
      kind: z.literal('session-store-loss').describe("A side's message store loses what it held: resends of that range can only be answered by GapFill."),
      ...faultTiming,
      session: sessionId,
      side: side.describe("Whose store is lost: the venue's or the router's."),
    })
    .describe('Loss of a FIX message store (playbook 002).'),
  z
    .strictObject({
      kind: z.literal('session-slow-replay').describe("The side answering ResendRequests replays slowly, and what it sends live waits behind the replay (playbook 002's replay backlog)."),
      ...faultTiming,
      session: sessionId,
      side: side.describe('Which side replays slowly.'),
      rateMsgsPerSec: positive.describe('The replay rate, messages per second.'),
      duration: duration.describe('How long replays are slow.'),
    })
    .describe('A slow FIX replay (playbook 002).'),
  z
    .strictObject({
      kind: z.literal('session-resend-storm').describe('The requesting side asks for its open gap again and again.'),
      ...faultTiming,
      session: sessionId,
      side: side.describe('Which side repeats its ResendRequests.'),
      interval: duration.describe('Time between two repeated ResendRequests.'),
      duration: duration.describe('How long the storm lasts.'),
    })
    .describe('A FIX resend storm (playbook 002).'),
  z
    .strictObject({
      kind: z.literal('drop-copy-lag').describe('The drop copy falls behind.'),
      ...faultTiming,
      duration: duration.describe('How long the drop copy lags.'),
      extraLatency: duration.describe('Latency added to every drop-copy report meanwhile.'),
    })
    .describe('A lagging drop copy (playbook 000).'),
  z
    .strictObject({
      kind: z.literal('drop-copy-down').describe('The drop copy sends nothing; after it, what was missed is resent or lost (dropCopy.afterOutage).'),
      ...faultTiming,
      duration: duration.describe('How long the drop copy is down.'),
    })
    .describe('A drop-copy outage (playbook 000).'),
] as const;
