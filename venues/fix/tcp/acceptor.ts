/**
 * A TCP acceptor hosting several sessions. A new connection belongs to no session until its first frame: a
 * Logon whose CompIDs and BeginString name a hosted session binds the socket to it. A connection whose first
 * frame names no hosted session, or a session that already has a connection (Vol. 2 1b, duplicate
 * identity), is closed without a reply. Garbage before the first frame is skipped.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { decodeFrame } from '../codec/decode.ts';
import { FixFramer } from '../codec/framer.ts';
import type { RealClock } from './clock.ts';
import type { TcpSessionDriver } from './driver.ts';

export class FixTcpAcceptor {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly drivers: readonly TcpSessionDriver[],
    readonly clock: RealClock,
  ) {
    this.server = createServer((socket) => this.accept(socket));
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
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const framer = new FixFramer();
    const onData = (chunk: Buffer) => {
      framer.push(chunk);
      for (let event = framer.next(); event !== undefined; event = framer.next()) {
        if (event.kind !== 'frame') continue;
        socket.off('data', onData);
        this.bind(socket, event.text, framer);
        return;
      }
    };
    socket.on('data', onData);
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
      socket.destroy();
      return;
    }
    driver.attach(socket, framer);
    driver.receive(result, text);
    driver.pump();
  }
}
