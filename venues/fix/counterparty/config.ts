/**
 * How the order-entry counterparty is set up and what it is connected to. It sends through a
 * `SessionPort` (whatever drives its acceptor FixSession: the simulated link, or the TCP adapter) and
 * offers every execution report to `ExecutionReportListener`s (the drop copy).
 * Units: `tickSize` in price units per tick; `cancelOnDisconnectDelayNs` in ns of simulated time;
 * `epochUtcMs` the UTC instant in ms at which simulated time reads 0 (as in the SessionConfig);
 * `statusAnswersPerSec` answers per second of simulated time.
 */
import type { Ns } from '../../../sim/time.ts';
import type { AppBody, ExecutionReport } from '../codec/messages.ts';
import type { BeginString } from '../codec/tags.ts';

export interface CounterpartyConfig {
  /** The venue owner this session trades for: every order it enters, every report it sends. */
  readonly ownerId: number;
  /** The one instrument the venue trades (Symbol, tag 55). */
  readonly symbol: string;
  readonly tickSize: number;
  /** Picks the execution report dialect (FIX 4.2 or 4.4). */
  readonly beginString: BeginString;
  readonly epochUtcMs: number;
  /** Cancel every resting order this long after the session drops; undefined leaves them working. */
  readonly cancelOnDisconnectDelayNs: Ns | undefined;
  /**
   * The pace of answers to OrderStatusRequest and OrderMassStatusRequest; DEFAULT_STATUS_ANSWERS_PER_SEC
   * (50, Coinbase Exchange's published per-session FIX request limit) when absent. See paced-answers.ts.
   */
  readonly statusAnswersPerSec?: number;
  /** False: the venue does not take OrderMassStatusRequest and answers it with a BusinessMessageReject. Default true. */
  readonly acceptsMassStatus?: boolean;
}

/** The application's handle on its FixSession: sending takes a sequence number whether or not it is logged on. */
export interface SessionPort {
  send(body: AppBody): void;
}

export interface ExecutionReportListener {
  /** An execution report of `ownerId`, at the instant the counterparty produced it. */
  onExecutionReport(report: ExecutionReport, ownerId: number): void;
}
