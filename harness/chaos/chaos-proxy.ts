/**
 * The chaos proxy: a TCP proxy between a FIX initiator (which connects to it) and an acceptor (the upstream
 * it connects to for each client), applying a scenario's session faults in real time (proxy-faults.ts) and
 * recording what it saw for the verdict. Fault times count from the first Logon through it. Bounded: one
 * session is proxied at a time (a second concurrent client is closed at once), a client that sends no
 * Logon within `logonTimeoutMs` is closed, frames above `maxMessageBytes` are not
 * waited for, and what waits in one direction is bounded by `maxBufferedBytes` (past it the connection is
 * closed). It ends `durationMs` after the first Logon, or once every fault is over and a session has logged
 * out and closed, or when stopped.
 * This is real-time harness code (timers, sockets), like venues/fix/tcp/.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { RandomStreams } from '../../sim/index.ts';
import { formatUtcTimestampMs } from '../../venues/fix/codec/index.ts';
import { FaultState } from './fault-state.ts';
import { FixFrame, markMade } from './fix-frame.ts';
import { FramePipe, type PipeHooks } from './frame-pipe.ts';
import type { Direction, ProxyFault } from './proxy-faults.ts';
import type { ProxyLimits } from './proxy-limits.ts';
import { SessionObserver, type SeenConnection } from './session-observer.ts';

export interface ProxyOptions {
  listen: { host: string; port: number };
  upstream: { host: string; port: number };
  faults: readonly ProxyFault[];
  seed: number;
  limits: ProxyLimits;
  /** Ends the run this long after the first Logon; undefined: when the faults are over and the session logged out. */
  durationMs: number | undefined;
  /** Each frame a fault touched (or the proxy made). */
  onTouched?: (entry: TouchedFrame) => void;
}

export interface TouchedFrame {
  atMs: number;
  direction: Direction;
  seq: number | undefined;
  msgType: string;
  actions: { index: number; action: string }[];
  frame: string;
}

export interface ProxyRun {
  observer: SessionObserver;
  touched: ReadonlyMap<number, number>;
  refused: { tooMany: number; logonTimeout: number; duringDisconnect: number; overflow: number };
  endedAtMs: number;
  endReason: string;
}

interface Link {
  client: Socket;
  upstream: Socket;
  pipes: Record<Direction, FramePipe>;
  seen: SeenConnection;
  closing: boolean;
}

export class ChaosProxy {
  private readonly server: Server;
  private readonly state: FaultState;
  private readonly observer = new SessionObserver();
  private readonly origin = performance.now();
  private readonly links = new Set<Link>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly refused = { tooMany: 0, logonTimeout: 0, duringDisconnect: 0, overflow: 0 };
  private disconnectedUntilMs = -1;
  private faultsOverAtMs = Infinity;
  private lastSeq: Record<Direction, number> = { 'to-acceptor': 0, 'to-initiator': 0 };
  private lastFrame: Partial<Record<Direction, FixFrame>> = {};
  private finish: ((run: ProxyRun) => void) | undefined;
  readonly done: Promise<ProxyRun>;

