// The TCP acceptor's bounds on connections that do not log on: a logon timeout, a connection cap, and no more
// than one frame's worth of bytes before a Logon (venues/fix/tcp/acceptor.ts). Real sockets on 127.0.0.1.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { startAcceptanceAcceptor, type AcceptanceAcceptor } from '../../../../venues/fix/acceptance/index.ts';
import { fixify, timify } from '../../../../venues/fix/acceptance/script.ts';

let engine: AcceptanceAcceptor | undefined;
const clients: Socket[] = [];
afterEach(async () => {
  for (const c of clients) c.destroy();
  clients.length = 0;
  await engine?.close();
  engine = undefined;
});

function open(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    clients.push(socket);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);

describe('acceptor bounds on connections that never log on', () => {
  test('300 idle connections are all closed once the logon timeout passes', async () => {
    engine = await startAcceptanceAcceptor({ port: 0, limits: { logonTimeoutMs: 300, maxConnections: 400 } });
    const conns = await Promise.all(Array.from({ length: 300 }, () => open(engine!.port)));
    expect(engine.acceptor.openConnections).toBeGreaterThan(0);
    expect(await within(Promise.all(conns.map((c) => c.closed)), 5_000)).not.toBe('timeout');
    expect(engine.acceptor.refusals['logon-timeout']).toBe(300);
    // The acceptor's side of each socket closes a moment after the client sees it go.
    for (let i = 0; i < 50 && engine.acceptor.openConnections > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(engine.acceptor.openConnections).toBe(0);
  }, 15_000);

  test('a connection trickling bytes that never make a Logon is closed at the timeout too', async () => {
    engine = await startAcceptanceAcceptor({ port: 0, limits: { logonTimeoutMs: 300 } });
    const { socket, closed } = await open(engine.port);
    const trickle = setInterval(() => socket.write('x'), 20);
    try {
      expect(await within(closed, 3_000)).not.toBe('timeout');
    } finally {
      clearInterval(trickle);
    }
  });

  test('beyond maxConnections a new connection is closed at once', async () => {
    engine = await startAcceptanceAcceptor({ port: 0, limits: { maxConnections: 5, logonTimeoutMs: 10_000 } });
    const conns = [];
    for (let i = 0; i < 8; i++) conns.push(await open(engine.port));
    const closedEarly = await Promise.all(conns.map((c) => within(c.closed, 500)));
    expect(closedEarly.filter((r) => r !== 'timeout')).toHaveLength(3);
    expect(engine.acceptor.refusals['too-many-connections']).toBe(3);
  });

  test('more than one frame of bytes before a Logon closes the connection', async () => {
    engine = await startAcceptanceAcceptor({ port: 0, limits: { maxMessageBytes: 4_096, logonTimeoutMs: 10_000 } });
    const junk = await open(engine.port);
    junk.socket.write('x'.repeat(10_000));
    expect(await within(junk.closed, 2_000)).not.toBe('timeout');
    const huge = await open(engine.port);
    huge.socket.write(`8=FIX.4.4\x019=99999\x0135=A\x01`);
    expect(await within(huge.closed, 2_000)).not.toBe('timeout');
    expect(engine.acceptor.refusals['oversized-before-logon']).toBe(2);
  });

  test('a Logon within the timeout binds the connection, which then outlives the timeout', async () => {
    engine = await startAcceptanceAcceptor({ port: 0, beginStrings: ['FIX.4.4'], limits: { logonTimeoutMs: 200 } });
    const { socket, closed } = await open(engine.port);
    socket.write(fixify(timify('8=FIX.4.4\x0135=A\x0134=1\x0149=TW44\x0152=<TIME>\x0156=ISLD\x0198=0\x01108=30\x01', Date.now())), 'latin1');
    expect(await within(closed, 600)).toBe('timeout');
    expect(engine.drivers[0].session.isLoggedOn).toBe(true);
  });
});
