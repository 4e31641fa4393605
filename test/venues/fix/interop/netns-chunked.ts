// Run inside a network namespace (by interop.test.ts): this engine as the acceptor VENUE with
// ResendRequestChunkSize 2, and QuickFIX's initiator (interop/build/fix-incident, mode `jump`) as CLIENT. The
// engine loses order JUMP-BEFORE on arrival; QuickFIX then skips three of its numbers and sends JUMP-AFTER.
// Asked for the chunk [JUMP-BEFORE, first skipped], QuickFIX resends JUMP-BEFORE and closes the chunk with a
// GapFill numbered at its start, too low by then: the chunked-resend stall of issue 19. Prints one JSON line.
// Usage: tsx netns-chunked.ts <fix-incident binary> <work directory>
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { NS_PER_S } from '../../../../sim/time.ts';
import { DEFAULT_SESSION_CONFIG, FixSession, PersistentMessageStore, type SessionEvent } from '../../../../venues/fix/session/index.ts';
import { FixTcpAcceptor, RealClock, TcpSessionDriver } from '../../../../venues/fix/tcp/index.ts';
import { FillingVenue } from '../../../harness/chaos/engines.ts';

const [binary, workDir] = process.argv.slice(2);
const events: SessionEvent[] = [];
const clock = new RealClock();
const session = new FixSession(
  { ...DEFAULT_SESSION_CONFIG, role: 'acceptor', beginString: 'FIX.4.4', senderCompId: 'VENUE', targetCompId: 'CLIENT', resetOnLogon: true, resendChunkSize: 2, logoutTimeoutNs: 2 * NS_PER_S, epochUtcMs: clock.epochUtcMs },
  new PersistentMessageStore(),
);
const venue = new FillingVenue();
let dropped = false;
const driver = new TcpSessionDriver(session, clock, { onMessage: (m, h) => venue.onMessage(m, h), onEvent: (e) => void events.push(e) }, {
  dropInbound: (text) => {
    const drop = !dropped && text.includes('\x0111=JUMP-BEFORE\x01') && !text.includes('\x0143=Y\x01');
    if (drop) dropped = true;
    return drop;
  },
});
const acceptor = new FixTcpAcceptor([driver], clock);
const port = await acceptor.listen(5001, '127.0.0.1');
const peer = spawn(binary, ['initiator', String(port), 'FIX.4.4', workDir, '3', '100', 'jump'], { stdio: ['ignore', 'pipe', 'pipe'] });
let peerResult = '';
createInterface({ input: peer.stdout }).on('line', (line) => (peerResult = line));
const killer = setTimeout(() => peer.kill('SIGKILL'), 30_000);
await new Promise((resolve) => peer.once('close', resolve));
clearTimeout(killer);
await acceptor.close();
process.stdout.write(`${JSON.stringify({ peerResult, dropped, orders: venue.orders, events, stats: session.stats })}\n`);
