/**
 * Configuration of one FIX session (one pair of CompIDs on one BeginString), and the reconnect backoff an
 * initiator waits between attempts. Units: times in ns on the session's clock, HeartBtInt in seconds (as
 * on the wire), SendingTime tolerance in ms (the wire's resolution), `epochUtcMs` the UTC instant in ms
 * since the Unix epoch at which the session's clock reads 0.
 */
import type { Ns } from '../../../sim/time.ts';
import { NS_PER_S } from '../../../sim/time.ts';
import type { BeginString } from '../codec/tags.ts';

export type SessionRole = 'initiator' | 'acceptor';

/** How long an initiator waits before its next connection attempt; `attempt` counts from 0 after each logon. */
export interface ReconnectBackoff {
  delayNs(attempt: number): Ns;
}

/** Doubling (by `factor`) from `initialNs`, capped at `maxNs`. */
export class ExponentialBackoff implements ReconnectBackoff {
  constructor(
    readonly initialNs: Ns,
    readonly maxNs: Ns,
    readonly factor = 2,
  ) {}

  delayNs(attempt: number): Ns {
    return Math.min(this.maxNs, Math.round(this.initialNs * this.factor ** attempt));
  }
}

export interface SessionConfig {
  role: SessionRole;
  beginString: BeginString;
  senderCompId: string;
  targetCompId: string;
  /** The initiator's proposed HeartBtInt; an acceptor takes the one in the Logon it receives. 0: no heartbeats. */
  heartBtIntSec: number;
  /** Reset both sequence numbers to 1 (and clear the store) at every Logon; an initiator then sends 141=Y. */
  resetOnLogon: boolean;
  /** Most messages asked for in one ResendRequest; 0 asks for everything (EndSeqNo 0 = infinity). */
  resendChunkSize: number;
  /** An unanswered ResendRequest is repeated when a later message arrives this long after it. */
  resendRetryNs: Ns;
  /** Largest |SendingTime - now| accepted; 0 disables the check. */
  sendingTimeToleranceMs: number;
  /** Extra silence, as a fraction of HeartBtInt, before a TestRequest, and again before giving up. */
  testRequestGrace: number;
  logonTimeoutNs: Ns;
  logoutTimeoutNs: Ns;
  epochUtcMs: number;
  /** Initiators only: delay before reconnecting; undefined means do not reconnect. */
  reconnect: ReconnectBackoff | undefined;
  /**
   * Deliberate defects, for tests only: they prove that a checker (the chaos proxy's verdict) can fail, as
   * a deliberately broken policy does for the invariants. Never set outside tests.
   */
  brokenForTests?: { ignoreResendRequests?: boolean; applyPossDupDuplicates?: boolean };
}

export const DEFAULT_SESSION_CONFIG: Omit<SessionConfig, 'role' | 'beginString' | 'senderCompId' | 'targetCompId' | 'epochUtcMs'> = {
  heartBtIntSec: 30,
  resetOnLogon: false,
  resendChunkSize: 0,
  resendRetryNs: 5 * NS_PER_S,
  sendingTimeToleranceMs: 120_000,
  testRequestGrace: 0.2,
  logonTimeoutNs: 10 * NS_PER_S,
  logoutTimeoutNs: 10 * NS_PER_S,
  reconnect: undefined,
};
