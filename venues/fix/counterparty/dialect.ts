/**
 * Where FIX 4.2 and 4.4 execution reports differ, as two named dialects. FIX 4.4 reports a trade with
 * ExecType F and a status answer with ExecType I, and has no ExecTransType. FIX 4.2 reports a trade
 * with ExecType 1 (partial fill) or 2 (fill), answers a status request with ExecType equal to the
 * order's OrdStatus and ExecTransType 3 (status), and sends ExecTransType 0 (new) on everything else.
 * Leaves out: ExecTransType 1 and 2 (cancel or correct an earlier report): the venue never busts a trade.
 */
import type { BeginString } from '../codec/tags.ts';
import type { ExecTransType, ExecType, OrdStatus } from '../codec/messages.ts';

export interface ExecutionReportDialect {
  readonly beginString: BeginString;
  /** ExecType of a trade, given the order's status after it. */
  tradeExecType(ordStatus: OrdStatus): ExecType;
  /** ExecType of an answer to an OrderStatusRequest, given the order's status. */
  statusExecType(ordStatus: OrdStatus): ExecType;
  /** ExecTransType of a report (`status`: an answer to an OrderStatusRequest), or undefined. */
  execTransType(status: boolean): ExecTransType | undefined;
}

export const FIX44_REPORTS: ExecutionReportDialect = {
  beginString: 'FIX.4.4',
  tradeExecType: () => 'F',
  statusExecType: () => 'I',
  execTransType: () => undefined,
};

export const FIX42_REPORTS: ExecutionReportDialect = {
  beginString: 'FIX.4.2',
  tradeExecType: (ordStatus) => (ordStatus === '2' ? '2' : '1'),
  statusExecType: (ordStatus) => ordStatus as ExecType,
  execTransType: (status) => (status ? '3' : '0'),
};

export function reportDialectFor(beginString: BeginString): ExecutionReportDialect {
  return beginString === 'FIX.4.2' ? FIX42_REPORTS : FIX44_REPORTS;
}
