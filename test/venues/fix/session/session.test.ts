// Session engine unit tests, each named after the FIX 4.4 Vol. 2 session-level test case it pins down.
import { describe, expect, test } from 'vitest';
import { NonPersistentMessageStore } from '../../../../venues/fix/session/index.ts';
import { acceptor, brief, delivered, disconnected, events, heartbeat, loggedOn, logon, order, Peer, S, sent, timerAt } from './helpers.ts';

describe('logon (1a-1e)', () => {
  test('1a: a valid Logon is answered with a Logon carrying the same HeartBtInt', () => {
    const session = acceptor();
    session.onConnected(0);
    const out = session.onMessage(0, new Peer().msg(logon(17)));
    expect(sent(out).map(brief)).toEqual(['A 1 heartBtIntSec=17']);
    expect(session.isLoggedOn).toBe(true);
  });

  test('1a: a Logon with MsgSeqNum too high is answered, then one ResendRequest from 1 to infinity', () => {
    const session = acceptor();
    session.onConnected(0);
    const out = session.onMessage(0, new Peer().msg(logon(), 0, { msgSeqNum: 5 }));
    expect(sent(out).map(brief)).toEqual(['A 1 heartBtIntSec=30', '2 2 beginSeqNo=1 endSeqNo=0']);
  });

  test('1e: a first message that is not a Logon disconnects without a reply', () => {
    const session = acceptor();
    session.onConnected(0);
    const out = session.onMessage(0, new Peer().msg(heartbeat));
    expect(sent(out)).toEqual([]);
    expect(disconnected(out)).toBe(true);
  });

  test('1d: a Logon whose SendingTime is out of tolerance is answered with a Logout saying so (QuickFIX/J text), then disconnect', () => {
    const session = acceptor();
    session.onConnected(0);
    const out = session.onMessage(0, new Peer().msg(logon(), 0, { sendingTimeMs: Date.UTC(2001, 0, 1) }));
    expect(sent(out).map(brief)).toEqual(['5 1 text=Invalid Logon message: SendingTime accuracy problem, field=52']);
    expect(disconnected(out)).toBe(true);
    expect(session.isLoggedOn).toBe(false);
  });

  test('1B d: a Logon with a field error or a negative HeartBtInt is answered with a Logout naming the field, then disconnect', () => {
    const missing = acceptor();
    missing.onConnected(0);
    const facts = { beginString: 'FIX.4.4', msgType: 'A', msgSeqNum: 1, senderCompId: 'TW', targetCompId: 'ISLD', sendingTimeMs: EPOCH(), possDupFlag: false, origSendingTimeMs: undefined };
    const out = missing.onInvalid(0, facts, { reason: 1, refTagId: 108 });
    expect(sent(out).map(brief)).toEqual(['5 1 text=Invalid Logon message: Required tag missing, field=108']);
    expect(disconnected(out)).toBe(true);
    const negative = acceptor();
    negative.onConnected(0);
    const neg = negative.onMessage(0, new Peer().msg(logon(-5)));
    expect(sent(neg).map(brief)).toEqual(['5 1 text=Invalid Logon message: Value is incorrect (out of range) for this tag, field=108']);
    expect(negative.stats.logonsRefused).toBe(1);
  });

  test('1b/1e: a Logon for another session, and a first message that is not a Logon, get no reply at all', () => {
    const other = acceptor();
    other.onConnected(0);
    const out = other.onMessage(0, new Peer('XX').msg(logon()));
    expect(sent(out)).toEqual([]);
    expect(disconnected(out)).toBe(true);
    const invalidHeartbeat = acceptor();
    invalidHeartbeat.onConnected(0);
    const facts = { beginString: 'FIX.4.4', msgType: '0', msgSeqNum: 1, senderCompId: 'TW', targetCompId: 'ISLD', sendingTimeMs: EPOCH(), possDupFlag: false, origSendingTimeMs: undefined };
    expect(sent(invalidHeartbeat.onInvalid(0, facts, { reason: 0, refTagId: 9999 }))).toEqual([]);
  });

  test('no Logon within the logon timeout: the acceptor disconnects', () => {
    const session = acceptor({ logonTimeoutNs: 2 * S });
    expect(timerAt(session.onConnected(0))).toBe(2 * S);
    expect(disconnected(session.onTimer(2 * S))).toBe(true);
  });
});

