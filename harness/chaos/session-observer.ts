/**
 * What the proxy saw of the session, for the verdict and the frame log: every frame as its sender sent it
 * (on arrival) and as the receiver got it (on delivery), with the fields the rules read, and every
 * connection with who closed it. Times are ms on the proxy's monotonic clock; `t0Ms` is when the first
 * Logon passed, the zero of the scenario's fault times.
 */
import { madeBy, type FixFrame, type ProxyMade } from './fix-frame.ts';
import type { Direction } from './proxy-faults.ts';

export interface SeenFrame {
  atMs: number;
  direction: Direction;
  seq: number | undefined;
  msgType: string;
  possDup: boolean;
  gapFill: boolean;
  /** 36 of a SequenceReset. */
  newSeqNo: number | undefined;
  /** 7 and 16 of a ResendRequest. */
  beginSeqNo: number | undefined;
  endSeqNo: number | undefined;
  /** 141=Y on a Logon. */
  resetSeqNum: boolean;
  clOrdId: string | undefined;
  execType: string | undefined;
  text: string | undefined;
  made: ProxyMade | undefined;
}

/** A frame's fields, wherever it was read (the proxy's wire, an imported log), each with its own reading of numbers. */
export interface FrameFields {
  readonly msgType: string;
  readonly seq: number | undefined;
  get(tag: number): string | undefined;
  int(tag: number): number | undefined;
}

/** What the rules read of a frame: the proxy's frames and an imported log's messages alike. */
export function seenFrame(frame: FrameFields, atMs: number, direction: Direction, made: ProxyMade | undefined): SeenFrame {
  return {
    atMs,
    direction,
    seq: frame.seq,
    msgType: frame.msgType,
    possDup: frame.get(43) === 'Y',
    gapFill: frame.msgType === '4' && frame.get(123) === 'Y',
    newSeqNo: frame.msgType === '4' ? frame.int(36) : undefined,
    beginSeqNo: frame.msgType === '2' ? frame.int(7) : undefined,
    endSeqNo: frame.msgType === '2' ? frame.int(16) : undefined,
    resetSeqNum: frame.msgType === 'A' && frame.get(141) === 'Y',
    clOrdId: frame.get(11),
    execType: frame.get(150),
    text: frame.get(58),
    made,
  };
}

export interface SeenConnection {
  openedAtMs: number;
  closedAtMs: number | undefined;
  /** Who closed it first: one of the engines, or the proxy (a disconnect fault, a timeout, a bound). */
  closedBy: 'initiator' | 'acceptor' | 'proxy' | undefined;
  reason: string | undefined;
  loggedOn: boolean;
}

export class SessionObserver {
  readonly arrived: SeenFrame[] = [];
  readonly delivered: SeenFrame[] = [];
  readonly connections: SeenConnection[] = [];
  t0Ms: number | undefined;

  record(stage: 'arrived' | 'delivered', direction: Direction, frame: FixFrame, atMs: number): void {
    const seen = seenFrame(frame, atMs, direction, madeBy(frame));
    (stage === 'arrived' ? this.arrived : this.delivered).push(seen);
    if (stage === 'arrived' && this.t0Ms === undefined && frame.msgType === 'A') this.t0Ms = atMs;
    const open = this.connections.at(-1);
    if (open !== undefined && frame.msgType === 'A' && stage === 'delivered') open.loggedOn = true;
  }

  opened(atMs: number): SeenConnection {
    const connection: SeenConnection = { openedAtMs: atMs, closedAtMs: undefined, closedBy: undefined, reason: undefined, loggedOn: false };
    this.connections.push(connection);
    return connection;
  }
}
