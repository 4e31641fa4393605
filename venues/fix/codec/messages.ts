/**
 * Typed FIX messages: a header, written anew on each transmission, and an immutable body, which a resend
 * reuses as is. The simulator passes these objects over its links (no encoding on the hot path); the TCP
 * adapter encodes and decodes them. Session messages: Logon A, Heartbeat 0, TestRequest 1, ResendRequest 2,
 * Reject 3, SequenceReset 4, Logout 5. Order entry: NewOrderSingle D, OrderCancelRequest F,
 * OrderCancelReplaceRequest G, ExecutionReport 8, OrderCancelReject 9, OrderStatusRequest H,
 * BusinessMessageReject j (FIX 4.2 on), and from FIX 4.3 on (so in FIX 4.4 only here) OrderMassCancelRequest q,
 * OrderMassCancelReport r and OrderMassStatusRequest AF. Field lists, required flags and types follow the FIX 4.2
 * and 4.4 dictionaries as QuickFIX 1.15 generates them (Debian's libquickfix-dev: fix44/OrderMassCancelRequest.h,
 * FixFields.h, FixValues.h), checked against B2BITS FIXopaedia; trimmed to what the venue models: one
 * instrument named by Symbol, no Parties, no TradingSessionID.
 *
 * Left out: repeating groups (the mass cancel report's AffectedOrders group NoAffectedOrders 534 among them:
 * TotalAffectedOrders 533 carries the count, and each cancelled order gets its own ExecutionReport),
 * the Instrument and UnderlyingInstrument blocks beyond Symbol, raw-data fields, encryption, and every field
 * the venue does not use. Prices and
 * quantities are decimal numbers as on the wire; the venue converts them to ticks and shares. Body
 * timestamps (TransactTime, ExpireTime) stay the UTCTimestamp text they arrived as, so an echo is byte-exact.
 */
import type { BeginString } from './tags.ts';

export interface FixHeader {
  beginString: BeginString;
  msgSeqNum: number;
  senderCompId: string;
  targetCompId: string;
  /** SendingTime (52), UTC milliseconds since the Unix epoch. */
  sendingTimeMs: number;
  possDupFlag: boolean;
  /** PossResend (97): the application may have seen this message under another MsgSeqNum. */
  possResend: boolean;
  /** OrigSendingTime (122), UTC ms since the epoch, when present. */
  origSendingTimeMs: number | undefined;
}

/** A UTCTimestamp as written on the wire (`YYYYMMDD-HH:MM:SS[.sss]`), checked by the decoder. */
export type UtcTimestampText = string;

export const SIDES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type Side = (typeof SIDES)[number];
export const ORD_TYPES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'P'] as const;
export type OrdType = (typeof ORD_TYPES)[number];
export const ORD_STATUSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E'] as const;
export type OrdStatus = (typeof ORD_STATUSES)[number];
export const EXEC_TYPES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'] as const;
export type ExecType = (typeof EXEC_TYPES)[number];
export const HANDL_INSTS = ['1', '2', '3'] as const;
export type HandlInst = (typeof HANDL_INSTS)[number];
export const TIMES_IN_FORCE = ['0', '1', '2', '3', '4', '5', '6', '7', '8'] as const;
export type TimeInForce = (typeof TIMES_IN_FORCE)[number];
export const EXEC_TRANS_TYPES = ['0', '1', '2', '3'] as const;
export type ExecTransType = (typeof EXEC_TRANS_TYPES)[number];
export const CXL_REJ_RESPONSES = ['1', '2'] as const;
export type CxlRejResponseTo = (typeof CXL_REJ_RESPONSES)[number];
/** MassCancelRequestType (530), FIX 4.4: 1 security, 2 underlying, 3 product, 4 CFICode, 5 SecurityType, 6 trading session, 7 all orders. */
export const MASS_CANCEL_REQUEST_TYPES = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type MassCancelRequestType = (typeof MASS_CANCEL_REQUEST_TYPES)[number];
/** MassCancelResponse (531): 0 the request was rejected, else the MassCancelRequestType it was carried out as. */
export const MASS_CANCEL_RESPONSES = ['0', ...MASS_CANCEL_REQUEST_TYPES] as const;
export type MassCancelResponse = (typeof MASS_CANCEL_RESPONSES)[number];
/** MassCancelRejectReason (532), FIX 4.4: 0 not supported, 1-6 invalid or unknown security ... trading session, 99 other. */
export const MASS_CANCEL_REJECT_REASONS = ['0', '1', '2', '3', '4', '5', '6', '99'] as const;
/** MassStatusReqType (585), FIX 4.4: 1 security, 2 underlying, 3 product, 4 CFICode, 5 SecurityType, 6 trading session, 7 all orders. */
export const MASS_STATUS_REQ_TYPES = ['1', '2', '3', '4', '5', '6', '7'] as const;
/**
 * BusinessRejectReason (380): 0 other, 1 unknown ID, 2 unknown security, 3 unsupported MsgType, 4 application
 * not available, 5 conditionally required field missing (FIX 4.2); FIX 4.4 adds 6 not authorized and 7
 * DeliverTo firm not available at this time.
 */
export const BUSINESS_REJECT_REASONS_42 = ['0', '1', '2', '3', '4', '5'] as const;
export const BUSINESS_REJECT_REASONS_44 = [...BUSINESS_REJECT_REASONS_42, '6', '7'] as const;

