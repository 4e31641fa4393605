/* eslint-disable no-control-regex -- FIX fields are delimited by SOH (0x01) */
/**
 * The QuickFIX acceptance script format (.def), read as QuickFIX's test/Reflector.rb reads it: one action a
 * line, `#` comments, optional connection id (`I2,`, `e1,DISCONNECT`), placeholders `<TIME>`, `<TIME+n>`,
 * `<TIME-n>` (UTC, `YYYYMMDD-HH:MM:SS`, no milliseconds), and `fixify`: BodyLength inserted after 8= when the
 * line has no 9=, CheckSum appended when it has no trailing 10=; values present are kept verbatim (this is how
 * the scripts send garbled frames). Placeholders and fixify apply to I and E lines alike, when the line runs.
 */
import { formatUtcTimestampMs } from '../codec/values.ts';

export type ScriptAction = 'connect' | 'disconnect' | 'send' | 'expect' | 'expect-disconnect' | 'expect-connect';

export interface ScriptStep {
  lineNumber: number;
  line: string;
  connectionId: number;
  action: ScriptAction;
  /** The message text of I and E lines, placeholders not yet replaced. */
  text: string;
}

const CONNECTION_PREFIX = /^[IEie]\d,/;

export function parseScript(source: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  source.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line.trimStart().startsWith('#')) return;
    const prefixed = CONNECTION_PREFIX.test(line);
    const connectionId = prefixed ? Number(line[1]) : 1;
    const body = line.slice(prefixed ? 3 : 1);
    const kind = line[0];
    const lineNumber = index + 1;
    let action: ScriptAction;
    if (kind === 'I') action = 'send';
    else if (kind === 'E') action = 'expect';
    else if (kind === 'i' && body === 'CONNECT') action = 'connect';
    else if (kind === 'i' && body === 'DISCONNECT') action = 'disconnect';
    else if (kind === 'e' && body === 'DISCONNECT') action = 'expect-disconnect';
    else if (kind === 'e' && body === 'CONNECT') action = 'expect-connect';
    else throw new Error(`line ${lineNumber}: syntax error: ${line}`);
    steps.push({ lineNumber, line, connectionId, action, text: body });
  });
  return steps;
}

/** `YYYYMMDD-HH:MM:SS` as the Ruby runner's strftime writes it. */
export function scriptTime(utcMs: number): string {
  return formatUtcTimestampMs(utcMs).slice(0, 17);
}

/** Replaces `<TIME>`, `<TIME+n>` and `<TIME-n>` (n in seconds) with the UTC time `nowMs` (+/- n). */
export function timify(text: string, nowMs: number): string {
  return text
    .replaceAll('<TIME>', scriptTime(nowMs))
    .replace(/<TIME([+-])(\d+)>/g, (_, sign: string, seconds: string) => scriptTime(nowMs + (sign === '+' ? 1 : -1) * Number(seconds) * 1000));
}

/**
 * Reflector.rb's fixify!. A CheckSum already on the line is cut together with the SOH before it, so the
 * BodyLength computed then is one short: QuickFIX's own scripts send such frames (3b), which are garbled
 * twice over, and are ignored either way.
 */
export function fixify(text: string): string {
  const hasLength = /\x019=.*?\x01/.test(text);
  const head = /^8=.*?\x01/.exec(text)?.[0];
  if (head === undefined) return text;
  let rest = text.slice(head.length);
  const checksumMatch = /\x0110=.*\x01$/.exec(rest);
  let checksum: string | undefined;
  if (checksumMatch !== null) {
    checksum = checksumMatch[0];
    rest = rest.slice(0, checksumMatch.index);
  }
  const length = hasLength ? '' : `9=${rest.length}\x01`;
  if (checksum === undefined) {
    let sum = 0;
    for (const c of head + length + rest) sum += c.charCodeAt(0);
    checksum = `10=${String(sum % 256).padStart(3, '0')}\x01`;
  }
  return head + length + rest + checksum;
}
