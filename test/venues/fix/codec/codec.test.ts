/* eslint-disable no-control-regex -- FIX frames are delimited by SOH (0x01) */
import { describe, expect, test } from 'vitest';
import {
  decodeFrame,
  encodeMessage,
  formatUtcTimestampMs,
  parseUtcTimestampMs,
  SessionRejectReason,
  type FixMessage,
  type NewOrderSingle,
} from '../../../../venues/fix/codec/index.ts';

const SOH = '\x01';
const bar = (text: string) => text.replaceAll('|', SOH);

/** The acceptance suite's fixify (QuickFIX test/Reflector.rb): insert BodyLength, append CheckSum. */
function fixify(text: string): string {
  const m = bar(text);
  const headEnd = m.indexOf(SOH) + 1;
  const body = m.slice(headEnd);
  const framed = `${m.slice(0, headEnd)}9=${body.length}${SOH}${body}`;
  let sum = 0;
  for (const c of framed) sum += c.charCodeAt(0);
  return `${framed}10=${String(sum % 256).padStart(3, '0')}${SOH}`;
}

const T0 = Date.UTC(2024, 2, 1, 12, 30, 45, 123);

describe('UTCTimestamp', () => {
  test('formats with milliseconds, as Date would', () => {
    for (const ms of [0, T0, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(1999, 11, 31)]) {
      expect(formatUtcTimestampMs(ms)).toBe(new Date(ms).toISOString().replace(/[-]/g, '').replace('T', '-').replace('Z', '').replace(/^(\d{8})-/, '$1-'));
    }
  });
  test('parses with and without milliseconds and rejects impossible dates', () => {
    expect(parseUtcTimestampMs('20240301-12:30:45')).toBe(T0 - 123);
    expect(parseUtcTimestampMs('20240301-12:30:45.123')).toBe(T0);
    expect(parseUtcTimestampMs('20040415')).toBeUndefined();
    expect(parseUtcTimestampMs('20241301-00:00:00')).toBeUndefined();
  });
});

describe('encode', () => {
  test('a Logon reply has the BodyLength the acceptance scripts expect (1a_ValidLogonWithCorrectMsgSeqNum: 9=63)', () => {
    const text = encodeMessage({
      header: { beginString: 'FIX.4.2', msgSeqNum: 1, senderCompId: 'ISLD', targetCompId: 'TW42', sendingTimeMs: T0, possDupFlag: false, possResend: false, origSendingTimeMs: undefined },
      body: { msgType: 'A', encryptMethod: 0, heartBtIntSec: 30, resetSeqNumFlag: false },
    });
    expect(text.split(SOH).slice(0, 9)).toEqual(['8=FIX.4.2', '9=63', '35=A', '34=1', '49=ISLD', '52=20240301-12:30:45.123', '56=TW42', '98=0', '108=30']);
    expect(text).toMatch(/\x0110=\d{3}\x01$/);
  });

  test('a resent order carries 43=Y and 122 in header order (8_OnlyApplicationMessages: 9=132)', () => {
    const order: NewOrderSingle = { msgType: 'D', clOrdId: 'ID', handlInst: '3', ordType: '1', side: '1', symbol: 'INTC', transactTime: '20240301-12:30:45' };
    const text = encodeMessage({
      header: { beginString: 'FIX.4.2', msgSeqNum: 2, senderCompId: 'ISLD', targetCompId: 'TW42', sendingTimeMs: T0, possDupFlag: true, possResend: false, origSendingTimeMs: T0 - 5 },
      body: order,
    });
    expect(text.split(SOH).slice(1, 8)).toEqual(['9=132', '35=D', '34=2', '43=Y', '49=ISLD', '52=20240301-12:30:45.123', '56=TW42']);
  });
});

