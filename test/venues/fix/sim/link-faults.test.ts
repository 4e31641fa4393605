// The session faults issue 18 shares between the simulator and the chaos proxy, as the simulated link and the
// sessions apply them: loss by direction, type and count; delay and jitter; duplicates with and without
// PossDupFlag; reordering; a sequence reset; GapFills over business messages. Two engines over one link.
import { describe, expect, it } from 'vitest';
import { Constant, Kernel, NS_PER_MS, NS_PER_S, RandomStreams } from '../../../../sim/index.ts';
import type { AppBody, ExecutionReport, FixMessage } from '../../../../venues/fix/codec/index.ts';
import { DEFAULT_SESSION_CONFIG, FixSession, PersistentMessageStore, type SessionEvent } from '../../../../venues/fix/session/index.ts';
import { SimSessionEndpoint, SimulatedLink, type LinkFault, type SimFixApplication } from '../../../../venues/fix/sim/index.ts';

class App implements SimFixApplication {
  readonly delivered: { id: string; atNs: number; seq: number }[] = [];
  readonly events: SessionEvent[] = [];
  constructor(private readonly kernel: Kernel) {}
  onMessage(message: FixMessage<AppBody>): void {
    if (message.body.msgType === '8') this.delivered.push({ id: message.body.execId, atNs: this.kernel.now, seq: message.header.msgSeqNum });
  }
  onEvent(event: SessionEvent): void {
    this.events.push(event);
  }
}

const report = (id: string): ExecutionReport => ({ msgType: '8', orderId: id, execId: id, execType: '0', ordStatus: '0', side: '1', symbol: 'X', leavesQty: 100, cumQty: 0, avgPx: 0 });

/** Logs on, then the venue sends `count` reports 100 ms apart from 1 s; `during` runs at 1 s. */
function run(count: number, during: (w: { link: SimulatedLink; venueEnd: SimSessionEndpoint; clientEnd: SimSessionEndpoint }) => void) {
  const kernel = new Kernel();
  const streams = new RandomStreams(11);
  const link = new SimulatedLink(kernel, { latencyNs: new Constant(NS_PER_MS), latencyRng: streams.get('l'), lossRng: streams.get('loss'), faultRng: streams.get('faults'), connectDelayNs: NS_PER_MS });
  const common = { ...DEFAULT_SESSION_CONFIG, beginString: 'FIX.4.4' as const, heartBtIntSec: 1, epochUtcMs: Date.UTC(2024, 0, 2, 9, 30) };
  const client = new App(kernel);
  const venue = new App(kernel);
  const clientEnd = new SimSessionEndpoint(kernel, new FixSession({ ...common, role: 'initiator', senderCompId: 'C', targetCompId: 'V' }, new PersistentMessageStore()), link, 0, client);
  const venueEnd = new SimSessionEndpoint(kernel, new FixSession({ ...common, role: 'acceptor', senderCompId: 'V', targetCompId: 'C' }, new PersistentMessageStore()), link, 1, venue);
  kernel.schedule(NS_PER_S, () => during({ link, venueEnd, clientEnd }));
  for (let k = 0; k < count; k++) kernel.schedule(NS_PER_S + k * 100 * NS_PER_MS, () => venueEnd.send(report(`r${k}`)));
  clientEnd.start();
  kernel.run({ until: 20 * NS_PER_S });
  return { client, venue, clientSession: clientEnd.session, venueSession: venueEnd.session };
}

const ids = (n: number) => Array.from({ length: n }, (_, k) => `r${k}`);
const types = (events: readonly SessionEvent[]) => events.map((e) => e.type);
const fault = (f: LinkFault, to: 0 | 1 = 0) => (w: { link: SimulatedLink }) => void w.link.addFault(to, f);

describe('message faults on a simulated link', () => {
  it('loses up to maxMessages of one type in one direction: one gap of that size, recovered, nothing delivered twice', () => {
    const { client, venue, clientSession } = run(10, fault({ kind: 'loss', probability: 1, msgTypes: new Set(['8']), maxMessages: 3 }));
    expect(client.delivered.map((d) => d.id)).toEqual(ids(10));
    const gaps = client.events.filter((e) => e.type === 'gap-detected');
    expect(gaps).toEqual([{ type: 'gap-detected', fromSeq: 2, toSeq: 4 }]);
    expect(clientSession.stats.gapsDetected).toBe(1);
    expect(types(venue.events)).not.toContain('gap-detected');
  });

  it('delays every message by the extra latency plus jitter, in order', () => {
    const plain = run(5, () => undefined).client.delivered;
    const late = run(5, fault({ kind: 'delay', extraNs: 50 * NS_PER_MS, jitterNs: 20 * NS_PER_MS })).client.delivered;
    expect(late.map((d) => d.id)).toEqual(ids(5));
    late.forEach((d, i) => {
      const extra = d.atNs - plain[i].atNs;
      expect(extra).toBeGreaterThanOrEqual(50 * NS_PER_MS);
      expect(extra).toBeLessThanOrEqual(70 * NS_PER_MS + 100 * NS_PER_MS);
    });
  });

  it('a PossDup duplicate is dropped by the receiver; an unmarked duplicate ends the session (MsgSeqNum too low)', () => {
    const marked = run(5, fault({ kind: 'duplicate', probability: 1, possDup: true, maxMessages: 2, msgTypes: new Set(['8']) }));
    expect(marked.client.delivered.map((d) => d.id)).toEqual(ids(5));
    expect(marked.client.events.filter((e) => e.type === 'possdup-ignored')).toHaveLength(2);
    const unmarked = run(5, fault({ kind: 'duplicate', probability: 1, possDup: false, maxMessages: 1, msgTypes: new Set(['8']) }));
    expect(unmarked.client.delivered.map((d) => d.id).slice(0, 1)).toEqual(['r0']);
    expect(unmarked.client.events).toContainEqual({ type: 'disconnected', reason: 'MsgSeqNum too low, expecting 3 but received 2' });
  });

  it('a reordered message opens a gap the next one closes: delivered once each, in sequence', () => {
    const { client } = run(5, fault({ kind: 'reorder', maxMessages: 1, msgTypes: new Set(['8']) }));
    expect(client.delivered.map((d) => d.id)).toEqual(ids(5));
    expect(types(client.events)).toEqual(expect.arrayContaining(['gap-detected', 'gap-closed']));
  });

  it('a sequence reset moves the receiver on without a gap', () => {
    const { client, clientSession, venueSession } = run(4, ({ venueEnd }) => venueEnd.jumpSequence(10));
    expect(client.delivered.map((d) => d.id)).toEqual(ids(4));
    expect(types(client.events)).not.toContain('gap-detected');
    expect(clientSession.nextTargetSeqNum).toBe(venueSession.nextSenderSeqNum);
    expect(client.delivered[0].seq).toBe(12); // the Logon reply is 1, the Reset is numbered 2 with NewSeqNo 12
  });

  it('GapFills over business messages: the missing reports are gap-filled, and so is the one held above the gap', () => {
    const { client, venueSession } = run(6, (w) => {
      w.link.addFault(0, { kind: 'loss', probability: 1, msgTypes: new Set(['8']), maxMessages: 2 });
      w.venueEnd.gapFillBusiness(true);
    });
    // r0 and r1 are lost on the link; r2 arrives above the gap and is held, but the GapFill covers 2..4 and the
    // receiver, applying it, skips r2 too: three reports never reach the application.
    expect(client.delivered.map((d) => d.id)).toEqual(['r3', 'r4', 'r5']);
    expect(venueSession.stats.applicationMessagesLost).toBe(3);
  });
});
