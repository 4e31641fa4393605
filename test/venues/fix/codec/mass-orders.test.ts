// The order-management messages beyond single orders: OrderMassCancelRequest q, OrderMassCancelReport r,
// OrderMassStatusRequest AF (FIX 4.3 on, so FIX 4.4 here), BusinessMessageReject j (FIX 4.2 on), and the
// mass-status fields of the ExecutionReport: round trips, data-dictionary checks, and version rules.
import { describe, expect, test } from 'vitest';
import { decodeFrame, encodeMessage, missingConditionalTag, type BeginString, type FixMessage } from '../../../../venues/fix/codec/index.ts';

const SOH = '\x01';
const T0 = Date.UTC(2024, 2, 1, 12, 30, 45, 123);
const headerOf = (beginString: BeginString) => ({ beginString, msgSeqNum: 7, senderCompId: 'A', targetCompId: 'B', sendingTimeMs: T0, possDupFlag: false, possResend: false, origSendingTimeMs: undefined });

/** A frame with BodyLength and CheckSum filled in, from `|`-separated fields after 8=. */
function frame(beginString: BeginString, fields: string): string {
  const body = `${fields.replaceAll('|', SOH)}`;
  const framed = `8=${beginString}${SOH}9=${body.length}${SOH}${body}`;
  let sum = 0;
  for (const c of framed) sum += c.charCodeAt(0);
  return `${framed}10=${String(sum % 256).padStart(3, '0')}${SOH}`;
}
const HEAD = '34=2|49=TW|52=20240301-12:00:00|56=ISLD|';
const problemOf = (beginString: BeginString, msgType: string, body: string) => {
  const decoded = decodeFrame(frame(beginString, `35=${msgType}|${HEAD}${body}`));
  return decoded.kind === 'invalid' ? decoded.problem : decoded.kind;
};

const FIX44_BODIES: FixMessage['body'][] = [
  { msgType: 'q', clOrdId: 'm1', massCancelRequestType: '1', symbol: 'XYZ', side: '1', transactTime: '20240301-12:30:45.123', text: 'reconnect' },
  { msgType: 'q', clOrdId: 'm2', massCancelRequestType: '7', transactTime: '20240301-12:30:45' },
  { msgType: 'r', clOrdId: 'm1', orderId: 'M1', massCancelRequestType: '1', massCancelResponse: '1', totalAffectedOrders: 3, symbol: 'XYZ', transactTime: '20240301-12:30:45.200' },
  { msgType: 'r', clOrdId: 'm2', orderId: 'M2', massCancelRequestType: '7', massCancelResponse: '0', massCancelRejectReason: 99, text: 'venue unavailable' },
  { msgType: 'AF', massStatusReqId: 's1', massStatusReqType: 7 },
  { msgType: 'AF', massStatusReqId: 's2', massStatusReqType: 1, symbol: 'XYZ', side: '2' },
  { msgType: 'j', refSeqNum: 4, refMsgType: '8', businessRejectRefId: 'e1', businessRejectReason: 3, text: 'unsupported' },
  { msgType: 'j', refMsgType: 'AF', businessRejectReason: 6 },
  { msgType: '8', orderId: 'o1', clOrdId: 'c1', execId: 'e1', execType: 'I', ordStatus: '0', side: '1', symbol: 'X', leavesQty: 60, cumQty: 40, avgPx: 10.25, massStatusReqId: 's1', totNumReports: 2, lastRptRequested: false },
  { msgType: '8', orderId: 'o2', clOrdId: 'c2', execId: 'e2', execType: 'I', ordStatus: '1', side: '1', symbol: 'X', leavesQty: 1, cumQty: 1, avgPx: 10, massStatusReqId: 's1', totNumReports: 2, lastRptRequested: true },
];

describe('FIX 4.4 round trips', () => {
  test('every new body and the mass-status report decode to what was encoded', () => {
    for (const body of FIX44_BODIES) {
      const header = headerOf('FIX.4.4');
      expect(decodeFrame(encodeMessage({ header, body }))).toEqual({ kind: 'message', message: { header, body } });
    }
  });

  test('fields go out ascending by tag, LastRptRequested as Y or N', () => {
    const text = encodeMessage({ header: headerOf('FIX.4.4'), body: FIX44_BODIES[2] });
    expect(text.split(SOH).slice(7, -2)).toEqual(['11=m1', '37=M1', '55=XYZ', '60=20240301-12:30:45.200', '530=1', '531=1', '533=3']);
    expect(encodeMessage({ header: headerOf('FIX.4.4'), body: FIX44_BODIES[8] })).toContain(`${SOH}584=s1${SOH}911=2${SOH}912=N${SOH}`);
  });
});