describe('decode', () => {
  test('round-trips every modelled message type', () => {
    const header = { beginString: 'FIX.4.4' as const, msgSeqNum: 7, senderCompId: 'A', targetCompId: 'B', sendingTimeMs: T0, possDupFlag: false, possResend: false, origSendingTimeMs: undefined };
    const bodies: FixMessage['body'][] = [
      { msgType: 'A', encryptMethod: 0, heartBtIntSec: 30, resetSeqNumFlag: true },
      { msgType: '0', testReqId: 'x' },
      { msgType: '1', testReqId: 'TEST' },
      { msgType: '2', beginSeqNo: 3, endSeqNo: 0 },
      { msgType: '3', refSeqNum: 2, text: 'why', refTagId: 126, refMsgType: 'D', sessionRejectReason: 6 },
      { msgType: '4', gapFillFlag: true, newSeqNo: 9 },
      { msgType: '5', text: 'bye' },
      { msgType: 'D', clOrdId: 'c1', ordType: '2', orderQty: 100, price: 10.25, side: '1', symbol: 'X', timeInForce: '0', transactTime: '20240301-12:30:45.123' },
      { msgType: 'F', clOrdId: 'c2', origClOrdId: 'c1', side: '1', symbol: 'X', orderQty: 100, transactTime: '20240301-12:30:45' },
      { msgType: 'G', clOrdId: 'c3', origClOrdId: 'c1', ordType: '2', price: 10.5, side: '1', symbol: 'X', transactTime: '20240301-12:30:45' },
      { msgType: '8', orderId: 'o1', clOrdId: 'c1', execId: 'e1', execType: 'F', ordStatus: '1', side: '1', symbol: 'X', lastQty: 40, lastPx: 10.25, leavesQty: 60, cumQty: 40, avgPx: 10.25 },
      { msgType: '9', orderId: 'o1', clOrdId: 'c2', origClOrdId: 'c1', ordStatus: '2', cxlRejResponseTo: '1', cxlRejReason: 0 },
      { msgType: 'H', clOrdId: 'c1', side: '1', symbol: 'X' },
    ];
    for (const body of bodies) {
      const decoded = decodeFrame(encodeMessage({ header, body }));
      expect(decoded).toEqual({ kind: 'message', message: { header, body } });
    }
  });

  test('RejectResentMessage: a badly formatted ExpireTime (126=20040415) is IncorrectDataFormat on tag 126', () => {
    const frame = fixify('8=FIX.4.2|35=D|34=2|43=Y|49=TW42|52=20240301-12:00:00|56=ISLD|122=20240301-12:00:00|11=ID|21=3|38=100|40=1|54=1|55=IVP|60=20240301-12:00:00|126=20040415|');
    const decoded = decodeFrame(frame);
    expect(decoded.kind).toBe('invalid');
    if (decoded.kind !== 'invalid') return;
    expect(decoded.problem).toEqual({ reason: SessionRejectReason.IncorrectDataFormat, refTagId: 126 });
    expect(decoded.facts).toMatchObject({ msgType: 'D', msgSeqNum: 2, possDupFlag: true });
  });

  test('a missing required tag, an unknown tag, a tag foreign to the type, an unknown MsgType and a header tag after the body are told apart, each with its RefTagID', () => {
    const reasonOf = (text: string) => {
      const d = decodeFrame(fixify(text));
      return d.kind === 'invalid' ? d.problem : d.kind;
    };
    const head = '8=FIX.4.2|35=TYPE|34=2|49=TW42|52=20240301-12:00:00|56=ISLD|';
    expect(reasonOf(head.replace('TYPE', '1'))).toEqual({ reason: 1, refTagId: 112 });
    expect(reasonOf(head.replace('TYPE', '0') + '9999=1|')).toEqual({ reason: 0, refTagId: 9999 });
    expect(reasonOf(head.replace('TYPE', '0') + '11=x|')).toEqual({ reason: 2, refTagId: 11 });
    expect(reasonOf(head.replace('TYPE', 'ZZ'))).toEqual({ reason: 11, refTagId: 35 }); // QuickFIX/J 2q_MsgTypeNotValid: 371=35
    expect(reasonOf(head.replace('TYPE', '*'))).toEqual({ reason: 11, refTagId: 35 });
    expect(reasonOf('8=FIX.4.4|35=1|34=2|49=TW44|56=ISLD|112=HELLO|52=20240301-12:00:00|')).toEqual({ reason: 14, refTagId: 52 }); // 14g
    expect(reasonOf('8=FIX.4.4|35=1|34=2|49=TW44|52=20240301-12:00:00|112=HELLO|56=ISLD|115=X|')).toEqual({ reason: 14, refTagId: 56 });
    expect(reasonOf(head.replace('TYPE', '0') + '112=|')).toEqual({ reason: 4, refTagId: 112 });
    expect(reasonOf(head.replace('TYPE', 'D') + '11=a|21=1|40=1|54=Q|55=X|60=20240301-12:00:00|')).toEqual({ reason: 5, refTagId: 54 });
  });

  test('2d_GarbledMessage: a field whose tag is not a number makes the frame garbled, not rejectable', () => {
    expect(decodeFrame(bar('8=FIX.4.2|9=52|35=0|34=2|4garbled9=TW|52=20240301-12:00:00|56=ISLD|10=000|')).kind).toBe('garbled');
  });
});
