// Session faults from a scenario's fault list reach the session pair: a slow replay paces one side's replays
// for its duration, a resend storm makes one side re-request its open gap on an interval for its duration,
// and issue 18's faults (loss by direction, type and count; a sequence reset) reach the link and the sessions.
import { describe, expect, test } from 'vitest';
import { Constant } from '../../../sim/distributions.ts';
import { Kernel, NS_PER_MS, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { fault } from '../../../harness/scenario/index.ts';
import { resolveFaults } from '../../../harness/world/resolve-faults.ts';
import { scheduleSessionFaults } from '../../../harness/world/session-fault-schedule.ts';
import type { ExecutionReport } from '../../../venues/fix/codec/index.ts';
import { DEFAULT_SESSION_CONFIG, FixSession, PersistentMessageStore } from '../../../venues/fix/session/index.ts';
import { SimSessionEndpoint, SimulatedLink } from '../../../venues/fix/sim/index.ts';

const report = (k: number): ExecutionReport => ({ msgType: '8', orderId: `o${k}`, execId: `e${k}`, execType: '0', ordStatus: '0', side: '1', symbol: 'X', leavesQty: 1, cumQty: 0, avgPx: 0 });

/**
 * One session pair on a 1 ms link. The venue sends an execution report every 20 ms for 4 s; the link loses
 * everything from 1.0 s to 1.5 s, so the router has a gap of about 25 reports to recover.
 */
function run(faultSpecs: unknown[], baseLoss = true) {
  const kernel = new Kernel();
  const streams = new RandomStreams(1);
  const link = new SimulatedLink(kernel, { latencyNs: new Constant(NS_PER_MS), latencyRng: streams.get('latency'), lossRng: streams.get('loss'), faultRng: streams.get('faults'), connectDelayNs: NS_PER_MS });
  const base = { ...DEFAULT_SESSION_CONFIG, beginString: 'FIX.4.4' as const, epochUtcMs: 0, heartBtIntSec: 1 };
  const routerStore = new PersistentMessageStore();
  const venueStore = new PersistentMessageStore();
  const delivered: string[] = [];
  const routerEnd = new SimSessionEndpoint(kernel, new FixSession({ ...base, role: 'initiator', senderCompId: 'ROUTER', targetCompId: 'S1' }, routerStore), link, 0, {
    onMessage: (m) => delivered.push(m.body.msgType === '8' ? m.body.execId : '?'),
  });
  const venueEnd = new SimSessionEndpoint(kernel, new FixSession({ ...base, role: 'acceptor', senderCompId: 'S1', targetCompId: 'ROUTER' }, venueStore), link, 1, { onMessage: () => {} });
  const specs = [...(baseLoss ? [{ kind: 'session-message-loss', at: '1s', session: 's1', duration: '500ms', lossProbability: 1 }] : []), ...faultSpecs];
  scheduleSessionFaults(kernel, { link, routerStore, venueStore, routerEnd, venueEnd }, 's1', resolveFaults(specs.map((s) => fault.parse(s)), streams));
  for (let k = 0; k < 200; k++) kernel.schedule(100 * NS_PER_MS + k * 20 * NS_PER_MS, () => venueEnd.send(report(k)));
  routerEnd.start();
  const backlogAt = (atNs: number) => {
    kernel.run({ until: atNs });
    return venueEnd.session.outboundBacklog;
  };
  return { kernel, routerEnd, venueEnd, delivered, backlogAt };
}

describe('session fault schedule', () => {
  test('session-slow-replay paces the venue side for its duration; the backlog leaves when it ends', () => {
    const plain = run([]);
    plain.backlogAt(20 * NS_PER_S);
    expect(plain.venueEnd.session.stats.outboundBacklogMax).toBe(0);

    const slow = run([{ kind: 'session-slow-replay', at: '500ms', session: 's1', side: 'venue', rateMsgsPerSec: 5, duration: '6s' }]);
    expect(slow.backlogAt(3 * NS_PER_S)).toBeGreaterThan(0); // ~25 replayed at 5/s take ~5 s, live reports queue behind
    expect(slow.backlogAt(6_500 * NS_PER_MS + 1)).toBe(0); // the slowness ended at 6.5 s: all gone at once
    slow.backlogAt(20 * NS_PER_S);
    expect(slow.delivered).toEqual(plain.delivered);
    expect(slow.routerEnd.session.inGapRecovery).toBe(false);
  });

  test('a slow replay on the other side leaves this gap alone', () => {
    const other = run([{ kind: 'session-slow-replay', at: '500ms', session: 's1', side: 'router', rateMsgsPerSec: 5, duration: '6s' }]);
    other.backlogAt(20 * NS_PER_S);
    expect(other.venueEnd.session.stats.outboundBacklogMax).toBe(0);
  });

  test('session-resend-storm makes the router re-request its open gap every interval, only while the storm lasts', () => {
    const slowOnly = run([{ kind: 'session-slow-replay', at: '500ms', session: 's1', side: 'venue', rateMsgsPerSec: 5, duration: '10s' }]);
    slowOnly.backlogAt(20 * NS_PER_S);
    const storm = run([
      { kind: 'session-slow-replay', at: '500ms', session: 's1', side: 'venue', rateMsgsPerSec: 5, duration: '10s' },
      { kind: 'session-resend-storm', at: '500ms', session: 's1', side: 'router', interval: '500ms', duration: '3s' },
    ]);
    storm.backlogAt(20 * NS_PER_S);
    const asked = storm.routerEnd.session.stats.resendRequestsSent - slowOnly.routerEnd.session.stats.resendRequestsSent;
    // The gap opens when the report sent at 1.5 s arrives (1.501 s); the storm asks again 500 ms after each
    // request, at 2.001, 2.501 and 3.001 s, and is over before 3.501 s: three more requests, three more replays.
    expect(asked).toBe(3);
    expect(storm.venueEnd.session.stats.resendRequestsServed).toBe(slowOnly.venueEnd.session.stats.resendRequestsServed + 3);
    expect(storm.delivered).toEqual(slowOnly.delivered);
    expect(storm.routerEnd.session.stats.possDupIgnored).toBeGreaterThan(slowOnly.routerEnd.session.stats.possDupIgnored);
  });

  test('session-message-loss by direction, type and count: the router sees one gap of exactly that many, the venue none', () => {
    const lossy = run([{ kind: 'session-message-loss', at: '1s', session: 's1', duration: '2s', lossProbability: 1, direction: 'to-router', msgTypes: ['8'], maxMessages: 3 }], false);
    lossy.backlogAt(20 * NS_PER_S);
    expect(lossy.routerEnd.session.stats.gapsDetected).toBe(1);
    expect(lossy.venueEnd.session.stats.gapsDetected).toBe(0);
    // The request runs to infinity: the 3 lost reports and the one held above the gap are resent.
    expect(lossy.venueEnd.session.stats.messagesResent).toBe(4);
    expect(lossy.delivered).toHaveLength(200);
  });

  test('session-sequence-reset on the venue side moves the router on by the jump, with no gap', () => {
    const plain = run([], false);
    plain.backlogAt(20 * NS_PER_S);
    const reset = run([{ kind: 'session-sequence-reset', at: '2s', session: 's1', side: 'venue', jump: 40 }], false);
    reset.backlogAt(20 * NS_PER_S);
    expect(reset.routerEnd.session.nextTargetSeqNum).toBe(plain.routerEnd.session.nextTargetSeqNum + 40);
    expect(reset.routerEnd.session.stats.gapsDetected).toBe(0);
    expect(reset.delivered).toEqual(plain.delivered);
  });
});
