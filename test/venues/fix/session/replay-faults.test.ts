// Seed 002's replay faults as session behaviour: a slow replay (answers to a ResendRequest paced at a rate,
// live traffic queued behind them) and a resend storm (the open gap asked for again on an interval).
import { describe, expect, test } from 'vitest';
import { NS_PER_MS } from '../../../../sim/time.ts';
import { brief, delivered, EPOCH_MS, events, heartbeat, loggedOn, order, S, sent, timerAt } from './helpers.ts';

const MS = NS_PER_MS;

/** Logged on, four orders sent (2..5), replays paced at 10 msgs/s, and the peer's ResendRequest for 2.. at t = 1 s. */
function replayingFour() {
  const { session, peer } = loggedOn();
  session.paceReplays(0, 10);
  for (let k = 2; k <= 5; k++) session.send(k * MS, order(`o${k}`));
  const first = session.onMessage(1 * S, peer.msg({ msgType: '2', beginSeqNo: 2, endSeqNo: 0 }, 1 * S));
  return { session, peer, first };
}

describe('slow replay', () => {
  test('the answer to a ResendRequest leaves at the replay rate: one message at once, then one per 1/rate on the timer', () => {
    const { session, first } = replayingFour();
    expect(sent(first).map(brief)).toEqual(['D 2 possDup clOrdId=o2']);
    expect(timerAt(first)).toBe(1 * S + 100 * MS);
    expect(session.outboundBacklog).toBe(3);
    const second = session.onTimer(1 * S + 100 * MS);
    expect(sent(second).map(brief)).toEqual(['D 3 possDup clOrdId=o3']);
    // SendingTime is stamped when the message leaves, so a long replay does not trip the peer's tolerance.
    expect(sent(second)[0].header.sendingTimeMs).toBe(EPOCH_MS + 1100);
    expect(sent(second)[0].header.origSendingTimeMs).toBe(EPOCH_MS + 3);
    expect(timerAt(second)).toBe(1 * S + 200 * MS);
    expect(session.stats.outboundBacklogMax).toBe(3);
  });

  test('messages sent live during the replay go out after it, in sequence order, and are not paced', () => {
    const { session } = replayingFour();
    const live = session.send(1 * S + 50 * MS, order('o6'));
    expect(sent(live)).toEqual([]); // behind the replay
    const out = [...session.onTimer(1 * S + 100 * MS), ...session.onTimer(1 * S + 200 * MS), ...session.onTimer(1 * S + 300 * MS)];
    expect(sent(out).map(brief)).toEqual(['D 3 possDup clOrdId=o3', 'D 4 possDup clOrdId=o4', 'D 5 possDup clOrdId=o5', 'D 6 clOrdId=o6']);
    expect(session.outboundBacklog).toBe(0);
  });

  test('a second ResendRequest during a replay is answered behind the first (each replay competes with what is queued)', () => {
    const { session, peer } = replayingFour();
    session.onMessage(1 * S + 10 * MS, peer.msg({ msgType: '2', beginSeqNo: 4, endSeqNo: 0 }, 1 * S + 10 * MS));
    expect(session.outboundBacklog).toBe(5);
    const out = [];
    for (let k = 1; k <= 5; k++) out.push(...session.onTimer(1 * S + k * 100 * MS));
    expect(sent(out).map(brief)).toEqual(['D 3 possDup clOrdId=o3', 'D 4 possDup clOrdId=o4', 'D 5 possDup clOrdId=o5', 'D 4 possDup clOrdId=o4', 'D 5 possDup clOrdId=o5']);
    expect(session.stats.resendRequestsServed).toBe(2);
  });

  test('when the slowness ends the backlog leaves at once', () => {
    const { session } = replayingFour();
    const out = session.paceReplays(1 * S + 10 * MS, undefined);
    expect(sent(out).map(brief)).toEqual(['D 3 possDup clOrdId=o3', 'D 4 possDup clOrdId=o4', 'D 5 possDup clOrdId=o5']);
    expect(session.outboundBacklog).toBe(0);
  });

  test('a disconnect drops the backlog (the store still holds the messages for the next ResendRequest)', () => {
    const { session } = replayingFour();
    session.onDisconnected(1 * S + 10 * MS);
    expect(session.outboundBacklog).toBe(0);
  });

  test('without a rate a replay leaves at once, as before', () => {
    const { session, peer } = loggedOn();
    for (let k = 2; k <= 4; k++) session.send(k * MS, order(`o${k}`));
    const out = session.onMessage(1 * S, peer.msg({ msgType: '2', beginSeqNo: 2, endSeqNo: 0 }, 1 * S));
    expect(sent(out)).toHaveLength(3);
    expect(session.outboundBacklog).toBe(0);
  });
});

