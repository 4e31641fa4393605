/**
 * An acceptor running the echo application, over TCP, for acceptance scripts and interop. By default it is
 * the acceptor the QuickFIX acceptance scripts are written against (acceptance README, "Environment"):
 * SenderCompID ISLD, one session per BeginString (TW42 on FIX.4.2, TW44 on FIX.4.4), ResetOnLogon,
 * SendingTime tolerance 120 s, HeartBtInt taken from each Logon. `startEchoAcceptor` takes any sessions
 * (`fix-acceptor`'s QuickFIX settings resolve to them).
 */
import { NS_PER_S } from '../../../sim/time.ts';
import { BEGIN_STRINGS, type BeginString } from '../codec/tags.ts';
import { DEFAULT_SESSION_CONFIG, type SessionConfig } from '../session/config.ts';
import { FixSession } from '../session/session.ts';
import { NonPersistentMessageStore, PersistentMessageStore } from '../session/store.ts';
import { FixTcpAcceptor, type AcceptorLimits } from '../tcp/acceptor.ts';
import { RealClock } from '../tcp/clock.ts';
import { TcpSessionDriver, type DriverOptions } from '../tcp/driver.ts';
import { EchoApplication } from './echo-application.ts';

export const ACCEPTANCE_SENDER_COMP_ID = 'ISLD';

export function acceptanceTargetCompId(beginString: BeginString): string {
  return beginString === 'FIX.4.2' ? 'TW42' : 'TW44';
}

/** One hosted session: its identity and the settings an acceptor takes (the rest are DEFAULT_SESSION_CONFIG's). */
export type EchoSessionSpec = Pick<SessionConfig, 'beginString' | 'senderCompId' | 'targetCompId'> &
  Partial<Pick<SessionConfig, 'resetOnLogon' | 'resendChunkSize' | 'sendingTimeToleranceMs' | 'logonTimeoutNs' | 'logoutTimeoutNs' | 'testRequestGrace'>> & {
    /** PersistMessages: without it every resend is answered by GapFill. */
    persistMessages?: boolean;
  };

/** The sessions the acceptance scripts expect, one per BeginString. */
export function acceptanceSessions(beginStrings: readonly BeginString[] = BEGIN_STRINGS): EchoSessionSpec[] {
  return beginStrings.map((beginString) => ({
    beginString,
    senderCompId: ACCEPTANCE_SENDER_COMP_ID,
    targetCompId: acceptanceTargetCompId(beginString),
    resetOnLogon: true,
    sendingTimeToleranceMs: 120_000,
    logoutTimeoutNs: 10 * NS_PER_S,
  }));
}

export interface AcceptanceAcceptor {
  port: number;
  acceptor: FixTcpAcceptor;
  drivers: TcpSessionDriver[];
  close(): Promise<void>;
}

export interface EchoAcceptorOptions {
  port: number;
  host?: string;
  log?: DriverOptions['log'];
  limits?: Partial<AcceptorLimits>;
}

export async function startEchoAcceptor(sessions: readonly EchoSessionSpec[], options: EchoAcceptorOptions): Promise<AcceptanceAcceptor> {
  const clock = new RealClock();
  const drivers = sessions.map((spec) => {
    const { persistMessages, ...config } = spec;
    const session = new FixSession(
      { ...DEFAULT_SESSION_CONFIG, ...config, role: 'acceptor', epochUtcMs: clock.epochUtcMs },
      persistMessages === false ? new NonPersistentMessageStore() : new PersistentMessageStore(),
    );
    return new TcpSessionDriver(session, clock, new EchoApplication(), { log: options.log });
  });
  const acceptor = new FixTcpAcceptor(drivers, clock, options.limits);
  const port = await acceptor.listen(options.port, options.host ?? '127.0.0.1');
  return { port, acceptor, drivers, close: () => acceptor.close() };
}

export function startAcceptanceAcceptor(options: EchoAcceptorOptions & { beginStrings?: readonly BeginString[] }): Promise<AcceptanceAcceptor> {
  return startEchoAcceptor(acceptanceSessions(options.beginStrings), options);
}
