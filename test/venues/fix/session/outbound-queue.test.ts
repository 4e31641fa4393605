// The outbound queue behind a slow replay: pacing, order, and its compaction under a long storm backlog.
import { describe, expect, test } from 'vitest';
import { NS_PER_MS } from '../../../../sim/time.ts';
import { OutboundQueue } from '../../../../venues/fix/session/index.ts';
import { heartbeat, Peer } from './helpers.ts';

describe('OutboundQueue', () => {
  test('without a rate nothing is ever queued', () => {
    const queue = new OutboundQueue();
    const peer = new Peer();
    expect(queue.offer(peer.msg(heartbeat), true, 0)).toBe(true);
    expect(queue.offer(peer.msg(heartbeat), true, 0)).toBe(true);
    expect(queue.backlog).toBe(0);
  });

  test('paced messages leave one per 1/rate; an unpaced one waits behind them, then leaves at once', () => {
    const queue = new OutboundQueue();
    const peer = new Peer();
    queue.setRate(100); // 10 ms apart
    expect(queue.offer(peer.msg(heartbeat), true, 0)).toBe(true);
    expect(queue.offer(peer.msg(heartbeat), true, 0)).toBe(false);
    expect(queue.offer(peer.msg(heartbeat), false, 0)).toBe(false);
    expect(queue.nextDueNs()).toBe(10 * NS_PER_MS);
    expect(queue.take(10 * NS_PER_MS - 1)).toBeUndefined();
    expect(queue.take(10 * NS_PER_MS)?.header.msgSeqNum).toBe(2);
    expect(queue.take(10 * NS_PER_MS)?.header.msgSeqNum).toBe(3);
    expect(queue.backlog).toBe(0);
  });

  test('a backlog of many thousands keeps its order through compaction', () => {
    const queue = new OutboundQueue();
    const peer = new Peer();
    queue.setRate(1_000);
    queue.offer(peer.msg(heartbeat), true, 0);
    for (let k = 0; k < 10_000; k++) queue.offer(peer.msg(heartbeat), true, 0);
    const seqs: number[] = [];
    for (let t = 1; queue.backlog > 0; t++) seqs.push(queue.take(t * NS_PER_MS)?.header.msgSeqNum ?? -1);
    expect(seqs).toEqual(Array.from({ length: 10_000 }, (_, k) => k + 2));
  });

  test('a rate that is not positive is a programmer error', () => {
    expect(() => new OutboundQueue().setRate(0)).toThrow(/positive/);
  });
});