describe('MsgSeqNum (2a-2g)', () => {
  test('2b: MsgSeqNum too high triggers one ResendRequest and later messages wait for the gap to fill', () => {
    const { session, peer } = loggedOn();
    const high = session.onMessage(1, peer.msg(order('c4'), 1, { msgSeqNum: 4 }));
    expect(sent(high).map(brief)).toEqual(['2 2 beginSeqNo=2 endSeqNo=0']);
    expect(delivered(high)).toEqual([]);
    const later = session.onMessage(2, peer.msg(order('c5'), 2, { msgSeqNum: 5 }));
    expect(sent(later)).toEqual([]); // one ResendRequest, not one per message
    const fill2 = session.onMessage(3, peer.msg(order('c2'), 3, { msgSeqNum: 2, possDupFlag: true, origSendingTimeMs: 0 }));
    expect(delivered(fill2).map((m) => m.body)).toEqual([order('c2')]);
    const fill3 = session.onMessage(4, peer.msg(order('c3'), 4, { msgSeqNum: 3, possDupFlag: true, origSendingTimeMs: 0 }));
    expect(delivered(fill3).map((m) => (m.body as { clOrdId: string }).clOrdId)).toEqual(['c3', 'c4', 'c5']);
    expect(events(fill3)).toContainEqual({ type: 'gap-closed', nextTargetSeqNum: 6 });
    expect(session.nextTargetSeqNum).toBe(6);
  });

  test('2c: MsgSeqNum too low without PossDupFlag: Logout with the reason, then disconnect', () => {
    const { session, peer } = loggedOn();
    session.onMessage(1, peer.msg(heartbeat));
    const out = session.onMessage(2, peer.msg(heartbeat, 2, { msgSeqNum: 2 }));
    expect(sent(out).map(brief)).toEqual(['5 2 text=MsgSeqNum too low, expecting 3 but received 2']);
    expect(disconnected(out)).toBe(true);
  });

  test('2c applies to Logout and ResendRequest too (the spec; QuickFIX exempts them)', () => {
    const { session, peer } = loggedOn();
    session.onMessage(1, peer.msg(heartbeat));
    const out = session.onMessage(2, peer.msg({ msgType: '2', beginSeqNo: 1, endSeqNo: 0 }, 2, { msgSeqNum: 2 }));
    expect(sent(out).map((m) => m.body.msgType)).toEqual(['5']);
    expect(disconnected(out)).toBe(true);
  });

  test('2e: a PossDup message already received is ignored, and one not yet received is processed', () => {
    const { session, peer } = loggedOn();
    session.onMessage(1, peer.msg(order('a')));
    const dup = session.onMessage(2, peer.msg(order('a'), 2, { msgSeqNum: 2, possDupFlag: true, origSendingTimeMs: EPOCH() }));
    expect(delivered(dup)).toEqual([]);
    expect(session.stats.possDupIgnored).toBe(1);
    const fresh = session.onMessage(3, peer.msg(order('b'), 3, { possDupFlag: true, origSendingTimeMs: EPOCH() }));
    expect(delivered(fresh)).toHaveLength(1);
  });

  test('2f: PossDup with OrigSendingTime after SendingTime: Reject (SendingTime accuracy) and Logout', () => {
    const { session, peer } = loggedOn();
    session.onMessage(1, peer.msg(order('a')));
    const msg = peer.msg(order('a'), 2, { msgSeqNum: 2, possDupFlag: true });
    msg.header.origSendingTimeMs = msg.header.sendingTimeMs + 10_000;
    const out = session.onMessage(2, msg);
    expect(sent(out).map(brief)).toEqual(['3 2 refSeqNum=2 text=SendingTime accuracy problem refMsgType=D sessionRejectReason=10', '5 3']);
    expect(session.status).toBe('logout-sent');
  });

  test('2g: PossDup without OrigSendingTime: Reject (required tag missing, 122), inbound number unchanged', () => {
    const { session, peer } = loggedOn();
    session.onMessage(1, peer.msg(order('a')));
    const out = session.onMessage(2, peer.msg(order('a'), 2, { msgSeqNum: 2, possDupFlag: true }));
    expect(sent(out).map(brief)).toEqual(['3 2 refSeqNum=2 text=Required tag missing refTagId=122 refMsgType=D sessionRejectReason=1']);
    expect(session.nextTargetSeqNum).toBe(3);
  });

  test('2o: SendingTime beyond the tolerance: Reject (SendingTime accuracy problem) and Logout', () => {
    const { session, peer } = loggedOn({ sendingTimeToleranceMs: 120_000 });
    const out = session.onMessage(1, peer.msg(heartbeat, 1, { sendingTimeMs: EPOCH() - 121_000 }));
    expect(sent(out).map(brief)).toEqual(['3 2 refSeqNum=2 text=SendingTime accuracy problem refMsgType=0 sessionRejectReason=10', '5 3']);
    expect(session.nextTargetSeqNum).toBe(3);
  });
});

