/**
 * A TCP acceptor hosting several sessions. A new connection belongs to no session until its first frame: a
 * Logon whose CompIDs and BeginString name a hosted session binds the socket to it. A connection whose first
 * frame names no hosted session, or a session that already has a connection (Vol. 2 1b, duplicate
 * identity), is closed without a reply. Garbage before the first frame is skipped.
 *
 * Bounds, so that connections that never log on cannot hold the acceptor (issue 19: 300 idle sockets were
 * held for ever): a connection not bound by a Logon within `logonTimeoutMs` is closed (QuickFIX's
 * LogonTimeout); before it is bound it may send at most `maxMessageBytes` that are not a whole frame, and no
 * frame longer than that; at most `maxConnections` are open at once, bound or not, and one more is closed
 * as soon as it is accepted. Units: ms, bytes, connections.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { decodeFrame } from '../codec/decode.ts';
import { FixFramer } from '../codec/framer.ts';
import type { RealClock } from './clock.ts';
import type { TcpSessionDriver } from './driver.ts';

export interface AcceptorLimits {
  logonTimeoutMs: number;
  maxMessageBytes: number;
  maxConnections: number;
}

export const DEFAULT_ACCEPTOR_LIMITS: AcceptorLimits = { logonTimeoutMs: 10_000, maxMessageBytes: 65_536, maxConnections: 64 };

/** Why the acceptor closed a connection that had not logged on (for logs and tests). */
export type RefusalReason = 'too-many-connections' | 'logon-timeout' | 'oversized-before-logon' | 'unknown-session' | 'duplicate-identity';

export class FixTcpAcceptor {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  readonly limits: AcceptorLimits;
  readonly refusals: Record<RefusalReason, number> = { 'too-many-connections': 0, 'logon-timeout': 0, 'oversized-before-logon': 0, 'unknown-session': 0, 'duplicate-identity': 0 };

  constructor(
    private readonly drivers: readonly TcpSessionDriver[],
    readonly clock: RealClock,
    limits: Partial<AcceptorLimits> = {},
  ) {
    this.limits = { ...DEFAULT_ACCEPTOR_LIMITS, ...limits };
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Connections open now, bound to a session or not. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Starts listening; resolves with the bound port (pass 0 for any free port). */
  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    for (const driver of this.drivers) driver.close();
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.on('error', () => socket.destroy());
    if (this.sockets.size >= this.limits.maxConnections) {
      this.refuse(socket, 'too-many-connections');
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    const framer = new FixFramer(this.limits.maxMessageBytes);
    let junkBytes = 0;
    const timer = setTimeout(() => this.refuse(socket, 'logon-timeout'), this.limits.logonTimeoutMs);
    const onData = (chunk: Buffer) => {
      framer.push(chunk);
      for (let event = framer.next(); event !== undefined; event = framer.next()) {
        if (event.kind === 'garbled') {
          junkBytes += event.skippedBytes;
          if (event.reason === 'oversized' || junkBytes > this.limits.maxMessageBytes) {
            clearTimeout(timer);
            this.refuse(socket, 'oversized-before-logon');
            return;
          }
          continue;
        }
        clearTimeout(timer);
        socket.off('data', onData);
        this.bind(socket, event.text, framer);
        return;
      }
      if (framer.bufferedBytes > this.limits.maxMessageBytes) {
        clearTimeout(timer);
        this.refuse(socket, 'oversized-before-logon');
      }
    };
    socket.on('data', onData);
    socket.on('close', () => clearTimeout(timer));
  }

  private bind(socket: Socket, text: string, framer: FixFramer): void {
    const result = decodeFrame(text);
    const header = result.kind === 'message' ? result.message.header : result.kind === 'invalid' ? result.facts : undefined;
    const driver = this.drivers.find(
      (d) =>
        header !== undefined &&
        d.session.config.beginString === header.beginString &&
        d.session.config.senderCompId === header.targetCompId &&
        d.session.config.targetCompId === header.senderCompId,
    );
    if (driver === undefined || driver.connected) {
      this.refuse(socket, driver === undefined ? 'unknown-session' : 'duplicate-identity');
      return;
    }
    driver.attach(socket, framer);
    driver.receive(result, text);
    driver.pump();
  }

  private refuse(socket: Socket, reason: RefusalReason): void {
    this.refusals[reason]++;
    socket.destroy();
  }
}
