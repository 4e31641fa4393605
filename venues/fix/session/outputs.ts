/**
 * What the session engine asks of its driver, as values: messages to send, application messages to deliver,
 * the transport to open or close, and the one timer to (re)arm. Events report what happened for metrics and
 * the episode timeline (seed 002's runbook: gap detected, resend requested, replay served, gap closed).
 */
import type { Ns } from '../../../sim/time.ts';
import type { AppBody, FixMessage } from '../codec/messages.ts';

export type SessionEvent =
  | { type: 'logged-on' }
  | { type: 'logged-out'; text: string | undefined }
  | { type: 'disconnected'; reason: string }
  | { type: 'gap-detected'; fromSeq: number; toSeq: number }
  | { type: 'resend-requested'; beginSeqNo: number; endSeqNo: number }
  | { type: 'gap-closed'; nextTargetSeqNum: number }
  | { type: 'resend-served'; beginSeqNo: number; endSeqNo: number; resent: number; gapFilled: number }
  /**
   * Application messages a ResendRequest covered that the store did not keep, so a GapFill went out instead
   * (each sequence number reported once). The sender cannot know more: a first transmission still on its way
   * (on the wire, or queued behind a paced replay) can reach the receiver in sequence before the GapFill and
   * be applied after all, so this over-reports loss rather than missing any.
   */
  | { type: 'messages-lost'; seqs: readonly number[] }
  | { type: 'possdup-ignored'; seq: number }
  /** This side jumped its outgoing numbers, announced by a SequenceReset-Reset to `newSeqNo`. */
  | { type: 'sequence-reset-sent'; newSeqNo: number }
  | { type: 'reject-sent'; refSeqNum: number; reason: number }
  | { type: 'reject-received'; refSeqNum: number };

export type SessionOutput =
  | { kind: 'send'; message: FixMessage }
  | { kind: 'deliver'; message: FixMessage<AppBody> }
  | { kind: 'connect' }
  | { kind: 'disconnect'; reason: string }
  /** Arm the session's timer for `atNs` (replacing any earlier one), or disarm it when undefined. */
  | { kind: 'timer'; atNs: Ns | undefined }
  | { kind: 'event'; event: SessionEvent };

/** Running counts, for metrics (GFR, PES) and tests. */
export interface SessionStats {
  logons: number;
  /** Logons for this session answered with a Logout because they were invalid (1B d). */
  logonsRefused: number;
  disconnects: number;
  gapsDetected: number;
  resendRequestsSent: number;
  /** ResendRequests answered (a storm shows as many answers for one gap). */
  resendRequestsServed: number;
  messagesResent: number;
  /** Longest outbound backlog (messages) behind a paced replay: the replay backlog this side built. */
  outboundBacklogMax: number;
  seqsGapFilled: number;
  possDupIgnored: number;
  /** Distinct application messages reported lost ('messages-lost'): an upper bound on what the receiver missed. */
  applicationMessagesLost: number;
  rejectsSent: number;
  rejectsReceived: number;
  garbledFrames: number;
}

export function emptyStats(): SessionStats {
  return {
    logons: 0,
    logonsRefused: 0,
    disconnects: 0,
    gapsDetected: 0,
    resendRequestsSent: 0,
    resendRequestsServed: 0,
    messagesResent: 0,
    outboundBacklogMax: 0,
    seqsGapFilled: 0,
    possDupIgnored: 0,
    applicationMessagesLost: 0,
    rejectsSent: 0,
    rejectsReceived: 0,
    garbledFrames: 0,
  };
}