describe('heartbeats and test requests (4a, 4b, 6)', () => {
  test('4a: with nothing sent for HeartBtInt, a Heartbeat goes out', () => {
    const session = acceptor();
    session.onConnected(0);
    const out = session.onMessage(0, new Peer().msg(logon(6)));
    expect(timerAt(out)).toBe(6 * S);
    expect(sent(session.onTimer(6 * S)).map(brief)).toEqual(['0 2']);
  });

  test('4b: a TestRequest is answered by a Heartbeat with its TestReqID', () => {
    const { session, peer } = loggedOn();
    expect(sent(session.onMessage(1, peer.msg({ msgType: '1', testReqId: 'HELLO' }))).map(brief)).toEqual(['0 2 testReqId=HELLO']);
  });

  test('6: silence for HeartBtInt plus 20% sends a TestRequest; silence for as long again disconnects', () => {
    const session = acceptor();
    session.onConnected(0);
    const peer = new Peer();
    session.onMessage(0, peer.msg(logon(10)));
    expect(sent(session.onTimer(10 * S)).map(brief)).toEqual(['0 2']); // heartbeat first (nothing sent)
    const tr = session.onTimer(12 * S);
    expect(sent(tr).map(brief)).toEqual(['1 3 testReqId=TEST']);
    expect(timerAt(tr)).toBe(24 * S); // no heartbeat while the TestRequest is outstanding
    expect(disconnected(session.onTimer(24 * S))).toBe(true);
  });

  test('6: an answer to the TestRequest keeps the session up', () => {
    const session = acceptor();
    session.onConnected(0);
    const peer = new Peer();
    session.onMessage(0, peer.msg(logon(10)));
    session.onTimer(12 * S);
    const answer = session.onMessage(13 * S, peer.msg({ msgType: '0', testReqId: 'TEST' }, 13 * S));
    expect(disconnected(answer)).toBe(false);
    expect(timerAt(answer)).toBe(22 * S); // next heartbeat: 10 s after the TestRequest went out
  });
});

