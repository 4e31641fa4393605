/* eslint-disable no-control-regex -- FIX frames are delimited by SOH (0x01) */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeFrame, encodeMessage, FixFramer, type FrameEvent, type FixMessage } from '../../../../venues/fix/codec/index.ts';

const MAX_BYTES = 4096;

/** Feeds the chunks, drains the framer after each, then ends the stream; fails on a stall that never ends. */
function frameAll(chunks: readonly string[]): FrameEvent[] {
  const framer = new FixFramer(MAX_BYTES);
  const events: FrameEvent[] = [];
  const drain = () => {
    for (let guard = 0; ; guard++) {
      expect(guard).toBeLessThan(100_000);
      const event = framer.next();
      if (event === undefined) break;
      events.push(event);
      // Whatever it reports, the framer holds no more than one frame's worth of bytes it cannot place.
    }
    expect(framer.bufferedBytes).toBeLessThanOrEqual(MAX_BYTES);
  };
  for (const chunk of chunks) {
    framer.push(chunk);
    drain();
  }
  const last = framer.end();
  if (last !== undefined) events.push(last);
  return events;
}

const arbMessage: fc.Arbitrary<FixMessage> = fc
  .record({
    seq: fc.integer({ min: 1, max: 1_000_000 }),
    possDup: fc.boolean(),
    sendingTimeMs: fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }),
    clOrdId: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\x00-\x1f=]/.test(s)),
    qty: fc.integer({ min: 1, max: 1_000_000 }),
    symbol: fc.constantFrom('INTC', 'MSFT', 'X'),
    version: fc.constantFrom('FIX.4.2' as const, 'FIX.4.4' as const),
    admin: fc.boolean(),
  })
  .map(({ seq, possDup, sendingTimeMs, clOrdId, qty, symbol, version, admin }) => ({
    header: {
      beginString: version,
      msgSeqNum: seq,
      senderCompId: 'S',
      targetCompId: 'T',
      sendingTimeMs,
      possDupFlag: possDup,
      possResend: false,
      origSendingTimeMs: possDup ? sendingTimeMs - 1 : undefined,
    },
    body: admin
      ? { msgType: '1', testReqId: clOrdId }
      : { msgType: 'D', clOrdId, handlInst: '1', orderQty: qty, ordType: '1', side: '1', symbol, transactTime: '20240301-12:00:00' },
  }));

/** Splits a string at arbitrary points into chunks, as TCP reads would. */
const splitAt = (text: string, cuts: number[]): string[] => {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
};

const bytes = fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a).toString('latin1'));
const fixish = fc.array(fc.constantFrom('8=FIX.4.2\x01', '9=', '10=', '\x01', '35=D', '=', '8=FIX', '123', '9=99999999\x01', 'x'), { maxLength: 40 }).map((a) => a.join(''));

describe('FIX framer under fuzz (never a crash, never a hang, garbage reported as values)', () => {
  test('valid frames split at random points come out whole and decode to what was encoded', () => {
    fc.assert(
      fc.property(fc.array(arbMessage, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 20 }), (messages, cuts) => {
        const wire = messages.map(encodeMessage).join('');
        const events = frameAll(splitAt(wire, cuts));
        expect(events.map((e) => e.kind)).toEqual(messages.map(() => 'frame'));
        events.forEach((e, i) => {
          if (e.kind !== 'frame') return;
          expect(decodeFrame(e.text)).toEqual({ kind: 'message', message: messages[i] });
        });
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes and FIX-like junk: every byte is accounted for and a valid frame after SOH is recovered', () => {
    fc.assert(
      fc.property(fc.oneof(bytes, fixish), arbMessage, fc.array(fc.nat(), { maxLength: 10 }), (junk, message, cuts) => {
        const valid = encodeMessage(message);
        const events = frameAll(splitAt(junk + '\x01' + valid, cuts));
        const frames = events.filter((e): e is Extract<FrameEvent, { kind: 'frame' }> => e.kind === 'frame');
        expect(frames.at(-1)?.text).toBe(valid);
        for (const e of events) if (e.kind === 'frame') expect(() => decodeFrame(e.text)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });

  test('mutated valid frames: each is a frame or a garble, decoding never throws, the next frame survives', () => {
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'drop', 'insert', 'soh'), byte: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(arbMessage, fc.array(mutation, { minLength: 1, maxLength: 4 }), arbMessage, (message, mutations, follower) => {
        let text = encodeMessage(message);
        for (const m of mutations) {
          const at = m.at % text.length;
          const ch = String.fromCharCode(m.byte);
          if (m.kind === 'flip') text = text.slice(0, at) + ch + text.slice(at + 1);
          else if (m.kind === 'drop') text = text.slice(0, at) + text.slice(at + 1);
          else if (m.kind === 'insert') text = text.slice(0, at) + ch + text.slice(at);
          else text = text.slice(0, at) + '\x01' + text.slice(at);
        }
        const next = encodeMessage(follower);
        const events = frameAll([text + '\x01' + next]);
        for (const e of events) if (e.kind === 'frame') expect(['message', 'invalid', 'garbled']).toContain(decodeFrame(e.text).kind);
        expect(events.filter((e) => e.kind === 'frame').at(-1)).toEqual({ kind: 'frame', text: next });
      }),
      { numRuns: 400 },
    );
  });

  test('3b_InvalidChecksum, wrong BodyLength and oversized frames are reported with their reason', () => {
    const good = encodeMessage({
      header: { beginString: 'FIX.4.2', msgSeqNum: 2, senderCompId: 'TW42', targetCompId: 'ISLD', sendingTimeMs: 0, possDupFlag: false, possResend: false, origSendingTimeMs: undefined },
      body: { msgType: '0' },
    });
    const badChecksum = good.replace(/10=\d{3}\x01$/, '10=256\x01');
    const tooLong = good.replace(/\x019=\d+/, '\x019=500');
    const tooShort = good.replace(/\x019=\d+/, '\x019=10');
    const huge = good.replace(/\x019=\d+/, '\x019=999999');
    expect(frameAll([badChecksum + good]).map((e) => (e.kind === 'garbled' ? e.reason : e.kind))).toEqual(['bad-checksum', 'frame']);
    expect(frameAll([tooLong + good]).map((e) => (e.kind === 'garbled' ? e.reason : e.kind))).toEqual(['length-mismatch', 'frame']);
    expect(frameAll([tooLong]).map((e) => (e.kind === 'garbled' ? e.reason : e.kind))).toEqual(['length-mismatch']);
    expect(frameAll([tooShort + good]).map((e) => (e.kind === 'garbled' ? e.reason : e.kind))).toEqual(['length-mismatch', 'junk', 'frame']);
    expect(frameAll([huge + good]).map((e) => (e.kind === 'garbled' ? e.reason : e.kind))).toEqual(['oversized', 'junk', 'frame']);
  });
});
