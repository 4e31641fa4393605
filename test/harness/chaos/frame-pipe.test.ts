// One direction of the chaos proxy: bytes nobody touches pass unchanged, edits recompute BodyLength and
// CheckSum and nothing else, a slow replay lets PossDup frames out one per 1/rate with live frames behind,
// and what waits is bounded.
import { describe, expect, test } from 'vitest';
import { RandomStreams } from '../../../sim/index.ts';
import { FaultState } from '../../../harness/chaos/fault-state.ts';
import { FixFrame } from '../../../harness/chaos/fix-frame.ts';
import { FramePipe, type PipeHooks } from '../../../harness/chaos/frame-pipe.ts';
import type { ProxyFault } from '../../../harness/chaos/proxy-faults.ts';
import { decodeFrame, encodeMessage, type FixMessage } from '../../../venues/fix/codec/index.ts';

const msg = (seq: number, possDup = false): string =>
  encodeMessage({
    header: { beginString: 'FIX.4.4', msgSeqNum: seq, senderCompId: 'V', targetCompId: 'C', sendingTimeMs: Date.UTC(2024, 0, 2, 9, 30), possDupFlag: possDup, possResend: false, origSendingTimeMs: possDup ? Date.UTC(2024, 0, 2, 9, 29) : undefined },
    body: { msgType: '8', orderId: `o${seq}`, execId: `e${seq}`, execType: '0', ordStatus: '0', side: '1', symbol: 'X', leavesQty: 1, cumQty: 0, avgPx: 0 },
  } as FixMessage);

function pipe(faults: ProxyFault[] = [], maxBufferedBytes = 1 << 20) {
  let now = 0;
  const state = new FaultState(new RandomStreams(1));
  for (const f of faults) state.activate(f);
  const out: { text: string; atMs: number }[] = [];
  const overflows: number[] = [];
  const hooks: PipeHooks = { arrived: () => undefined, delivered: () => undefined, touched: () => undefined, overflow: (_d, bytes) => overflows.push(bytes) };
  const p = new FramePipe('to-initiator', state, () => now, (text) => out.push({ text, atMs: now }), hooks, { maxMessageBytes: 65_536, maxBufferedBytes });
  return { p, out, overflows, advance: async (ms: number) => ((now += ms), await new Promise((r) => setTimeout(r, ms + 5))) };
}

describe('frame pipe', () => {
  test('with no fault, frames, junk between them and a truncated tail pass byte for byte, however the bytes are split', () => {
    const stream = `${msg(1)}garbage${msg(2)}${msg(3).slice(0, 40)}`;
    const { p, out } = pipe();
    for (let i = 0; i < stream.length; i += 7) p.push(Buffer.from(stream.slice(i, i + 7), 'latin1'));
    p.end();
    expect(out.map((o) => o.text).join('')).toBe(stream);
  });

  test('an edit inserts header fields after MsgSeqNum and recomputes length and checksum: the result decodes', () => {
    const frame = FixFrame.parse(msg(7)) as FixFrame;
    const copy = frame.edit(new Map([[43, 'Y'], [122, '20240102-09:29:00.000']]));
    const decoded = decodeFrame(copy.raw);
    expect(decoded.kind).toBe('message');
    if (decoded.kind !== 'message') return;
    expect(decoded.message.header).toMatchObject({ msgSeqNum: 7, possDupFlag: true, origSendingTimeMs: Date.UTC(2024, 0, 2, 9, 29) });
    expect(copy.raw.replace('43=Y\x01', '').replace('122=20240102-09:29:00.000\x01', '').replace(/9=\d+/, '').replace(/10=\d+/, '')).toBe(frame.raw.replace(/9=\d+/, '').replace(/10=\d+/, ''));
  });

  test('a slow replay lets PossDup frames out one per 1/rate, the first at once; a live frame waits behind them', async () => {
    const { p, out, advance } = pipe([{ kind: 'slow-replay', index: 0, atMs: 0, endMs: 10_000, from: 'to-initiator', rateMsgsPerSec: 20 }]);
    for (const seq of [2, 3, 4]) p.push(Buffer.from(msg(seq, true), 'latin1'));
    p.push(Buffer.from(msg(9), 'latin1'));
    expect(out).toHaveLength(1);
    await advance(50);
    expect(out).toHaveLength(2);
    await advance(50);
    expect(out.map((o) => FixFrame.parse(o.text)?.seq)).toEqual([2, 3, 4, 9]);
  });

  test('more than maxBufferedBytes waiting (a long delay) is reported as an overflow', () => {
    const { p, overflows } = pipe([{ kind: 'delay', index: 0, atMs: 0, endMs: 10_000, directions: ['to-initiator'], extraMs: 60_000, jitterMs: 0 }], 1_000);
    for (let seq = 1; seq <= 10; seq++) p.push(Buffer.from(msg(seq), 'latin1'));
    p.close();
    expect(overflows.length).toBeGreaterThan(0);
    expect(overflows[0]).toBeGreaterThan(1_000);
  });
});