describe('resend (8) and sequence reset (10, 11)', () => {
  test('8: admin runs become one GapFill, application messages are resent with PossDupFlag and OrigSendingTime', () => {
    const { session, peer } = loggedOn();
    session.onMessage(1, peer.msg({ msgType: '1', testReqId: 'x' })); // we send Heartbeat 2
    const orderOut = session.send(5_000_000, order('o3')); // 3 (app) at t = 5 ms
    session.send(6_000_000, order('o4')); // 4 (app)
    session.onMessage(7, peer.msg({ msgType: '1', testReqId: 'y' })); // Heartbeat 5
    const out = session.onMessage(10 * S, peer.msg({ msgType: '2', beginSeqNo: 1, endSeqNo: 0 }, 10 * S));
    expect(sent(out).map(brief)).toEqual(['4 1 possDup gapFillFlag=true newSeqNo=3', 'D 3 possDup clOrdId=o3', 'D 4 possDup clOrdId=o4', '4 5 possDup gapFillFlag=true newSeqNo=6']);
    const resent = sent(out)[1];
    expect(resent.header.origSendingTimeMs).toBe(sent(orderOut)[0].header.sendingTimeMs);
    expect(resent.header.sendingTimeMs).toBe(EPOCH() + 10_000);
    expect(session.nextSenderSeqNum).toBe(6); // a resend takes no new sequence numbers
  });

  test('8 with PersistMessages=N: every resend is a GapFill and the business messages are recorded as lost', () => {
    const { session, peer } = loggedOn({}, new NonPersistentMessageStore());
    session.send(1, order('o2'));
    session.send(2, order('o3'));
    const out = session.onMessage(3, peer.msg({ msgType: '2', beginSeqNo: 2, endSeqNo: 0 }, 3));
    expect(sent(out).map(brief)).toEqual(['4 2 possDup gapFillFlag=true newSeqNo=4']);
    expect(events(out)).toContainEqual({ type: 'messages-lost', seqs: [2, 3] });
    expect(session.stats.applicationMessagesLost).toBe(2);
  });

  test('10: a GapFill at the expected number moves the expected number to NewSeqNo', () => {
    const { session, peer } = loggedOn();
    session.onMessage(1, peer.msg({ msgType: '4', gapFillFlag: true, newSeqNo: 20 }));
    expect(session.nextTargetSeqNum).toBe(20);
  });

  test('10: a GapFill too high is held and the gap asked for', () => {
    const { session, peer } = loggedOn();
    const out = session.onMessage(1, peer.msg({ msgType: '4', gapFillFlag: true, newSeqNo: 20 }, 1, { msgSeqNum: 10 }));
    expect(sent(out).map(brief)).toEqual(['2 2 beginSeqNo=2 endSeqNo=0']);
  });

  test('11a/11b/11c: SequenceReset-Reset raises the expected number at any MsgSeqNum, ignores equal, rejects lower', () => {
    const { session, peer } = loggedOn();
    expect(sent(session.onMessage(1, peer.msg({ msgType: '4', gapFillFlag: false, newSeqNo: 25 }, 1, { msgSeqNum: 0 })))).toEqual([]);
    expect(session.nextTargetSeqNum).toBe(25);
    expect(sent(session.onMessage(2, peer.msg({ msgType: '4', gapFillFlag: false, newSeqNo: 25 }, 2, { msgSeqNum: 0 })))).toEqual([]);
    const lower = session.onMessage(3, peer.msg({ msgType: '4', gapFillFlag: false, newSeqNo: 1 }, 3, { msgSeqNum: 0 }));
    expect(sent(lower).map(brief)).toEqual(['3 2 refSeqNum=0 text=Value is incorrect (out of range) for this tag refMsgType=4 sessionRejectReason=5']);
    expect(session.nextTargetSeqNum).toBe(25);
  });

  test('chunked ResendRequests: a gap of 7 with chunk size 3 is asked for in three requests, each after the last is in', () => {
    const { session, peer } = loggedOn({ resendChunkSize: 3 });
    expect(sent(session.onMessage(1, peer.msg(heartbeat, 1, { msgSeqNum: 9 }))).map(brief)).toEqual(['2 2 beginSeqNo=2 endSeqNo=4']);
    const asks: string[] = [];
    for (let seq = 2; seq <= 8; seq++) {
      const out = session.onMessage(2, peer.msg(heartbeat, 2, { msgSeqNum: seq, possDupFlag: true, origSendingTimeMs: EPOCH() }));
      asks.push(...sent(out).map(brief));
    }
    expect(asks).toEqual(['2 3 beginSeqNo=5 endSeqNo=7', '2 4 beginSeqNo=8 endSeqNo=8']);
    expect(session.nextTargetSeqNum).toBe(10);
  });

  test('20: a ResendRequest arriving during our own gap recovery is answered at once', () => {
    const { session, peer } = loggedOn();
    session.send(1, order('o2'));
    expect(sent(session.onMessage(2, peer.msg(heartbeat, 2, { msgSeqNum: 5 }))).map(brief)).toEqual(['2 3 beginSeqNo=2 endSeqNo=0']);
    const out = session.onMessage(3, peer.msg({ msgType: '2', beginSeqNo: 2, endSeqNo: 2 }, 3, { msgSeqNum: 6 }));
    expect(sent(out).map(brief)).toEqual(['D 2 possDup clOrdId=o2']);
    for (const seq of [2, 3, 4]) session.onMessage(4, peer.msg(heartbeat, 4, { msgSeqNum: seq, possDupFlag: true, origSendingTimeMs: EPOCH() }));
    expect(session.nextTargetSeqNum).toBe(7); // 5 (held) and 6 (answered on arrival) are consumed in order
  });
});