describe('FIX 4.2', () => {
  test('BusinessMessageReject round-trips', () => {
    const header = headerOf('FIX.4.2');
    const body: FixMessage['body'] = { msgType: 'j', refSeqNum: 9, refMsgType: '9', businessRejectRefId: 'c1', businessRejectReason: 3 };
    expect(decodeFrame(encodeMessage({ header, body }))).toEqual({ kind: 'message', message: { header, body } });
  });

  test('q, r and AF are an invalid MsgType, exactly as a made-up type is', () => {
    const made = problemOf('FIX.4.2', 'ZZ', '');
    expect(made).toEqual({ reason: 11, refTagId: 35 });
    expect(problemOf('FIX.4.2', 'q', '11=m|60=20240301-12:00:00|530=7|')).toEqual(made);
    expect(problemOf('FIX.4.2', 'r', '37=M|530=7|531=7|')).toEqual(made);
    expect(problemOf('FIX.4.2', 'AF', '584=s|585=7|')).toEqual(made);
    expect(problemOf('FIX.4.4', 'AF', '584=s|585=7|')).toBe('message');
  });

  test('an ExecutionReport carrying mass-status tags is refused: FIX 4.2 defines them for no message', () => {
    expect(problemOf('FIX.4.2', '8', '6=0|14=0|17=e|20=0|37=o|39=0|54=1|55=X|150=0|151=0|584=s|')).toEqual({ reason: 2, refTagId: 584 });
  });

  test('BusinessRejectReason 6 (not authorized) came with FIX 4.3: out of range in 4.2, valid in 4.4', () => {
    expect(problemOf('FIX.4.2', 'j', '372=D|380=6|')).toEqual({ reason: 5, refTagId: 380 });
    expect(problemOf('FIX.4.4', 'j', '372=D|380=6|')).toBe('message');
    expect(problemOf('FIX.4.2', 'j', '372=D|380=5|')).toBe('message');
  });

  test('encoding a FIX 4.4-only type on a FIX 4.2 header is a programmer error', () => {
    expect(() => encodeMessage({ header: headerOf('FIX.4.2'), body: FIX44_BODIES[1] })).toThrow(/FIX\.4\.2 defines no MsgType q/);
  });
});

describe('FIX 4.4 validation', () => {
  test('required fields of each type are checked', () => {
    expect(problemOf('FIX.4.4', 'q', '11=m|530=7|')).toEqual({ reason: 1, refTagId: 60 });
    expect(problemOf('FIX.4.4', 'q', '11=m|60=20240301-12:00:00|')).toEqual({ reason: 1, refTagId: 530 });
    expect(problemOf('FIX.4.4', 'r', '530=7|531=7|')).toEqual({ reason: 1, refTagId: 37 });
    expect(problemOf('FIX.4.4', 'AF', '585=7|')).toEqual({ reason: 1, refTagId: 584 });
    expect(problemOf('FIX.4.4', 'j', '380=3|')).toEqual({ reason: 1, refTagId: 372 });
    expect(problemOf('FIX.4.4', 'j', '372=8|')).toEqual({ reason: 1, refTagId: 380 });
  });

  test('enumerations are checked, int enumerations included', () => {
    expect(problemOf('FIX.4.4', 'q', '11=m|60=20240301-12:00:00|530=8|')).toEqual({ reason: 5, refTagId: 530 });
    expect(problemOf('FIX.4.4', 'r', '37=M|530=7|531=9|')).toEqual({ reason: 5, refTagId: 531 });
    expect(problemOf('FIX.4.4', 'r', '37=M|530=7|531=0|532=7|')).toEqual({ reason: 5, refTagId: 532 });
    expect(problemOf('FIX.4.4', 'r', '37=M|530=7|531=0|532=99|')).toBe('message');
    expect(problemOf('FIX.4.4', 'AF', '584=s|585=8|')).toEqual({ reason: 5, refTagId: 585 });
    expect(problemOf('FIX.4.4', 'AF', '584=s|585=x|')).toEqual({ reason: 6, refTagId: 585 });
    expect(problemOf('FIX.4.4', '8', '6=0|14=0|17=e|37=o|39=0|54=1|55=X|150=I|151=0|912=X|')).toEqual({ reason: 6, refTagId: 912 });
  });

  test('a tag foreign to the type is refused (OrderID on a mass cancel request)', () => {
    expect(problemOf('FIX.4.4', 'q', '11=m|37=o|60=20240301-12:00:00|530=7|')).toEqual({ reason: 2, refTagId: 37 });
  });

  test('Symbol is conditionally required for a request scoped to a security: decoded, then named by missingConditionalTag', () => {
    const decoded = decodeFrame(frame('FIX.4.4', `35=q|${HEAD}11=m|60=20240301-12:00:00|530=1|`));
    expect(decoded.kind).toBe('message');
    if (decoded.kind !== 'message' || decoded.message.body.msgType !== 'q') return;
    expect(missingConditionalTag(decoded.message.body)).toBe(55);
    expect(missingConditionalTag({ ...decoded.message.body, symbol: 'XYZ' })).toBeUndefined();
    expect(missingConditionalTag({ ...decoded.message.body, massCancelRequestType: '7' })).toBeUndefined();
    expect(missingConditionalTag({ msgType: 'AF', massStatusReqId: 's', massStatusReqType: 1 })).toBe(55);
    expect(missingConditionalTag({ msgType: 'AF', massStatusReqId: 's', massStatusReqType: 7 })).toBeUndefined();
  });
});
