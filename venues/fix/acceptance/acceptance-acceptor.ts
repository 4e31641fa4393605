/**
 * The acceptor the QuickFIX acceptance scripts are written against (acceptance README, "Environment"):
 * SenderCompID ISLD, one session per BeginString (TW42 on FIX.4.2, TW44 on FIX.4.4), ResetOnLogon,
 * SendingTime tolerance 120 s, HeartBtInt taken from each Logon, and the echo application.
 */
import { NS_PER_S } from '../../../sim/time.ts';
import { BEGIN_STRINGS, type BeginString } from '../codec/tags.ts';
import { DEFAULT_SESSION_CONFIG } from '../session/config.ts';
import { FixSession } from '../session/session.ts';
import { PersistentMessageStore } from '../session/store.ts';
import { FixTcpAcceptor, type AcceptorLimits } from '../tcp/acceptor.ts';
import { RealClock } from '../tcp/clock.ts';
import { TcpSessionDriver, type DriverOptions } from '../tcp/driver.ts';
import { EchoApplication } from './echo-application.ts';

export const ACCEPTANCE_SENDER_COMP_ID = 'ISLD';

export function acceptanceTargetCompId(beginString: BeginString): string {
  return beginString === 'FIX.4.2' ? 'TW42' : 'TW44';
}

export interface AcceptanceAcceptor {
  port: number;
  acceptor: FixTcpAcceptor;
  drivers: TcpSessionDriver[];
  close(): Promise<void>;
}

export async function startAcceptanceAcceptor(options: {
  port: number;
  host?: string;
  beginStrings?: readonly BeginString[];
  log?: DriverOptions['log'];
  limits?: Partial<AcceptorLimits>;
}): Promise<AcceptanceAcceptor> {
  const clock = new RealClock();
  const drivers = (options.beginStrings ?? BEGIN_STRINGS).map((beginString) => {
    const session = new FixSession(
      {
        ...DEFAULT_SESSION_CONFIG,
        role: 'acceptor',
        beginString,
        senderCompId: ACCEPTANCE_SENDER_COMP_ID,
        targetCompId: acceptanceTargetCompId(beginString),
        resetOnLogon: true,
        sendingTimeToleranceMs: 120_000,
        logoutTimeoutNs: 10 * NS_PER_S,
        epochUtcMs: clock.epochUtcMs,
      },
      new PersistentMessageStore(),
    );
    return new TcpSessionDriver(session, clock, new EchoApplication(), { log: options.log });
  });
  const acceptor = new FixTcpAcceptor(drivers, clock, options.limits);
  const port = await acceptor.listen(options.port, options.host ?? '127.0.0.1');
  return { port, acceptor, drivers, close: () => acceptor.close() };
}
