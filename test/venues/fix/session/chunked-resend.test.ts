// Gap recovery with ResendRequestChunkSize at the edges of a chunk: answers shaped as QuickFIX C++ shapes them
// (Session::nextResendRequest). When the end of a requested range lies in numbers it never stored, QuickFIX
// gap-fills what it has and then closes the range with a GapFill numbered at the range's BeginSeqNo: too low by
// then, so ignored (Vol. 2 test 10), while the expected number is still inside the chunk.
import { describe, expect, test } from 'vitest';
import type { FixMessage } from '../../../../venues/fix/codec/index.ts';
import type { FixSession } from '../../../../venues/fix/session/index.ts';
import { brief, events, heartbeat, loggedOn, order, type Peer, sent, timerAt } from './helpers.ts';

const gapFill = (peer: Peer, seq: number, newSeqNo: number): FixMessage =>
  peer.msg({ msgType: '4', gapFillFlag: true, newSeqNo }, 2, { msgSeqNum: seq, possDupFlag: true, origSendingTimeMs: peer.msg(heartbeat, 2, { msgSeqNum: 0 }).header.sendingTimeMs });
const resent = (peer: Peer, seq: number): FixMessage => peer.msg(order(`o${seq}`), 2, { msgSeqNum: seq, possDupFlag: true, origSendingTimeMs: peer.msg(heartbeat, 2, { msgSeqNum: 0 }).header.sendingTimeMs });

/** Feeds messages in order; returns what the session sent, briefly. */
function feed(session: FixSession, messages: readonly FixMessage[]): string[] {
  return messages.flatMap((m) => sent(session.onMessage(2, m)).map(brief));
}

describe('chunked ResendRequests at chunk boundaries', () => {
  test('a GapFill to inside the chunk, then a trailing GapFill numbered at the chunk start: the rest of the chunk is asked for at once', () => {
    const { session, peer } = loggedOn({ resendChunkSize: 3 });
    expect(sent(session.onMessage(1, peer.msg(heartbeat, 1, { msgSeqNum: 9 }))).map(brief)).toEqual(['2 2 beginSeqNo=2 endSeqNo=4']);
    // QuickFIX stored 2 (a heartbeat) but not 3 and 4: GapFill 2 -> 3, then GapFill "2" -> 5 for the range's tail.
    const out = feed(session, [gapFill(peer, 2, 3), gapFill(peer, 2, 5)]);
    expect(session.nextTargetSeqNum).toBe(3);
    expect(out).toEqual(['2 3 beginSeqNo=3 endSeqNo=5']);
    // The peer answers the re-ask from 3 with a GapFill past it; the next chunk follows, and the gap closes at 10.
    expect(feed(session, [gapFill(peer, 3, 6)])).toEqual(['2 4 beginSeqNo=6 endSeqNo=8']);
    const last = session.onMessage(3, gapFill(peer, 6, 9));
    expect(events(last)).toContainEqual({ type: 'gap-closed', nextTargetSeqNum: 10 });
    expect(session.inGapRecovery).toBe(false);
  });

  test('a resent message, then the trailing GapFill numbered at the chunk start: the rest is asked for at once', () => {
    const { session, peer } = loggedOn({ resendChunkSize: 3 });
    session.onMessage(1, peer.msg(heartbeat, 1, { msgSeqNum: 9 }));
    const out = feed(session, [resent(peer, 2), gapFill(peer, 2, 5)]);
    expect(session.nextTargetSeqNum).toBe(3);
    expect(out).toEqual(['2 3 beginSeqNo=3 endSeqNo=5']);
  });

  test('a GapFill to exactly the chunk end plus one moves on to the next chunk without a re-ask', () => {
    const { session, peer } = loggedOn({ resendChunkSize: 3 });
    session.onMessage(1, peer.msg(heartbeat, 1, { msgSeqNum: 9 }));
    expect(feed(session, [gapFill(peer, 2, 5)])).toEqual(['2 3 beginSeqNo=5 endSeqNo=7']);
    expect(feed(session, [gapFill(peer, 2, 5)])).toEqual([]); // the duplicate carries nothing new
  });

  test('a GapFill beyond the chunk and past held messages closes the gap and drops what it skipped', () => {
    const { session, peer } = loggedOn({ resendChunkSize: 3 });
    session.onMessage(1, peer.msg(heartbeat, 1, { msgSeqNum: 6 }));
    session.onMessage(1, peer.msg(heartbeat, 1, { msgSeqNum: 9 }));
    const out = session.onMessage(2, gapFill(peer, 2, 10));
    expect(events(out)).toContainEqual({ type: 'gap-closed', nextTargetSeqNum: 10 });
    expect(sent(out)).toEqual([]);
  });

  test('a stale too-low GapFill that moves nothing forward asks for nothing', () => {
    const { session, peer } = loggedOn({ resendChunkSize: 3 });
    session.onMessage(1, peer.msg(heartbeat, 1, { msgSeqNum: 9 }));
    feed(session, [resent(peer, 2), resent(peer, 3)]);
    expect(feed(session, [gapFill(peer, 2, 4)])).toEqual([]);
    expect(session.nextTargetSeqNum).toBe(4);
  });

  test('without a gap open, a too-low PossDup GapFill is ignored as test 10 says', () => {
    const { session, peer } = loggedOn({ resendChunkSize: 3 });
    session.onMessage(1, peer.msg(heartbeat));
    const out = session.onMessage(2, gapFill(peer, 1, 20));
    expect(sent(out)).toEqual([]);
    expect(session.nextTargetSeqNum).toBe(3);
    expect(timerAt(out)).toBeUndefined();
  });
});
