/**
 * One FIX session's history as its own log shows it (quickfix-log.ts): which engine wrote the log ("us")
 * and in which role, each message in or out, the gaps we detected on what came in (the reference receiver
 * of the chaos proxy, reference-receiver.ts, fed the log), with the ResendRequest we sent, the replay that
 * answered it and the original SendingTime of each message we had missed (its OrigSendingTime when it was
 * resent), the ResendRequests the peer sent us, and the connections (from the event log when given, else
 * from the Logons). Every derived fact keeps the log lines it rests on.
 * Units: UTC ms since the epoch.
 */
import { parseUtcTimestampMs } from '../../venues/fix/codec/index.ts';
import { UsageError } from '../errors.ts';
import { gapFilledIn, ReferenceReceiver } from '../chaos/reference-receiver.ts';
import type { Direction } from '../chaos/proxy-faults.ts';
import { seenFrame, type SeenFrame } from '../chaos/session-observer.ts';
import type { LogEvent, LogMessage } from './quickfix-log.ts';

export interface HistoryFrame {
  message: LogMessage;
  direction: 'in' | 'out';
  seen: SeenFrame;
}

export interface ImportedGap {
  first: number;
  last: number;
  detectedAtMs: number;
  detectedLine: number;
  closedAtMs: number | undefined;
  closedLine: number | undefined;
  request: { beginSeqNo: number; endSeqNo: number; atMs: number; line: number } | undefined;
  replay: HistoryFrame[];
  resent: number;
  gapFilled: number;
  /** OrigSendingTime (or SendingTime) of the first and last missing message that came back resent. */
  missingSentFromMs: number | undefined;
  missingSentToMs: number | undefined;
  missingTypes: string[];
}

export interface Connection {
  logonAtMs: number;
  logonLine: number;
  endedAtMs: number | undefined;
  endedLine: number | undefined;
  /** Where the end was read from. */
  endEvidence: string;
}

export interface SessionHistory {
  us: string;
  peer: string;
  role: 'initiator' | 'acceptor';
  beginString: string;
  t0Ms: number;
  frames: HistoryFrame[];
  heartBtIntSec: number | undefined;
  heartBtIntLine: number | undefined;
  gaps: ImportedGap[];
  peerRequests: HistoryFrame[];
  connections: Connection[];
}

/** A log message as the chaos verdict's rules read a frame (a number field is digits only). */
function seenOf(m: LogMessage, direction: Direction): SeenFrame {
  const get = (tag: number) => m.fields.get(tag);
  const int = (tag: number) => (m.fields.has(tag) && /^\d+$/.test(m.fields.get(tag) as string) ? Number(m.fields.get(tag)) : undefined);
  return seenFrame({ msgType: m.msgType, seq: m.seq, get, int }, m.atMs, direction, undefined);
}

/** Our CompID: given, or from the QuickFIX log file name (BEGINSTRING-SENDER-TARGET.messages...log). */
export function ourCompId(messages: readonly LogMessage[], file: string, given: string | undefined): string {
  const names = new Set(messages.flatMap((m) => [m.sender, m.target]));
  if (given !== undefined) {
    if (!names.has(given)) throw new UsageError(`${file}: --sender-comp-id ${given} is not in the log (it has ${[...names].join(', ')})`);
    return given;
  }
  const base = file.split('/').pop() ?? file;
  const fromName = [...names].find((name) => base.startsWith(`${messages[0].beginString}-${name}-`));
  if (fromName !== undefined) return fromName;
  throw new UsageError(`${file}: cannot tell which engine wrote the log from its name; give --sender-comp-id (one of ${[...names].join(', ')})`);
}

