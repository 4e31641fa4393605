/**
 * Binds one FixSession to TCP sockets and real timers (the adapter named in the brief; everything else in
 * venues/ is synchronous). Inbound bytes go through the framer and decoder into the session; the session's
 * outputs become socket writes, a single setTimeout, connects and closes. Application deliveries are queued
 * and handed over after the other outputs of the same step, so an answer sent from inside `onMessage`
 * never reorders the session's timer. `dropOutbound` lets a test lose chosen outbound messages on purpose
 * (the session still counts them as sent, as a lost TCP segment would be), and `dropInbound` chosen inbound
 * frames (the session never sees them).
 */
import { connect, type Socket } from 'node:net';
import type { Ns } from '../../../sim/time.ts';
import { NS_PER_MS } from '../../../sim/time.ts';
import { decodeFrame, type DecodeResult } from '../codec/decode.ts';
import { encodeMessage } from '../codec/encode.ts';
import { FixFramer } from '../codec/framer.ts';
import type { AppBody, FixMessage } from '../codec/messages.ts';
import type { SessionOutput } from '../session/outputs.ts';
import type { FixSession } from '../session/session.ts';
import { SessionOutputApplier } from '../session/output-applier.ts';
import type { FixApplication, SessionHandle } from './application.ts';
import type { RealClock } from './clock.ts';

export interface DriverOptions {
  /** Where an initiator connects. */
  remote?: { host: string; port: number };
  /** Called with each message as it goes out or comes in (`<` in, `>` out), for logs. */
  log?: (direction: '<' | '>', text: string) => void;
  dropOutbound?: (message: FixMessage) => boolean;
  dropInbound?: (text: string) => boolean;
}

export class TcpSessionDriver implements SessionHandle {
  private socket: Socket | undefined;
  private framer = new FixFramer();
  private timer: NodeJS.Timeout | undefined;
  private readonly outputs = new SessionOutputApplier({
    send: (message) => this.write(message),
    connect: () => this.dial(),
    disconnect: () => this.hangUp(),
    armTimer: (atNs) => this.arm(atNs),
    event: (event) => this.app.onEvent?.(event, this),
    deliver: (message) => this.app.onMessage(message, this),
  });

  constructor(
    readonly session: FixSession,
    private readonly clock: RealClock,
    private readonly app: FixApplication,
    private readonly options: DriverOptions = {},
  ) {}

  get connected(): boolean {
    return this.socket !== undefined;
  }

  start(): void {
    this.apply(this.session.start(this.clock.nowNs()));
  }

  send(body: AppBody, possResend = false): void {
    this.apply(this.session.send(this.clock.nowNs(), body, possResend));
  }

  logout(text?: string): void {
    this.apply(this.session.logout(this.clock.nowNs(), text));
  }

  /**
   * Hands a connected socket to this session. An acceptor passes the framer that cut the first frame (then
   * `receive`s that frame and calls `pump` for any bytes that came with it).
   */
  attach(socket: Socket, framer = new FixFramer()): void {
    this.socket = socket;
    this.framer = framer;
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return;
      this.framer.push(chunk);
      this.pump();
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.apply(this.session.onDisconnected(this.clock.nowNs()));
    });
    socket.on('error', () => socket.destroy());
    this.apply(this.session.onConnected(this.clock.nowNs()));
  }

  receive(result: DecodeResult, text: string): void {
    if (this.options.dropInbound?.(text) === true) return;
    const now = this.clock.nowNs();
    this.options.log?.('<', text);
    if (result.kind === 'message') this.apply(this.session.onMessage(now, result.message));
    else if (result.kind === 'invalid') this.apply(this.session.onInvalid(now, result.facts, result.problem));
    else this.apply(this.session.onGarbled(now));
  }

  /** Stops timers and closes the socket, for shutdown. */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }

  /** Feeds the session every frame the framer holds. */
  pump(): void {
    for (let event = this.framer.next(); event !== undefined && this.socket !== undefined; event = this.framer.next()) {
      if (event.kind === 'frame') this.receive(decodeFrame(event.text), event.text);
      else this.apply(this.session.onGarbled(this.clock.nowNs()));
    }
  }

  private apply(outputs: readonly SessionOutput[]): void {
    this.outputs.apply(outputs);
  }

  private write(message: FixMessage): void {
    if (this.options.dropOutbound?.(message) === true) return;
    const text = encodeMessage(message);
    this.options.log?.('>', text);
    this.socket?.write(text, 'latin1');
  }

  private hangUp(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.end();
  }

  private dial(): void {
    const remote = this.options.remote;
    if (remote === undefined) throw new Error('an initiator driver needs options.remote');
    const socket = connect(remote.port, remote.host);
    let established = false;
    socket.once('connect', () => {
      established = true;
      this.attach(socket);
    });
    socket.once('error', () => {
      if (!established) this.apply(this.session.onConnectFailed(this.clock.nowNs()));
    });
  }

  private arm(atNs: Ns | undefined): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (atNs === undefined) return;
    const delayMs = Math.max(0, Math.ceil((atNs - this.clock.nowNs()) / NS_PER_MS));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.apply(this.session.onTimer(Math.max(atNs, this.clock.nowNs())));
    }, delayMs);
  }
}
