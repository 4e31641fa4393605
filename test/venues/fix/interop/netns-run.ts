// Run inside a network namespace (by interop.test.ts): this engine as the acceptor VENUE on 127.0.0.1 with an
// application that fills every order (ExecutionReport New, then Fill), and the QuickFIX peer
// (interop/build/fix-peer) as the initiator CLIENT. The engine loses the first transmission of O4's fill on
// purpose, so the peer must recover it by ResendRequest. Prints one JSON line: what each side saw.
// Usage: tsx netns-run.ts <fix-peer binary> <BeginString> <work directory>
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { NS_PER_S } from '../../../../sim/time.ts';
import type { AppBody, BeginString, ExecutionReport, FixMessage } from '../../../../venues/fix/codec/index.ts';
import { DEFAULT_SESSION_CONFIG, FixSession, PersistentMessageStore, type SessionEvent } from '../../../../venues/fix/session/index.ts';
import { FixTcpAcceptor, RealClock, TcpSessionDriver, type FixApplication, type SessionHandle } from '../../../../venues/fix/tcp/index.ts';

const [binary, beginStringArg, workDir] = process.argv.slice(2);
const beginString = beginStringArg as BeginString;

const delivered: string[] = [];
const events: SessionEvent[] = [];
let droppedOnce = false;

const fills: FixApplication = {
  onMessage(message: FixMessage<AppBody>, session: SessionHandle) {
    const order = message.body;
    if (order.msgType !== 'D') return;
    delivered.push(order.clOrdId);
    const qty = order.orderQty ?? 0;
    const base: Omit<ExecutionReport, 'execId' | 'execType' | 'ordStatus' | 'leavesQty' | 'cumQty' | 'avgPx'> = {
      msgType: '8',
      orderId: `V-${order.clOrdId}`,
      clOrdId: order.clOrdId,
      side: order.side,
      symbol: order.symbol,
      orderQty: qty,
      ...(beginString === 'FIX.4.2' ? { execTransType: '0' as const } : {}),
    };
    session.send({ ...base, execId: `${order.clOrdId}-new`, execType: '0', ordStatus: '0', leavesQty: qty, cumQty: 0, avgPx: 0 });
    session.send({ ...base, execId: `${order.clOrdId}-fill`, execType: beginString === 'FIX.4.2' ? '2' : 'F', ordStatus: '2', lastQty: qty, lastPx: order.price ?? 0, leavesQty: 0, cumQty: qty, avgPx: order.price ?? 0 });
  },
  onEvent(event: SessionEvent) {
    events.push(event);
  },
};

const clock = new RealClock();
const session = new FixSession(
  { ...DEFAULT_SESSION_CONFIG, role: 'acceptor', beginString, senderCompId: 'VENUE', targetCompId: 'CLIENT', resetOnLogon: true, logoutTimeoutNs: 5 * NS_PER_S, epochUtcMs: clock.epochUtcMs },
  new PersistentMessageStore(),
);
const driver = new TcpSessionDriver(session, clock, fills, {
  dropOutbound: (m) => {
    const drop = !droppedOnce && m.body.msgType === '8' && m.body.execId === 'O4-fill' && !m.header.possDupFlag;
    if (drop) droppedOnce = true;
    return drop;
  },
});
const acceptor = new FixTcpAcceptor([driver], clock);
const port = await acceptor.listen(0, '127.0.0.1');

const peer = spawn(binary, [String(port), beginString, workDir], { stdio: ['ignore', 'pipe', 'pipe'] });
const peerLines: string[] = [];
createInterface({ input: peer.stdout }).on('line', (line) => peerLines.push(line));
let peerStderr = '';
peer.stderr.on('data', (chunk: Buffer) => (peerStderr += chunk.toString()));
const killer = setTimeout(() => peer.kill('SIGKILL'), 60_000);
const peerExitCode = await new Promise<number | null>((resolve) => peer.once('close', (code) => resolve(code)));
clearTimeout(killer);
await new Promise((resolve) => setTimeout(resolve, 200)); // let the engine see the close
await acceptor.close();

process.stdout.write(
  `${JSON.stringify({ beginString, peerExitCode, peerLines, peerStderr, delivered, droppedOnce, events, stats: session.stats, nextSenderSeqNum: session.nextSenderSeqNum, nextTargetSeqNum: session.nextTargetSeqNum })}\n`,
);
