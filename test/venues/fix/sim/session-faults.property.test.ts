// Properties of two FIX sessions (initiator and acceptor) over a simulated link under random fault schedules
// (message loss windows, connection cuts, refused reconnects): every application message is delivered once
// and in order, or recorded as lost by a sender that does not persist; a PossDup message is never applied
// twice; both sides end logged on with matching sequence numbers. METRICS.md "Invariants", seed 002.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Uniform } from '../../../../sim/distributions.ts';
import { Kernel } from '../../../../sim/kernel.ts';
import { RandomStreams } from '../../../../sim/random.ts';
import { NS_PER_MS, NS_PER_S } from '../../../../sim/time.ts';
import type { AppBody, ExecutionReport, NewOrderSingle } from '../../../../venues/fix/codec/index.ts';
import {
  DEFAULT_SESSION_CONFIG,
  ExponentialBackoff,
  FixSession,
  NonPersistentMessageStore,
  PersistentMessageStore,
  type SessionConfig,
} from '../../../../venues/fix/session/index.ts';
import { SimSessionEndpoint, SimulatedLink, type SimFixApplication } from '../../../../venues/fix/sim/index.ts';

type Fault = { atMs: number; kind: 'cut' | 'loss' | 'refuse'; durationMs: number; probability: number };

interface Scenario {
  seed: number;
  faults: Fault[];
  initiatorPersists: boolean;
  acceptorPersists: boolean;
  chunkSize: number;
  messagesEach: number;
}

const FAULT_WINDOW_MS = 20_000;
const QUIET_MS = 60_000;

/** Records what one side's application received, and which of its own sends went out under which MsgSeqNum. */
class Recorder implements SimFixApplication {
  readonly delivered: string[] = [];
  readonly deliveredPossDup: string[] = [];
  readonly sentIds: string[] = [];
  readonly idBySeq = new Map<number, string>();
  readonly lostIds: string[] = [];

  onMessage(message: { header: { possDupFlag: boolean }; body: AppBody }): void {
    const id = message.body.msgType === 'D' ? message.body.clOrdId : message.body.msgType === '8' ? message.body.execId : '?';
    this.delivered.push(id);
    if (message.header.possDupFlag) this.deliveredPossDup.push(id);
  }

  onEvent(event: { type: string; seqs?: readonly number[] }): void {
    if (event.type === 'messages-lost') for (const seq of event.seqs ?? []) this.lostIds.push(this.idBySeq.get(seq) ?? `seq${seq}`);
  }

  send(endpoint: SimSessionEndpoint, id: string, body: AppBody): void {
    endpoint.send(body);
    this.sentIds.push(id);
    this.idBySeq.set(endpoint.session.nextSenderSeqNum - 1, id);
  }
}

const order = (id: string): NewOrderSingle => ({ msgType: 'D', clOrdId: id, ordType: '2', price: 10, orderQty: 100, side: '1', symbol: 'X', transactTime: '20240102-09:30:00' });
const report = (id: string): ExecutionReport => ({ msgType: '8', orderId: id, execId: id, execType: '0', ordStatus: '0', side: '1', symbol: 'X', leavesQty: 100, cumQty: 0, avgPx: 0 });

function runScenario(s: Scenario) {
  const kernel = new Kernel();
  const streams = new RandomStreams(s.seed);
  const link = new SimulatedLink(kernel, {
    latencyNs: new Uniform(50_000, 3 * NS_PER_MS),
    latencyRng: streams.get('latency.fix.link'),
    lossRng: streams.get('fault.fix.loss'),
    connectDelayNs: NS_PER_MS,
  });
  const common: Omit<SessionConfig, 'role' | 'senderCompId' | 'targetCompId'> = {
    ...DEFAULT_SESSION_CONFIG,
    beginString: 'FIX.4.4',
    heartBtIntSec: 1,
    resendChunkSize: s.chunkSize,
    resendRetryNs: 1500 * NS_PER_MS,
    logonTimeoutNs: 2 * NS_PER_S,
    logoutTimeoutNs: 2 * NS_PER_S,
    epochUtcMs: Date.UTC(2024, 0, 2, 9, 30),
  };
  const initiator = new FixSession(
    { ...common, role: 'initiator', senderCompId: 'CLIENT', targetCompId: 'VENUE', reconnect: new ExponentialBackoff(100 * NS_PER_MS, 2 * NS_PER_S) },
    s.initiatorPersists ? new PersistentMessageStore() : new NonPersistentMessageStore(),
  );
  const acceptor = new FixSession({ ...common, role: 'acceptor', senderCompId: 'VENUE', targetCompId: 'CLIENT' }, s.acceptorPersists ? new PersistentMessageStore() : new NonPersistentMessageStore());
  const client = new Recorder();
  const venue = new Recorder();
  const clientEnd = new SimSessionEndpoint(kernel, initiator, link, 0, client);
  const venueEnd = new SimSessionEndpoint(kernel, acceptor, link, 1, venue);

  const sendTimes = streams.get('test.send-times');
  for (let k = 0; k < s.messagesEach; k++) {
    kernel.schedule(Math.floor(sendTimes.next() * FAULT_WINDOW_MS) * NS_PER_MS, () => client.send(clientEnd, `c${k}`, order(`c${k}`)));
    kernel.schedule(Math.floor(sendTimes.next() * FAULT_WINDOW_MS) * NS_PER_MS, () => venue.send(venueEnd, `v${k}`, report(`v${k}`)));
  }
  for (const f of s.faults) {
    const at = f.atMs * NS_PER_MS;
    if (f.kind === 'loss') {
      kernel.schedule(at, () => (link.lossProbability = f.probability));
      kernel.schedule(at + f.durationMs * NS_PER_MS, () => (link.lossProbability = 0));
    } else {
      kernel.schedule(at, () => {
        if (f.kind === 'refuse') link.refuseConnectionsUntil(at + f.durationMs * NS_PER_MS);
        link.disconnect();
      });
    }
  }
  kernel.schedule((FAULT_WINDOW_MS + 1) * NS_PER_MS, () => (link.lossProbability = 0));
  clientEnd.start();
  kernel.run({ until: (FAULT_WINDOW_MS + QUIET_MS) * NS_PER_MS });
  return { initiator, acceptor, client, venue, link };
}