export function sessionHistory(messages: readonly LogMessage[], events: readonly LogEvent[], us: string): SessionHistory {
  const first = messages.find((m) => m.msgType === 'A') ?? messages[0];
  const role = first.sender === us ? 'initiator' : 'acceptor';
  const inDirection = role === 'initiator' ? 'to-initiator' : 'to-acceptor';
  const outDirection = role === 'initiator' ? 'to-acceptor' : 'to-initiator';
  const frames: HistoryFrame[] = messages.map((m) => (m.sender === us ? { message: m, direction: 'out', seen: seenOf(m, outDirection) } : { message: m, direction: 'in', seen: seenOf(m, inDirection) }));
  const reference = new ReferenceReceiver();
  for (const f of frames) {
    const resets = f.seen.resetSeqNum && (f.direction === 'in' || role === 'initiator');
    if (resets) reference.reset(f.message.atMs);
    if (f.direction === 'in') reference.receive(f.seen);
  }
  const requests = frames.filter((f) => f.direction === 'out' && f.message.msgType === '2');
  const lineAt = (atMs: number | undefined) => (atMs === undefined ? undefined : frames.find((f) => f.direction === 'in' && f.message.atMs === atMs)?.message.line);
  const gaps = reference.gaps
    .filter((g) => !g.abandoned)
    .map((g): ImportedGap => {
      const until = g.closedAtMs ?? Infinity;
      const request = requests.find((r) => r.message.atMs >= g.openedAtMs - 1 && r.message.atMs <= until);
      // The whole answer: the replayed messages from our request until the first live one after the gap closed.
      const liveAfter = frames.find((f) => f.direction === 'in' && !f.seen.possDup && f.message.atMs > until)?.message.atMs ?? Infinity;
      const replay = frames.filter((f) => f.direction === 'in' && f.seen.possDup && request !== undefined && f.message.atMs >= request.message.atMs && f.message.atMs < liveAfter);
      const resentFrames = replay.filter((f) => !f.seen.gapFill && f.seen.seq !== undefined && f.seen.seq >= g.first && f.seen.seq <= g.last);
      const gapFilled = replay.reduce((n, f) => n + (gapFilledIn(f.seen, g) ?? 0), 0);
      const sentTimes = resentFrames.map((f) => parseUtcTimestampMs(f.message.fields.get(122) ?? f.message.fields.get(52) ?? '')).filter((t): t is number => t !== undefined);
      return {
        first: g.first,
        last: g.last,
        detectedAtMs: g.openedAtMs,
        detectedLine: lineAt(g.openedAtMs) ?? 0,
        closedAtMs: g.closedAtMs,
        closedLine: lineAt(g.closedAtMs),
        request: request === undefined ? undefined : { beginSeqNo: request.seen.beginSeqNo ?? 0, endSeqNo: request.seen.endSeqNo ?? 0, atMs: request.message.atMs, line: request.message.line },
        replay,
        resent: resentFrames.length,
        gapFilled,
        missingSentFromMs: sentTimes.length ? Math.min(...sentTimes) : undefined,
        missingSentToMs: sentTimes.length ? Math.max(...sentTimes) : undefined,
        missingTypes: [...new Set(resentFrames.map((f) => f.message.msgType))].sort(),
      };
    });
  // The first Logon proposes HeartBtInt; the acceptor's reply echoes it.
  const heartBtInt = first.fields.get(108);
  return {
    us,
    peer: first.sender === us ? first.target : first.sender,
    role,
    beginString: first.beginString,
    t0Ms: first.atMs,
    frames,
    heartBtIntSec: heartBtInt !== undefined && /^\d+$/.test(heartBtInt) ? Number(heartBtInt) : undefined,
    heartBtIntLine: first.line,
    gaps,
    peerRequests: frames.filter((f) => f.direction === 'in' && f.message.msgType === '2'),
    connections: connectionsOf(frames, events, role),
  };
}

/** Logon exchanges, each ended by the event log's "Disconnecting", or (without one) by the next Logon. */
function connectionsOf(frames: readonly HistoryFrame[], events: readonly LogEvent[], role: 'initiator' | 'acceptor'): Connection[] {
  const opener = role === 'initiator' ? 'out' : 'in';
  const logons = frames.filter((f) => f.message.msgType === 'A' && f.direction === opener);
  return logons.map((logon, i) => {
    const next = logons[i + 1]?.message.atMs ?? Infinity;
    const disconnect = events.find((e) => /^Disconnecting/.test(e.text) && e.atMs >= logon.message.atMs && e.atMs < next);
    if (disconnect !== undefined) return { logonAtMs: logon.message.atMs, logonLine: logon.message.line, endedAtMs: disconnect.atMs, endedLine: disconnect.line, endEvidence: `event log line ${disconnect.line} ("${disconnect.text}")` };
    const before = frames.filter((f) => f.message.atMs >= logon.message.atMs && f.message.atMs < next).at(-1);
    if (next === Infinity || before === undefined) return { logonAtMs: logon.message.atMs, logonLine: logon.message.line, endedAtMs: undefined, endedLine: undefined, endEvidence: 'the log ends' };
    return { logonAtMs: logon.message.atMs, logonLine: logon.message.line, endedAtMs: before.message.atMs, endedLine: before.message.line, endEvidence: `the last message before the next Logon (messages log line ${before.message.line}), no event log` };
  });
}