export interface Logon {
  msgType: 'A';
  encryptMethod: number;
  heartBtIntSec: number;
  resetSeqNumFlag: boolean;
}
export interface Heartbeat {
  msgType: '0';
  testReqId?: string;
}
export interface TestRequest {
  msgType: '1';
  testReqId: string;
}
export interface ResendRequest {
  msgType: '2';
  beginSeqNo: number;
  /** 0 means "to infinity" (FIX 4.2 and later). */
  endSeqNo: number;
}
export interface Reject {
  msgType: '3';
  refSeqNum: number;
  text?: string;
  refTagId?: number;
  refMsgType?: string;
  sessionRejectReason?: number;
}
export interface SequenceReset {
  msgType: '4';
  gapFillFlag: boolean;
  newSeqNo: number;
}
export interface Logout {
  msgType: '5';
  text?: string;
}

export interface NewOrderSingle {
  msgType: 'D';
  account?: string;
  clOrdId: string;
  handlInst?: HandlInst;
  orderQty?: number;
  ordType: OrdType;
  price?: number;
  side: Side;
  symbol: string;
  text?: string;
  timeInForce?: TimeInForce;
  transactTime?: UtcTimestampText;
  expireTime?: UtcTimestampText;
}
export interface OrderCancelRequest {
  msgType: 'F';
  clOrdId: string;
  orderId?: string;
  orderQty?: number;
  origClOrdId: string;
  side: Side;
  symbol: string;
  transactTime?: UtcTimestampText;
}
export interface OrderCancelReplaceRequest {
  msgType: 'G';
  clOrdId: string;
  handlInst?: HandlInst;
  orderId?: string;
  orderQty?: number;
  ordType: OrdType;
  origClOrdId: string;
  price?: number;
  side: Side;
  symbol: string;
  timeInForce?: TimeInForce;
  transactTime?: UtcTimestampText;
}
export interface ExecutionReport {
  msgType: '8';
  avgPx: number;
  clOrdId?: string;
  cumQty: number;
  execId: string;
  /** FIX 4.2 only (removed in 4.3). */
  execTransType?: ExecTransType;
  lastPx?: number;
  lastQty?: number;
  orderId: string;
  orderQty?: number;
  ordStatus: OrdStatus;
  ordType?: OrdType;
  origClOrdId?: string;
  price?: number;
  side: Side;
  symbol: string;
  text?: string;
  transactTime?: UtcTimestampText;
  execType: ExecType;
  leavesQty: number;
  /** An answer to an OrderMassStatusRequest (FIX 4.4): the request's id, the number of answers, Y on the last. */
  massStatusReqId?: string;
  totNumReports?: number;
  lastRptRequested?: boolean;
}
export interface OrderCancelReject {
  msgType: '9';
  clOrdId: string;
  orderId: string;
  ordStatus: OrdStatus;
  origClOrdId: string;
  text?: string;
  cxlRejReason?: number;
  cxlRejResponseTo: CxlRejResponseTo;
}
export interface OrderStatusRequest {
  msgType: 'H';
  clOrdId: string;
  orderId?: string;
  side: Side;
  symbol: string;
}

export interface OrderMassCancelRequest {
  msgType: 'q';
  clOrdId: string;
  massCancelRequestType: MassCancelRequestType;
  /** Required when MassCancelRequestType is 1 (orders for a security). */
  symbol?: string;
  side?: Side;
  transactTime: UtcTimestampText;
  text?: string;
}
export interface OrderMassCancelReport {
  msgType: 'r';
  clOrdId?: string;
  /** The venue's id of the mass cancel request itself (not of an order). */
  orderId: string;
  massCancelRequestType: MassCancelRequestType;
  massCancelResponse: MassCancelResponse;
  massCancelRejectReason?: number;
  totalAffectedOrders?: number;
  symbol?: string;
  side?: Side;
  transactTime?: UtcTimestampText;
  text?: string;
}
export interface OrderMassStatusRequest {
  msgType: 'AF';
  massStatusReqId: string;
  /** 1 (orders for a security: Symbol required) or 7 (all orders) as the venue models them; the spec's others decode. */
  massStatusReqType: number;
  symbol?: string;
  side?: Side;
}
export interface BusinessMessageReject {
  msgType: 'j';
  refSeqNum?: number;
  refMsgType: string;
  businessRejectRefId?: string;
  businessRejectReason: number;
  text?: string;
}

export type AdminBody = Logon | Heartbeat | TestRequest | ResendRequest | Reject | SequenceReset | Logout;
export type AppBody =
  | NewOrderSingle
  | OrderCancelRequest
  | OrderCancelReplaceRequest
  | ExecutionReport
  | OrderCancelReject
  | OrderStatusRequest
  | OrderMassCancelRequest
  | OrderMassCancelReport
  | OrderMassStatusRequest
  | BusinessMessageReject;
export type FixBody = AdminBody | AppBody;
export type MsgType = FixBody['msgType'];

export interface FixMessage<B extends FixBody = FixBody> {
  header: FixHeader;
  body: B;
}

const ADMIN_MSG_TYPES: ReadonlySet<string> = new Set(['A', '0', '1', '2', '3', '4', '5']);

/** Session-level (admin) messages are never resent: a run of them is replaced by a SequenceReset-GapFill. */
export function isAdminMsgType(msgType: string): boolean {
  return ADMIN_MSG_TYPES.has(msgType);
}

export function isAppBody(body: FixBody): body is AppBody {
  return !ADMIN_MSG_TYPES.has(body.msgType);
}
