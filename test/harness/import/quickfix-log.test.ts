// QuickFIX file logs as execdrill import reads them: both engines' line formats, and every kind of bad line
// (malformed, foreign, truncated, corrupt, another session's, out of order) named with its line, all at once.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseEventLog, parseMessagesLog } from '../../../harness/import/quickfix-log.ts';
import { ourCompId } from '../../../harness/import/session-history.ts';
import { encodeMessage, type FixMessage } from '../../../venues/fix/codec/index.ts';

const DIR = new URL('../../fixtures/quickfix-logs/gap-slow-replay/', import.meta.url).pathname;
const CLIENT_LOG = `${DIR}FIX.4.4-CLIENT-VENUE.messages.current.log`;

const heartbeat = (seq: number, sender = 'C', target = 'V') =>
  encodeMessage({ header: { beginString: 'FIX.4.4', msgSeqNum: seq, senderCompId: sender, targetCompId: target, sendingTimeMs: Date.UTC(2024, 0, 2, 9, 30), possDupFlag: false, possResend: false, origSendingTimeMs: undefined }, body: { msgType: '0' } } as FixMessage);

const problemsOf = (text: string): string[] => {
  try {
    parseMessagesLog('m.log', text);
    return [];
  } catch (error) {
    return (error as Error).message.split('\n');
  }
};

describe('QuickFIX messages log', () => {
  test("QuickFIX C++'s log (ns timestamps, ' : ') reads whole: both directions, in order, CompIDs from the file name", () => {
    const messages = parseMessagesLog(CLIENT_LOG, readFileSync(CLIENT_LOG, 'latin1'));
    expect(messages.length).toBe(102);
    expect(new Set(messages.map((m) => m.sender))).toEqual(new Set(['CLIENT', 'VENUE']));
    expect(messages[0]).toMatchObject({ line: 1, msgType: 'A', seq: 1, sender: 'CLIENT' });
    expect(messages[1].atMs - messages[0].atMs).toBeCloseTo(18.179, 3); // 28.272542 -> 28.290721 s
    expect(ourCompId(messages, CLIENT_LOG, undefined)).toBe('CLIENT');
    expect(parseEventLog('e.log', readFileSync(`${DIR}FIX.4.4-CLIENT-VENUE.event.current.log`, 'latin1')).map((e) => e.text)).toContain('Sent ResendRequest FROM: 26 TO: 0');
  });

  test("QuickFIX/J's format (ms, ': ') and a log exported with | for SOH read the same", () => {
    const line = `20240102-09:30:00.123: ${heartbeat(1).replaceAll('\x01', '|')}`;
    const [m] = parseMessagesLog('j.log', line);
    expect(m).toMatchObject({ msgType: '0', seq: 1, sender: 'C', atMs: Date.UTC(2024, 0, 2, 9, 30) + 123 });
  });

  test('malformed, foreign, truncated, corrupt, interleaved and out-of-order lines are all named with their line', () => {
    const good = (seq: number, time = '09:30:01') => `20240102-${time}.000000000 : ${heartbeat(seq)}`;
    const corrupt = heartbeat(3).replace('10=', '10=9').replace(/10=9(\d{3})/, (_, d: string) => `10=${String((Number(d) + 1) % 256).padStart(3, '0')}`);
    const text = [
      good(1),
      'Tue Jan 2 09:30:01 something else',
      '20240102-09:30:01.000000000 : Created session',
      `20240102-09:30:01.000000000 : ${heartbeat(2).slice(0, -8)}`,
      `20240102-09:30:01.000000000 : ${corrupt}`,
      `20240102-09:30:01.000000000 : ${heartbeat(4, 'X', 'Y')}`,
      good(5, '09:29:00'),
      good(6),
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems).toEqual([
      expect.stringMatching(/^m\.log:2: not a QuickFIX log entry/),
      'm.log:3: a foreign line, not a FIX message: "Created session"',
      'm.log:4: truncated: no CheckSum (10) at the end',
      expect.stringMatching(/^m\.log:5: CheckSum says \d{3}, the bytes sum to \d+$/),
      "m.log:6: a message of another session (FIX.4.4 X->Y; the log began with FIX.4.4 C<->V): give one session's log",
      'm.log:7: time goes back 61.000 s: lines are out of order (interleaved?)',
    ]);
    expect(problemsOf('')).toEqual(['m.log: no FIX messages']);
  });

  test('a BodyLength that does not add up is named', () => {
    const bad = heartbeat(1).replace(/9=(\d+)/, (_, n: string) => `9=${Number(n) + 3}`);
    expect(problemsOf(`20240102-09:30:01.000 : ${bad}`)).toEqual([expect.stringMatching(/^m\.log:1: BodyLength says \d+, the body has \d+$/)]);
  });
});