/** Delivered exactly once, in send order, or recorded lost by the sender; nothing else. */
function checkDirection(sender: Recorder, receiver: Recorder, senderPersists: boolean): void {
  expect(new Set(receiver.delivered).size).toBe(receiver.delivered.length);
  const lost = new Set(sender.lostIds);
  expect(receiver.delivered.filter((id) => lost.has(id))).toEqual([]);
  expect(receiver.delivered).toEqual(sender.sentIds.filter((id) => !lost.has(id)));
  if (senderPersists) expect(sender.lostIds).toEqual([]);
}

const faultArb: fc.Arbitrary<Fault> = fc.record({
  atMs: fc.integer({ min: 0, max: FAULT_WINDOW_MS }),
  kind: fc.constantFrom('cut' as const, 'loss' as const, 'refuse' as const),
  durationMs: fc.integer({ min: 50, max: 6_000 }),
  probability: fc.double({ min: 0.05, max: 1, noNaN: true }),
});
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  faults: fc.array(faultArb, { maxLength: 6 }),
  initiatorPersists: fc.boolean(),
  acceptorPersists: fc.boolean(),
  chunkSize: fc.constantFrom(0, 0, 1, 3, 10),
  messagesEach: fc.integer({ min: 1, max: 40 }),
});

describe('FIX sessions over a faulty simulated link', () => {
  test('every application message is delivered once and in order, or recorded lost by a non-persisting sender; sequence numbers agree at the end', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { initiator, acceptor, client, venue } = runScenario(scenario);
        expect(initiator.isLoggedOn && acceptor.isLoggedOn).toBe(true);
        checkDirection(client, venue, scenario.initiatorPersists);
        checkDirection(venue, client, scenario.acceptorPersists);
        expect(initiator.nextSenderSeqNum).toBe(acceptor.nextTargetSeqNum);
        expect(acceptor.nextSenderSeqNum).toBe(initiator.nextTargetSeqNum);
        expect(initiator.inGapRecovery || acceptor.inGapRecovery).toBe(false);
      }),
      { numRuns: 120 },
    );
  });

  test('a PossDup replay is never applied twice: resends after a loss window deliver each message once', () => {
    const scenario: Scenario = { seed: 7, faults: [{ atMs: 2_000, kind: 'loss', durationMs: 3_000, probability: 0.7 }], initiatorPersists: true, acceptorPersists: true, chunkSize: 0, messagesEach: 40 };
    const { client, venue, initiator, acceptor } = runScenario(scenario);
    expect(initiator.stats.messagesResent + acceptor.stats.messagesResent).toBeGreaterThan(0); // the fault did force replays
    expect(client.deliveredPossDup.length + venue.deliveredPossDup.length).toBeGreaterThan(0);
    checkDirection(client, venue, true);
    checkDirection(venue, client, true);
  });

  test('same seed and fault schedule, same run', () => {
    const scenario: Scenario = { seed: 3, faults: [{ atMs: 5_000, kind: 'cut', durationMs: 100, probability: 1 }, { atMs: 9_000, kind: 'loss', durationMs: 2_000, probability: 0.5 }], initiatorPersists: false, acceptorPersists: true, chunkSize: 3, messagesEach: 30 };
    const a = runScenario(scenario);
    const b = runScenario(scenario);
    expect(b.venue.delivered).toEqual(a.venue.delivered);
    expect(b.client.delivered).toEqual(a.client.delivered);
    expect(b.initiator.stats).toEqual(a.initiator.stats);
    expect(b.link.messagesLost).toBe(a.link.messagesLost);
  });
});