describe('resend storm', () => {
  /** Logged on with a storm every 200 ms, and a gap 2..4 seen at t = 0 (message 5 arrives first). */
  function stormingGap() {
    const { session, peer } = loggedOn();
    session.repeatResendRequests(0, 200 * MS);
    const first = session.onMessage(0, peer.msg(heartbeat, 0, { msgSeqNum: 5 }));
    return { session, peer, first };
  }
  const possDup = { possDupFlag: true, origSendingTimeMs: EPOCH_MS };

  test('while the gap stays open the open range is asked for again every interval, from the first number still missing', () => {
    const { session, peer, first } = stormingGap();
    expect(sent(first).map(brief)).toEqual(['2 2 beginSeqNo=2 endSeqNo=0']);
    expect(timerAt(first)).toBe(200 * MS);
    expect(sent(session.onTimer(200 * MS)).map(brief)).toEqual(['2 3 beginSeqNo=2 endSeqNo=0']);
    session.onMessage(250 * MS, peer.msg(order('a'), 250 * MS, { msgSeqNum: 2, ...possDup }));
    expect(sent(session.onTimer(400 * MS)).map(brief)).toEqual(['2 4 beginSeqNo=3 endSeqNo=0']);
    expect(session.stats.resendRequestsSent).toBe(3);
  });

  test('once the gap closes the storm stops asking; switched off, an open gap is asked for once', () => {
    const { session, peer } = stormingGap();
    let out = session.onMessage(100 * MS, peer.msg({ msgType: '4', gapFillFlag: true, newSeqNo: 5 }, 100 * MS, { msgSeqNum: 2, ...possDup }));
    expect(events(out)).toContainEqual({ type: 'gap-closed', nextTargetSeqNum: 6 });
    expect(timerAt(out)).not.toBe(200 * MS);
    expect(session.inGapRecovery).toBe(false);
    session.repeatResendRequests(150 * MS, undefined);
    out = session.onMessage(160 * MS, peer.msg(heartbeat, 160 * MS, { msgSeqNum: 8 }));
    expect(sent(out).map(brief)).toEqual(['2 3 beginSeqNo=6 endSeqNo=0']);
    expect(timerAt(out)).toBe(160 * MS + 30 * S); // the heartbeat's, not a storm's
  });

  test('with a chunk size the storm asks for the current chunk again', () => {
    const { session, peer } = loggedOn({ resendChunkSize: 2 });
    session.repeatResendRequests(0, 200 * MS);
    expect(sent(session.onMessage(0, peer.msg(heartbeat, 0, { msgSeqNum: 9 }))).map(brief)).toEqual(['2 2 beginSeqNo=2 endSeqNo=3']);
    expect(sent(session.onTimer(200 * MS)).map(brief)).toEqual(['2 3 beginSeqNo=2 endSeqNo=3']);
  });

  test('the repeated replays it provokes are dropped as PossDup duplicates: each business message is applied once', () => {
    const { session, peer } = stormingGap();
    const replay = (atNs: number) => [2, 3, 4].flatMap((seq) => delivered(session.onMessage(atNs, peer.msg(order(`o${seq}`), atNs, { msgSeqNum: seq, ...possDup }))));
    const firstReplay = replay(250 * MS);
    const again = [...replay(300 * MS), ...replay(350 * MS)];
    expect(firstReplay.map((m) => m.header.msgSeqNum)).toEqual([2, 3, 4]);
    expect(again).toEqual([]);
    expect(session.stats.possDupIgnored).toBe(6);
    expect(session.nextTargetSeqNum).toBe(6);
  });
});
