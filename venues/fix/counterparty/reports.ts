/**
 * Builds the counterparty's outbound bodies: ExecutionReports from an order's record (status and mass
 * status answers included), OrderCancelRejects, OrderMassCancelReports and BusinessMessageRejects. Prices go out as decimals (ticks × tick size), TransactTime is the simulated
 * instant the venue produced the output (so a report queued during an outage keeps its time), and
 * ExecIDs are deterministic: `<epoch>.<venue seq>.<order id>` for a report of a sequenced venue output
 * (unique per venue, the same on the entry session and the drop copy), `<owner>.L<n>` for one the
 * counterparty makes itself (rejects before the venue, status answers, refusals during a failover);
 * OrderMassCancelReport's OrderID, the venue's id of the mass cancel request, is `<owner>.M<n>`.
 * Units: times in ns of simulated time, `epochUtcMs` the UTC instant in ms at which that time reads 0.
 */
import { NS_PER_MS, type Ns } from '../../../sim/time.ts';
import type { OrderType, Side as BookSide } from '../../book/index.ts';
import type { SequencedOutput } from '../../sequencer/index.ts';
import { formatUtcTimestampMs } from '../codec/values.ts';
import type {
  BusinessMessageReject,
  CxlRejResponseTo,
  ExecType,
  ExecutionReport,
  MassCancelResponse,
  OrdStatus,
  OrdType,
  OrderCancelReject,
  OrderMassCancelReport,
  OrderMassCancelRequest,
  Side,
} from '../codec/messages.ts';
import type { ExecutionReportDialect } from './dialect.ts';
import type { OrderRecord } from './order-record.ts';
import type { TickScale } from './tick-scale.ts';

/** CxlRejReason (102) values the counterparty uses. */
export const CxlRejReason = { TooLateToCancel: 0, UnknownOrder: 1, DuplicateClOrdId: 6, Other: 99 } as const;
/** MassCancelRejectReason (532) values the counterparty uses. */
export const MassCancelRejectReason = { NotSupported: 0, UnknownSecurity: 1, Other: 99 } as const;
/** BusinessRejectReason (380) values the counterparty uses. */
export const BusinessRejectReason = { Other: 0, UnknownSecurity: 2, UnsupportedMessageType: 3, ApplicationNotAvailable: 4, ConditionallyRequiredFieldMissing: 5 } as const;

export const fixSide = (side: BookSide): Side => (side === 'buy' ? '1' : '2');
export const fixOrdType = (orderType: OrderType): OrdType => (orderType === 'market' ? '1' : '2');

/** What a report says beyond the record's state. */
export interface ReportDetail {
  execType: ExecType;
  execId: string;
  atNs: Ns;
  clOrdId?: string;
  origClOrdId?: string;
  lastQtyShares?: number;
  lastPxTicks?: number;
  text?: string;
  /** An answer to an OrderStatusRequest (FIX 4.2 ExecTransType 3). */
  status?: boolean;
  /** OrdStatus and LeavesQty when they are not the record's (a status answer from venue truth). */
  ordStatus?: OrdStatus;
  leavesQtyShares?: number;
  /** One answer of an OrderMassStatusRequest: its id, how many answers it has, whether this is the last. */
  massStatus?: { reqId: string; totNumReports: number; last: boolean };
}

export class ReportBuilder {
  private localExecIds = 0;
  private massCancelIds = 0;
  // Reports of one venue output share their millisecond: the text is formatted once for them.
  private lastTransactMs = Number.NaN;
  private lastTransactText = '';

  constructor(
    private readonly ownerId: number,
    private readonly symbol: string,
    private readonly ticks: TickScale,
    private readonly dialect: ExecutionReportDialect,
    private readonly epochUtcMs: number,
  ) {}

  venueExecId(output: SequencedOutput<unknown>, orderId: number): string {
    return `${output.epoch}.${output.seq}.${orderId}`;
  }

  localExecId(): string {
    return `${this.ownerId}.L${++this.localExecIds}`;
  }

  transactTime(atNs: Ns): string {
    const utcMs = this.epochUtcMs + Math.floor(atNs / NS_PER_MS);
    if (utcMs !== this.lastTransactMs) {
      this.lastTransactMs = utcMs;
      this.lastTransactText = formatUtcTimestampMs(utcMs);
    }
    return this.lastTransactText;
  }

