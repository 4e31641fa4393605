// A two-session FIX scenario over a simulated link, with a fault schedule, for the property tests.
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

/** Link faults (cut, loss, refused reconnects) and session faults of one side: slow replay and resend storm. */
export type Fault =
  | { atMs: number; kind: 'cut' | 'loss' | 'refuse'; durationMs: number; probability: number }
  | { atMs: number; kind: 'slow-replay'; durationMs: number; side: Side; rateMsgsPerSec: number }
  | { atMs: number; kind: 'resend-storm'; durationMs: number; side: Side; intervalMs: number };
export type Side = 'client' | 'venue';

export interface Scenario {
  seed: number;
  faults: Fault[];
  initiatorPersists: boolean;
  acceptorPersists: boolean;
  chunkSize: number;
  messagesEach: number;
}

export const FAULT_WINDOW_MS = 20_000;
const QUIET_MS = 60_000;

/** Worst time (ns) from a sender's send to the receiver's delivery, over the messages delivered. */
export function worstDeliveryLagNs(sender: Recorder, receiver: Recorder): number {
  let worst = 0;
  for (const [id, atNs] of receiver.deliveredAtNs) worst = Math.max(worst, atNs - (sender.sentAtNs.get(id) ?? atNs));
  return worst;
}

/** Records what one side's application received, and which of its own sends went out under which MsgSeqNum. */
export class Recorder implements SimFixApplication {
  readonly delivered: string[] = [];
  readonly deliveredPossDup: string[] = [];
  readonly sentIds: string[] = [];
  readonly idBySeq = new Map<number, string>();
  readonly lostIds: string[] = [];
  /** When this side's gaps closed (ns). */
  readonly gapClosedAtNs: number[] = [];
  /** Send and first delivery times by id (ns): how late the replay made each message. */
  readonly sentAtNs = new Map<string, number>();
  readonly deliveredAtNs = new Map<string, number>();

  constructor(private readonly kernel: Kernel) {}

  onMessage(message: { header: { possDupFlag: boolean }; body: AppBody }): void {
    const id = message.body.msgType === 'D' ? message.body.clOrdId : message.body.msgType === '8' ? message.body.execId : '?';
    this.delivered.push(id);
    if (!this.deliveredAtNs.has(id)) this.deliveredAtNs.set(id, this.kernel.now);
    if (message.header.possDupFlag) this.deliveredPossDup.push(id);
  }

  onEvent(event: { type: string; seqs?: readonly number[] }): void {
    if (event.type === 'gap-closed') this.gapClosedAtNs.push(this.kernel.now);
    if (event.type === 'messages-lost') for (const seq of event.seqs ?? []) this.lostIds.push(this.idBySeq.get(seq) ?? `seq${seq}`);
  }

  send(endpoint: SimSessionEndpoint, id: string, body: AppBody): void {
    endpoint.send(body);
    this.sentIds.push(id);
    this.sentAtNs.set(id, this.kernel.now);
    this.idBySeq.set(endpoint.session.nextSenderSeqNum - 1, id);
  }
}

const order = (id: string): NewOrderSingle => ({ msgType: 'D', clOrdId: id, ordType: '2', price: 10, orderQty: 100, side: '1', symbol: 'X', transactTime: '20240102-09:30:00' });
const report = (id: string): ExecutionReport => ({ msgType: '8', orderId: id, execId: id, execType: '0', ordStatus: '0', side: '1', symbol: 'X', leavesQty: 100, cumQty: 0, avgPx: 0 });

export function runScenario(s: Scenario) {
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
  const client = new Recorder(kernel);
  const venue = new Recorder(kernel);
  const clientEnd = new SimSessionEndpoint(kernel, initiator, link, 0, client);
  const venueEnd = new SimSessionEndpoint(kernel, acceptor, link, 1, venue);

  const sendTimes = streams.get('test.send-times');
  for (let k = 0; k < s.messagesEach; k++) {
    kernel.schedule(Math.floor(sendTimes.next() * FAULT_WINDOW_MS) * NS_PER_MS, () => client.send(clientEnd, `c${k}`, order(`c${k}`)));
    kernel.schedule(Math.floor(sendTimes.next() * FAULT_WINDOW_MS) * NS_PER_MS, () => venue.send(venueEnd, `v${k}`, report(`v${k}`)));
  }
  for (const f of s.faults) {
    const at = f.atMs * NS_PER_MS;
    const end = at + f.durationMs * NS_PER_MS;
    if (f.kind === 'slow-replay' || f.kind === 'resend-storm') {
      const endpoint = f.side === 'client' ? clientEnd : venueEnd;
      if (f.kind === 'slow-replay') {
        kernel.schedule(at, () => endpoint.paceReplays(f.rateMsgsPerSec));
        kernel.schedule(end, () => endpoint.paceReplays(undefined));
      } else {
        kernel.schedule(at, () => endpoint.repeatResendRequests(f.intervalMs * NS_PER_MS));
        kernel.schedule(end, () => endpoint.repeatResendRequests(undefined));
      }
    } else if (f.kind === 'loss') {
      kernel.schedule(at, () => (link.lossProbability = f.probability));
      kernel.schedule(end, () => (link.lossProbability = 0));
    } else {
      kernel.schedule(at, () => {
        if (f.kind === 'refuse') link.refuseConnectionsUntil(end);
        link.disconnect();
      });
    }
  }
  kernel.schedule((FAULT_WINDOW_MS + 1) * NS_PER_MS, () => (link.lossProbability = 0));
  clientEnd.start();
  kernel.run({ until: (FAULT_WINDOW_MS + QUIET_MS) * NS_PER_MS });
  // End at quiescence: let messages already on the wire arrive before the two sides are compared.
  for (let guard = 0; link.inFlightCount > 0 && guard < 10_000; guard++) kernel.run({ maxEvents: 1 });
  return { initiator, acceptor, client, venue, link };
}