  constructor(private readonly options: ProxyOptions) {
    this.state = new FaultState(new RandomStreams(options.seed));
    this.server = createServer((socket) => this.accept(socket));
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  nowMs(): number {
    return performance.now() - this.origin;
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.listen.port, this.options.listen.host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  stop(reason = 'stopped'): void {
    if (this.finish === undefined) return;
    const finish = this.finish;
    this.finish = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    for (const link of this.links) this.close(link, 'proxy', reason);
    this.server.close();
    finish({ observer: this.observer, touched: this.state.touched, refused: this.refused, endedAtMs: this.nowMs(), endReason: reason });
  }

  private accept(client: Socket): void {
    client.on('error', () => client.destroy());
    if (this.finish === undefined) return void client.destroy();
    if (this.nowMs() < this.disconnectedUntilMs) {
      this.refused.duringDisconnect++;
      return void client.destroy();
    }
    // One session is proxied at a time: a second client while one is connected is closed at once.
    if ([...this.links].some((l) => !l.closing)) {
      this.refused.tooMany++;
      return void client.destroy();
    }
    const upstream = connect(this.options.upstream.port, this.options.upstream.host);
    upstream.on('error', () => upstream.destroy());
    const seen = this.observer.opened(this.nowMs());
    const link = { client, upstream, seen, closing: false } as Link;
    const hooks = this.hooks(link);
    const limits = { maxMessageBytes: this.options.limits.maxMessageBytes, maxBufferedBytes: this.options.limits.maxBufferedBytes };
    const clock = () => this.nowMs();
    link.pipes = {
      'to-acceptor': new FramePipe('to-acceptor', this.state, clock, (text) => upstream.write(text, 'latin1'), hooks, limits),
      'to-initiator': new FramePipe('to-initiator', this.state, clock, (text) => client.write(text, 'latin1'), hooks, limits),
    };
    this.links.add(link);
    const logonTimer = setTimeout(() => {
      if (!seen.loggedOn && !this.observer.arrived.some((f) => f.msgType === 'A' && f.atMs >= seen.openedAtMs)) {
        this.refused.logonTimeout++;
        this.close(link, 'proxy', 'no Logon within the logon timeout');
      }
    }, this.options.limits.logonTimeoutMs);
    client.on('data', (chunk: Buffer) => link.pipes['to-acceptor'].push(chunk));
    upstream.on('data', (chunk: Buffer) => link.pipes['to-initiator'].push(chunk));
    client.on('close', () => {
      clearTimeout(logonTimer);
      this.close(link, 'initiator', 'the initiator closed');
    });
    upstream.on('close', () => this.close(link, 'acceptor', 'the acceptor closed'));
  }

  private hooks(link: Link): PipeHooks {
    return {
      arrived: (direction, frame) => {
        const first = this.observer.t0Ms === undefined;
        this.observer.record('arrived', direction, frame, this.nowMs());
        if (frame.seq !== undefined && !frame.possDup && frame.msgType !== '4') this.lastSeq[direction] = frame.seq;
        this.lastFrame[direction] = frame;
        if (first && this.observer.t0Ms !== undefined) this.startFaults();
      },
      delivered: (direction, frame) => this.observer.record('delivered', direction, frame, this.nowMs()),
      touched: (direction, frame, actions) => this.options.onTouched?.({ atMs: this.nowMs(), direction, seq: frame.seq, msgType: frame.msgType, actions: [...actions], frame: frame.raw }),
      overflow: (direction, bytes) => {
        this.refused.overflow++;
        this.close(link, 'proxy', `more than ${this.options.limits.maxBufferedBytes} bytes waiting ${direction} (${bytes})`);
      },
    };
  }

  private close(link: Link, by: 'initiator' | 'acceptor' | 'proxy', reason: string): void {
    if (link.closing) return;
    link.closing = true;
    link.seen.closedAtMs = this.nowMs();
    link.seen.closedBy = by;
    link.seen.reason = reason;
    // What the closing side sent before it went is delivered; what the other side had queued is lost with the socket.
    if (by === 'initiator') link.pipes['to-acceptor'].end();
    if (by === 'acceptor') link.pipes['to-initiator'].end();
    setTimeout(() => {
      link.pipes['to-acceptor'].close();
      link.pipes['to-initiator'].close();
      link.client.destroy();
      link.upstream.destroy();
      this.links.delete(link);
      this.maybeEnd();
    }, 20);
  }

  private at(ms: number, action: () => void): void {
    this.timers.push(setTimeout(action, Math.max(0, (this.observer.t0Ms as number) + ms - this.nowMs())));
  }

  private startFaults(): void {
    const faults = this.options.faults;
    this.faultsOverAtMs = (this.observer.t0Ms as number) + Math.max(0, ...faults.map((f) => f.endMs));
    for (const fault of faults) {
      this.at(fault.atMs, () => this.begin(fault));
      if (fault.endMs > fault.atMs) this.at(fault.endMs, () => this.end(fault));
    }
    if (this.options.durationMs !== undefined) this.at(this.options.durationMs, () => this.stop('the run duration elapsed'));
  }

  private begin(fault: ProxyFault): void {
    this.state.activate(fault);
    if (fault.kind === 'disconnect') {
      this.disconnectedUntilMs = (this.observer.t0Ms as number) + fault.endMs;
      if (this.links.size > 0) this.state.count(fault.index);
      for (const link of this.links) this.close(link, 'proxy', `faults[${fault.index}] session-disconnect`);
    } else if (fault.kind === 'sequence-reset') {
      this.injectReset(fault);
    }
  }

  private end(fault: ProxyFault): void {
    this.state.deactivate(fault);
    if (fault.kind === 'reorder') for (const link of this.links) for (const d of fault.directions) if (!this.state.reordering(d)) link.pipes[d].releaseHeld();
    this.maybeEnd();
  }

  /** Tells the receiver of `fault.from` that the sender's numbers jump, then renumbers what follows. */
  private injectReset(fault: Extract<ProxyFault, { kind: 'sequence-reset' }>): void {
    const link = [...this.links][0];
    const template = this.lastFrame[fault.from];
    if (link === undefined || template === undefined) return;
    const next = this.lastSeq[fault.from] + 1;
    const reset = FixFrame.build(template.beginString, [
      [35, '4'],
      [34, String(next)],
      [49, template.get(49) ?? ''],
      [52, formatUtcTimestampMs(Date.now())],
      [56, template.get(56) ?? ''],
      [36, String(next + fault.jump)],
    ]);
    this.state.count(fault.index);
    link.pipes[fault.from].inject(markMade(reset, 'sequence-reset'), fault.index, `SequenceReset-Reset to ${next + fault.jump}`);
    this.state.renumbering.start(fault.from, next, fault.jump);
  }

  private maybeEnd(): void {
    if (this.options.durationMs !== undefined || this.links.size > 0 || this.nowMs() < this.faultsOverAtMs) return;
    const loggedOut = this.observer.arrived.some((f) => f.msgType === '5');
    if (loggedOut) this.stop('the faults were over and the session logged out');
  }
}