  execution(record: OrderRecord, detail: ReportDetail): ExecutionReport {
    const ordStatus = detail.ordStatus ?? record.ordStatus;
    const report: ExecutionReport = {
      msgType: '8',
      orderId: String(record.orderId),
      clOrdId: detail.clOrdId ?? record.clOrdId,
      origClOrdId: detail.origClOrdId,
      execId: detail.execId,
      execTransType: this.dialect.execTransType(detail.status === true),
      execType: detail.execType,
      ordStatus,
      side: fixSide(record.side),
      symbol: this.symbol,
      ordType: fixOrdType(record.orderType),
      price: record.orderType === 'market' ? undefined : this.ticks.price(record.priceTicks),
      orderQty: record.orderQtyShares,
      lastQty: detail.lastQtyShares,
      lastPx: detail.lastPxTicks === undefined ? undefined : this.ticks.price(detail.lastPxTicks),
      leavesQty: detail.leavesQtyShares ?? record.leavesQtyShares,
      cumQty: record.cumQtyShares,
      avgPx: this.ticks.averagePrice(record.notionalTicks, record.cumQtyShares),
      transactTime: this.transactTime(detail.atNs),
      text: detail.text,
      massStatusReqId: detail.massStatus?.reqId,
      totNumReports: detail.massStatus?.totNumReports,
      lastRptRequested: detail.massStatus?.last,
    };
    return report;
  }

  /** The answer to an OrderMassCancelRequest: done (`totalAffectedOrders`) or rejected (`rejectReason`). */
  massCancelReport(request: OrderMassCancelRequest, outcome: { totalAffectedOrders: number } | { rejectReason: number; text: string }, atNs: Ns): OrderMassCancelReport {
    const rejected = 'rejectReason' in outcome;
    return {
      msgType: 'r',
      clOrdId: request.clOrdId,
      orderId: `${this.ownerId}.M${++this.massCancelIds}`,
      massCancelRequestType: request.massCancelRequestType,
      massCancelResponse: rejected ? '0' : (request.massCancelRequestType as MassCancelResponse),
      massCancelRejectReason: rejected ? outcome.rejectReason : undefined,
      totalAffectedOrders: rejected ? undefined : outcome.totalAffectedOrders,
      symbol: request.symbol,
      side: request.side,
      transactTime: this.transactTime(atNs),
      text: rejected ? outcome.text : request.text,
    };
  }

  /**
   * The one answer to an OrderMassStatusRequest that matches no working order. FIX 4.4 prescribes one
   * ExecutionReport per matching order and says nothing of an empty match; this venue sends one report
   * so the requester is not left waiting: OrderID NONE, no ClOrdID, ExecType I, OrdStatus Rejected,
   * TotNumReports 0, LastRptRequested Y, Side the request's (Buy when it named none: the field is required).
   */
  massStatusNone(reqId: string, side: Side | undefined, atNs: Ns): ExecutionReport {
    return {
      msgType: '8',
      orderId: 'NONE',
      execId: this.localExecId(),
      execType: 'I',
      ordStatus: '8',
      side: side ?? '1',
      symbol: this.symbol,
      leavesQty: 0,
      cumQty: 0,
      avgPx: 0,
      transactTime: this.transactTime(atNs),
      text: 'no working orders',
      massStatusReqId: reqId,
      totNumReports: 0,
      lastRptRequested: true,
    };
  }

  businessReject(refSeqNum: number, refMsgType: string, refId: string | undefined, reason: number, text: string): BusinessMessageReject {
    return { msgType: 'j', refSeqNum, refMsgType, businessRejectRefId: refId, businessRejectReason: reason, text };
  }

  /** A report for a request that never became an order (rejected before the venue, or unknown). */
  orderless(clOrdId: string, side: Side, execType: ExecType, text: string, atNs: Ns, status = false): ExecutionReport {
    return {
      msgType: '8',
      orderId: 'NONE',
      clOrdId,
      execId: this.localExecId(),
      execTransType: this.dialect.execTransType(status),
      execType,
      ordStatus: '8',
      side,
      symbol: this.symbol,
      leavesQty: 0,
      cumQty: 0,
      avgPx: 0,
      transactTime: this.transactTime(atNs),
      text,
    };
  }

  cancelReject(
    record: OrderRecord | undefined,
    clOrdId: string,
    origClOrdId: string,
    responseTo: CxlRejResponseTo,
    reason: number,
    text: string,
  ): OrderCancelReject {
    return {
      msgType: '9',
      clOrdId,
      origClOrdId,
      orderId: record === undefined ? 'NONE' : String(record.orderId),
      ordStatus: record === undefined ? '8' : record.ordStatus,
      cxlRejResponseTo: responseTo,
      cxlRejReason: reason,
      text,
    };
  }

  tradeExecType(ordStatus: OrdStatus): ExecType {
    return this.dialect.tradeExecType(ordStatus);
  }

  statusExecType(ordStatus: OrdStatus): ExecType {
    return this.dialect.statusExecType(ordStatus);
  }
}
