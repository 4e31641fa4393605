// This project's FIX engine over TCP as the two ends of a proxied session, for the chaos proxy's tests: an
// acceptor VENUE that fills every order (ExecutionReport New, then Fill) and an initiator CLIENT that sends
// orders on a timer and logs out at the end. Heartbeats of 1 s keep a real-time run short.
import { NS_PER_MS, NS_PER_S } from '../../../sim/index.ts';
import type { AppBody, ExecutionReport, FixMessage, NewOrderSingle } from '../../../venues/fix/codec/index.ts';
import { DEFAULT_SESSION_CONFIG, ExponentialBackoff, FixSession, PersistentMessageStore, type SessionConfig, type SessionEvent } from '../../../venues/fix/session/index.ts';
import { FixTcpAcceptor, RealClock, TcpSessionDriver, type FixApplication, type SessionHandle } from '../../../venues/fix/tcp/index.ts';

const base = (clock: RealClock) => ({ ...DEFAULT_SESSION_CONFIG, beginString: 'FIX.4.4' as const, heartBtIntSec: 1, epochUtcMs: clock.epochUtcMs, resetOnLogon: true, logoutTimeoutNs: 2 * NS_PER_S });

export class FillingVenue implements FixApplication {
  readonly orders: string[] = [];
  onMessage(message: FixMessage<AppBody>, session: SessionHandle): void {
    const order = message.body;
    if (order.msgType !== 'D') return;
    this.orders.push(order.clOrdId);
    const common = { msgType: '8' as const, orderId: `V-${order.clOrdId}-${this.orders.length}`, clOrdId: order.clOrdId, side: order.side, symbol: order.symbol, orderQty: order.orderQty };
    const report = (execId: string, execType: ExecutionReport['execType'], filled: boolean): ExecutionReport => ({ ...common, execId, execType, ordStatus: filled ? '2' : '0', leavesQty: filled ? 0 : (order.orderQty ?? 0), cumQty: filled ? (order.orderQty ?? 0) : 0, avgPx: filled ? (order.price ?? 0) : 0 });
    session.send(report(`${order.clOrdId}-new-${this.orders.length}`, '0', false));
    session.send(report(`${order.clOrdId}-fill-${this.orders.length}`, 'F', true));
  }
}

export async function startVenue(brokenForTests?: SessionConfig['brokenForTests']): Promise<{ port: number; app: FillingVenue; session: FixSession; close(): Promise<void> }> {
  const clock = new RealClock();
  const session = new FixSession({ ...base(clock), role: 'acceptor', senderCompId: 'VENUE', targetCompId: 'CLIENT', brokenForTests }, new PersistentMessageStore());
  const app = new FillingVenue();
  const acceptor = new FixTcpAcceptor([new TcpSessionDriver(session, clock, app)], clock);
  const port = await acceptor.listen(0, '127.0.0.1');
  return { port, app, session, close: () => acceptor.close() };
}

export class Client implements FixApplication {
  readonly reports: string[] = [];
  readonly events: SessionEvent[] = [];
  onMessage(message: FixMessage<AppBody>): void {
    if (message.body.msgType === '8') this.reports.push(message.body.execId);
  }
  onEvent(event: SessionEvent): void {
    this.events.push(event);
  }
}

const order = (clOrdId: string): NewOrderSingle => ({ msgType: 'D', clOrdId, ordType: '2', price: 10, orderQty: 100, side: '1', symbol: 'XYZ', transactTime: '20240102-09:30:00' });

/** Logs on through `port`, sends `orders` orders `intervalMs` apart, logs out `logoutAfterMs` after the start. */
export function runClient(port: number, options: { orders: number; intervalMs: number; logoutAfterMs: number }): Promise<Client> {
  const clock = new RealClock();
  const session = new FixSession({ ...base(clock), role: 'initiator', senderCompId: 'CLIENT', targetCompId: 'VENUE', reconnect: new ExponentialBackoff(300 * NS_PER_MS, NS_PER_S) }, new PersistentMessageStore());
  const client = new Client();
  const driver = new TcpSessionDriver(session, clock, client, { remote: { host: '127.0.0.1', port } });
  driver.start();
  const timers: NodeJS.Timeout[] = [];
  for (let k = 0; k < options.orders; k++) timers.push(setTimeout(() => driver.send(order(`O${k}`)), 300 + k * options.intervalMs));
  return new Promise((resolve) => {
    timers.push(setTimeout(() => driver.logout('done'), options.logoutAfterMs));
    timers.push(
      setTimeout(() => {
        for (const t of timers) clearTimeout(t);
        driver.close();
        resolve(client);
      }, options.logoutAfterMs + 800),
    );
  });
}
