// The acceptance runner's own parts, checked against the script text and QuickFIX's Ruby runner behaviour.
import { describe, expect, test } from 'vitest';
import { classify, compareMessages, fixify, parseFieldPatterns, parseScript, timify } from '../../../../venues/fix/acceptance/index.ts';

const bar = (s: string) => s.replaceAll('|', '\x01');
const unbar = (s: string) => s.replaceAll('\x01', '|');
const patterns = parseFieldPatterns('10=\\d{3}\n52=\\d{8}-\\d{2}:\\d{2}:\\d{2}|\\d{8}-\\d{2}:\\d{2}:\\d{2}[.]\\d{3}\n');

describe('script parsing and fixify (QuickFIX test/Reflector.rb)', () => {
  test('connection ids, comments and actions', () => {
    const steps = parseScript('# c\n\ni1,CONNECT\nI2,8=FIX.4.2|35=0|\ne2,DISCONNECT\nE8=FIX.4.2|\niDISCONNECT');
    expect(steps.map((s) => [s.lineNumber, s.connectionId, s.action])).toEqual([
      [3, 1, 'connect'],
      [4, 2, 'send'],
      [5, 2, 'expect-disconnect'],
      [6, 1, 'expect'],
      [7, 1, 'disconnect'],
    ]);
  });

  test('BodyLength and CheckSum are added when absent; the 1a Logon reply is 63 bytes of body', () => {
    const line = bar('8=FIX.4.2|35=A|34=1|49=ISLD|52=00000000-00:00:00.000|56=TW42|98=0|108=30|');
    expect(unbar(fixify(line))).toMatch(/^8=FIX\.4\.2\|9=63\|35=A\|.*\|108=30\|10=\d{3}\|$/);
  });

  test('present values are kept verbatim; a present CheckSum makes BodyLength one short (3b)', () => {
    const garbled = bar('8=FIX.4.2|9=52|35=0|34=2|4garbled9=TW|52=20240101-00:00:00|56=ISLD|10=0|');
    expect(fixify(garbled)).toBe(garbled);
    const badSum = bar('8=FIX.4.2|35=0|34=2|49=TW42|52=20240101-00:00:00|56=ISLD|10=256|');
    const body = '35=0|34=2|49=TW42|52=20240101-00:00:00|56=ISLD|';
    expect(unbar(fixify(badSum))).toBe(`8=FIX.4.2|9=${body.length - 1}|${body}10=256|`);
  });

  test('<TIME>, <TIME+n> and <TIME-n> are UTC seconds without milliseconds', () => {
    const now = Date.UTC(2024, 1, 29, 23, 59, 30);
    expect(timify('52=<TIME>|122=<TIME+31>|60=<TIME-121>', now)).toBe('52=20240229-23:59:30|122=20240301-00:00:01|60=20240229-23:57:29');
  });
});

describe('comparator (QuickFIX test/Comparator.rb)', () => {
  const expected = fixify(bar('8=FIX.4.2|9=51|35=5|34=2|49=ISLD|52=00000000-00:00:00.000|56=TW42|10=0|'));
  test('regex tags match with or without milliseconds; other values literally; field order matters', () => {
    expect(compareMessages(expected, bar('8=FIX.4.2|9=51|35=5|34=2|49=ISLD|52=20240101-10:00:00.123|56=TW42|10=123|'), patterns)).toBeUndefined();
    expect(compareMessages(expected, bar('8=FIX.4.2|9=51|35=5|34=3|49=ISLD|52=20240101-10:00:00.123|56=TW42|10=123|'), patterns)).toBe('Value in field (34) should be (2) but was (3)');
    expect(compareMessages(expected, bar('8=FIX.4.2|9=51|35=5|49=ISLD|34=2|52=20240101-10:00:00.123|56=TW42|10=123|'), patterns)).toBe('Expected field (34) but found field (49)');
    expect(compareMessages(expected, bar('8=FIX.4.2|9=51|35=5|34=2|49=ISLD|52=x|56=TW42|58=y|10=123|'), patterns)).toBe('Number of fields do no match');
  });
});

describe('deviation classification', () => {
  const failure = (line: string, received: string) => ({ name: '3b_InvalidChecksum.def', passed: false, durationMs: 1, failure: { lineNumber: 22, line: bar(line), reason: 'x', received: bar(received) } });
  test('a listed script counts as a deviation only when it fails at its documented line with its documented reply', () => {
    const logout = '8=FIX.4.2|9=100|35=5|34=4|49=ISLD|52=x|56=TW42|58=MsgSeqNum too low, expecting 5 but received 4|10=1|';
    expect(classify(failure('E8=FIX.4.2|9=51|35=5|34=4|49=ISLD|52=0|56=TW42|10=0|', logout)).verdict).toBe('deviation');
    expect(classify(failure('E8=FIX.4.2|9=63|35=A|34=1|', logout)).verdict).toBe('failed');
    expect(classify({ name: '3b_InvalidChecksum.def', passed: true, durationMs: 1, failure: undefined }).verdict).toBe('failed');
    expect(classify({ name: '2a_MsgSeqNumCorrect.def', passed: true, durationMs: 1, failure: undefined }).verdict).toBe('passed');
  });
});
