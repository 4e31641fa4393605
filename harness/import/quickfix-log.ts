/**
 * Reads QuickFIX's file logs, the messages log and the event log one session writes (FileLog): one entry a
 * line, `<UTC timestamp> : <text>` (QuickFIX C++ writes nanoseconds and ` : `, QuickFIX/J milliseconds and
 * `: `). In the messages log the text is one FIX message, both directions mixed (direction is read from the
 * CompIDs); fields are SOH-separated, or `|`-separated in logs exported with SOH replaced. Every problem
 * names its line: a line that is not a log entry, a foreign line (an entry whose text is not FIX), a
 * truncated or corrupt message (no CheckSum, a BodyLength or CheckSum that does not add up), a message of
 * another session (two sessions interleaved in one file), time running backwards. Problems come back all at
 * once (the first 20), as one UsageError.
 * Units: timestamps as UTC ms since the epoch, with fractions of a ms kept.
 */
import { checksumOf } from '../../venues/fix/codec/index.ts';
import { UsageError } from '../errors.ts';

export interface LogMessage {
  line: number;
  atMs: number;
  /** The message with SOH separators. */
  text: string;
  fields: Map<number, string>;
  msgType: string;
  seq: number | undefined;
  sender: string;
  target: string;
  beginString: string;
}

export interface LogEvent {
  line: number;
  atMs: number;
  text: string;
}

const ENTRY = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? ?: (.*)$/;
const MAX_PROBLEMS = 20;
/** A clock step back larger than this is not jitter between two writers: the log is out of order. */
const BACKWARDS_TOLERANCE_MS = 1_000;

function entry(raw: string): { atMs: number; text: string } | undefined {
  const m = ENTRY.exec(raw);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  return { atMs: Date.UTC(y, mo - 1, d, h, mi, s) + fraction, text: m[8] };
}

/** Why a FIX message text is not a whole one, or undefined when it is. */
function wholeness(text: string): string | undefined {
  /* eslint-disable no-control-regex -- FIX fields are delimited by SOH (0x01) */
  const lengthField = /^8=[^\x01]*\x019=(\d+)\x01/.exec(text);
  if (lengthField === null) return 'no BodyLength (9) after BeginString';
  const bodyStart = lengthField[0].length;
  const trailer = /\x0110=(\d{3})\x01$/.exec(text);
  /* eslint-enable no-control-regex */
  if (trailer === null) return 'truncated: no CheckSum (10) at the end';
  const bodyLength = trailer.index + 1 - bodyStart;
  if (bodyLength !== Number(lengthField[1])) return `BodyLength says ${lengthField[1]}, the body has ${bodyLength}`;
  if (checksumOf(text, 0, trailer.index + 1) !== Number(trailer[1])) return `CheckSum says ${trailer[1]}, the bytes sum to ${checksumOf(text, 0, trailer.index + 1)}`;
  return undefined;
}

export function parseMessagesLog(file: string, source: string): LogMessage[] {
  const problems: string[] = [];
  const messages: LogMessage[] = [];
  let session: string | undefined;
  let lastAtMs = -Infinity;
  source.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const where = `${file}:${line}`;
    if (raw.trim() === '' || problems.length >= MAX_PROBLEMS) return;
    const e = entry(raw);
    if (e === undefined) {
      problems.push(`${where}: not a QuickFIX log entry (expected "YYYYMMDD-HH:MM:SS.sss : 8=FIX..."): ${JSON.stringify(raw.slice(0, 60))}`);
      return;
    }
    const text = e.text.includes('\x01') ? e.text : e.text.replaceAll('|', '\x01');
    if (!text.startsWith('8=FIX')) {
      problems.push(`${where}: a foreign line, not a FIX message: ${JSON.stringify(e.text.slice(0, 60))}`);
      return;
    }
    const broken = wholeness(text);
    if (broken !== undefined) {
      problems.push(`${where}: ${broken}`);
      return;
    }
    const fields = new Map<number, string>();
    for (const part of text.split('\x01')) {
      const eq = part.indexOf('=');
      if (eq > 0 && !fields.has(Number(part.slice(0, eq)))) fields.set(Number(part.slice(0, eq)), part.slice(eq + 1));
    }
    const sender = fields.get(49);
    const target = fields.get(56);
    const msgType = fields.get(35);
    if (sender === undefined || target === undefined || msgType === undefined) {
      problems.push(`${where}: no ${sender === undefined ? 'SenderCompID (49)' : target === undefined ? 'TargetCompID (56)' : 'MsgType (35)'}`);
      return;
    }
    const beginString = fields.get(8) as string;
    const pair = `${beginString} ${[sender, target].sort().join('<->')}`;
    if (session === undefined) session = pair;
    else if (pair !== session) {
      problems.push(`${where}: a message of another session (${beginString} ${sender}->${target}; the log began with ${session}): give one session's log`);
      return;
    }
    if (e.atMs < lastAtMs - BACKWARDS_TOLERANCE_MS) {
      problems.push(`${where}: time goes back ${((lastAtMs - e.atMs) / 1000).toFixed(3)} s: lines are out of order (interleaved?)`);
      return;
    }
    lastAtMs = Math.max(lastAtMs, e.atMs);
    const seqText = fields.get(34);
    messages.push({ line, atMs: e.atMs, text, fields, msgType, seq: seqText !== undefined && /^\d+$/.test(seqText) ? Number(seqText) : undefined, sender, target, beginString });
  });
  if (problems.length === 0 && messages.length === 0) problems.push(`${file}: no FIX messages`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return messages;
}

export function parseEventLog(file: string, source: string): LogEvent[] {
  const problems: string[] = [];
  const events: LogEvent[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '' || problems.length >= MAX_PROBLEMS) return;
    const e = entry(raw);
    if (e === undefined) problems.push(`${file}:${index + 1}: not a QuickFIX event log entry (expected "YYYYMMDD-HH:MM:SS.sss : text"): ${JSON.stringify(raw.slice(0, 60))}`);
    else events.push({ line: index + 1, atMs: e.atMs, text: e.text });
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return events;
}