describe('logout (13)', () => {
  test('13b: an unsolicited Logout is confirmed and the session disconnects', () => {
    const { session, peer } = loggedOn();
    const out = session.onMessage(1, peer.msg({ msgType: '5' }));
    expect(sent(out).map(brief)).toEqual(['5 2']);
    expect(disconnected(out)).toBe(true);
  });

  test('13a: our Logout waits for the confirmation, then disconnects; unconfirmed, the timeout disconnects', () => {
    const { session, peer } = loggedOn({ logoutTimeoutNs: 3 * S });
    const out = session.logout(0, 'bye');
    expect(sent(out).map(brief)).toEqual(['5 2 text=bye']);
    expect(disconnected(session.onMessage(1, peer.msg({ msgType: '5' })))).toBe(true);
    const other = loggedOn({ logoutTimeoutNs: 3 * S }).session;
    other.logout(0);
    expect(disconnected(other.onTimer(3 * S))).toBe(true);
  });
});

describe('initiator', () => {
  test('reconnects with exponential backoff and logs on with ResetSeqNumFlag when configured', async () => {
    const { ExponentialBackoff, FixSession, PersistentMessageStore, DEFAULT_SESSION_CONFIG } = await import('../../../../venues/fix/session/index.ts');
    const session = new FixSession(
      { ...DEFAULT_SESSION_CONFIG, role: 'initiator', beginString: 'FIX.4.4', senderCompId: 'TW', targetCompId: 'ISLD', epochUtcMs: EPOCH(), resetOnLogon: true, reconnect: new ExponentialBackoff(1 * S, 4 * S) },
      new PersistentMessageStore(),
    );
    expect(session.start(0).map((o) => o.kind)).toEqual(['connect']);
    expect(timerAt(session.onConnectFailed(0))).toBe(1 * S);
    expect(session.onTimer(1 * S).map((o) => o.kind)).toEqual(['connect']);
    expect(timerAt(session.onConnectFailed(1 * S))).toBe(3 * S);
    session.onTimer(3 * S);
    expect(timerAt(session.onConnectFailed(3 * S))).toBe(7 * S); // capped at 4 s
    session.onTimer(7 * S);
    const out = session.onConnected(7 * S);
    expect(sent(out).map(brief)).toEqual(['A 1 heartBtIntSec=30 resetSeqNumFlag=true']);
  });
});

function EPOCH(): number {
  return Date.UTC(2024, 0, 2, 9, 30);
}

describe('reconnect timer', () => {
  test('start() while a reconnect is pending cancels it, so the timer is never re-armed at the same instant', async () => {
    const { FixSession, PersistentMessageStore, DEFAULT_SESSION_CONFIG, ExponentialBackoff } = await import('../../../../venues/fix/session/index.ts');
    const session = new FixSession(
      { ...DEFAULT_SESSION_CONFIG, role: 'initiator', beginString: 'FIX.4.4', senderCompId: 'A', targetCompId: 'B', epochUtcMs: 0, reconnect: new ExponentialBackoff(10_000_000, 10_000_000) },
      new PersistentMessageStore(),
    );
    session.start(0);
    session.onConnectFailed(1_000);
    session.start(2_000);
    session.onConnected(3_000);
    // Past the superseded reconnect time: the next timer must lie in the future, not at "now" again.
    const timers = session.onTimer(20_000_000).filter((o) => o.kind === 'timer');
    for (const timer of timers) if (timer.kind === 'timer' && timer.atNs !== undefined) expect(timer.atNs).toBeGreaterThan(20_000_000);
    expect(timers.length).toBeGreaterThan(0);
  });
});
