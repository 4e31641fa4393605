// Test helpers: a session under test and a scripted peer that numbers its messages.
import { NS_PER_S, type Ns } from '../../../../sim/time.ts';
import type { AppBody, FixBody, FixHeader, FixMessage, NewOrderSingle } from '../../../../venues/fix/codec/index.ts';
import {
  DEFAULT_SESSION_CONFIG,
  FixSession,
  PersistentMessageStore,
  type MessageStore,
  type SessionConfig,
  type SessionEvent,
  type SessionOutput,
} from '../../../../venues/fix/session/index.ts';

export const EPOCH_MS = Date.UTC(2024, 0, 2, 9, 30);

export function acceptor(overrides: Partial<SessionConfig> = {}, store: MessageStore = new PersistentMessageStore()): FixSession {
  return new FixSession(
    { ...DEFAULT_SESSION_CONFIG, role: 'acceptor', beginString: 'FIX.4.4', senderCompId: 'ISLD', targetCompId: 'TW', epochUtcMs: EPOCH_MS, ...overrides },
    store,
  );
}

export class Peer {
  nextSeq = 1;
  constructor(
    readonly sender = 'TW',
    readonly target = 'ISLD',
  ) {}

  /** A message from the peer at time `nowNs`; takes the next MsgSeqNum unless `seq` is given. */
  msg(body: FixBody, nowNs: Ns = 0, header: Partial<FixHeader> = {}): FixMessage {
    const msgSeqNum = header.msgSeqNum ?? this.nextSeq++;
    return {
      header: {
        beginString: 'FIX.4.4',
        msgSeqNum,
        senderCompId: this.sender,
        targetCompId: this.target,
        sendingTimeMs: EPOCH_MS + Math.floor(nowNs / 1e6),
        possDupFlag: false,
        possResend: false,
        origSendingTimeMs: undefined,
        ...header,
      },
      body,
    };
  }
}

export const logon = (heartBtIntSec = 30, resetSeqNumFlag = false): FixBody => ({ msgType: 'A', encryptMethod: 0, heartBtIntSec, resetSeqNumFlag });
export const heartbeat: FixBody = { msgType: '0' };
export const order = (clOrdId: string): NewOrderSingle => ({ msgType: 'D', clOrdId, handlInst: '1', ordType: '1', side: '1', symbol: 'X', orderQty: 1, transactTime: '20240102-09:30:00' });

export const sent = (outs: readonly SessionOutput[]): FixMessage[] => outs.flatMap((o) => (o.kind === 'send' ? [o.message] : []));
export const delivered = (outs: readonly SessionOutput[]): FixMessage<AppBody>[] => outs.flatMap((o) => (o.kind === 'deliver' ? [o.message] : []));
export const events = (outs: readonly SessionOutput[]): SessionEvent[] => outs.flatMap((o) => (o.kind === 'event' ? [o.event] : []));
export const disconnected = (outs: readonly SessionOutput[]): boolean => outs.some((o) => o.kind === 'disconnect');
export const timerAt = (outs: readonly SessionOutput[]): Ns | undefined => {
  const timers = outs.filter((o) => o.kind === 'timer');
  const last = timers.at(-1);
  return last?.kind === 'timer' ? last.atNs : undefined;
};
/** Compact view of sent messages: "type seq" plus the fields a test cares about. */
export const brief = (m: FixMessage): string => {
  const b = m.body as unknown as Record<string, unknown>;
  const extra = Object.entries(b)
    .filter(([k, v]) => k !== 'msgType' && v !== undefined && v !== false && !['encryptMethod', 'transactTime', 'handlInst', 'ordType', 'side', 'symbol', 'orderQty'].includes(k))
    .map(([k, v]) => `${k}=${String(v)}`);
  const flags = m.header.possDupFlag ? ['possDup'] : [];
  return [m.body.msgType, m.header.msgSeqNum, ...flags, ...extra].join(' ');
};

/** Connects and logs the peer on; returns the session with its expected numbers at 2/2. */
export function loggedOn(overrides: Partial<SessionConfig> = {}, store?: MessageStore): { session: FixSession; peer: Peer } {
  const session = acceptor(overrides, store);
  const peer = new Peer();
  session.onConnected(0);
  session.onMessage(0, peer.msg(logon()));
  return { session, peer };
}

export const S = NS_PER_S;
