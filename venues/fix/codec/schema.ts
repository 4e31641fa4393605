/**
 * The body layout of each modelled message type: which tags it carries, their data type, whether they are
 * required, and in which FIX version. The decoder validates against it (the checks a data dictionary
 * makes: tag known, tag defined for the message, value format, enumerated value, required present) and the
 * encoder writes fields in its order, ascending by tag as QuickFIX does. Property names are those of the
 * typed bodies in messages.ts. A message type may be defined in some versions only (q, r and AF came with
 * FIX 4.3): in the others it is an unknown MsgType. A field required only when another field has some value
 * (Symbol of a mass cancel "for a security") is not a data-dictionary check: the decoder lets it through and
 * the application answers with a BusinessMessageReject "conditionally required field missing", as FIX
 * prescribes (`missingConditionalTag`).
 */
import {
  BUSINESS_REJECT_REASONS_42,
  BUSINESS_REJECT_REASONS_44,
  CXL_REJ_RESPONSES,
  EXEC_TRANS_TYPES,
  EXEC_TYPES,
  HANDL_INSTS,
  MASS_CANCEL_REJECT_REASONS,
  MASS_CANCEL_REQUEST_TYPES,
  MASS_CANCEL_RESPONSES,
  MASS_STATUS_REQ_TYPES,
  ORD_STATUSES,
  ORD_TYPES,
  SIDES,
  TIMES_IN_FORCE,
  type AppBody,
  type MsgType,
} from './messages.ts';
import { Tag, type BeginString } from './tags.ts';

/** `flag`: a Boolean that is false when absent and written only when true; `boolean`: Y or N when present. */
export type FieldType = 'int' | 'float' | 'string' | 'char' | 'flag' | 'boolean' | 'timestamp';

export interface FieldSpec {
  tag: number;
  key: string;
  type: FieldType;
  /** Required in every version (true), in none (false), or in the listed ones. */
  required: boolean | readonly BeginString[];
  /** Allowed values of an enumerated field (an int's in its canonical decimal form). */
  values?: readonly string[];
  /** The versions that define the field; all when absent. */
  versions?: readonly BeginString[];
}

const FIX42: readonly BeginString[] = ['FIX.4.2'];
const FIX44: readonly BeginString[] = ['FIX.4.4'];

const f = (tag: number, key: string, type: FieldType, required: FieldSpec['required'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  tag,
  key,
  type,
  required,
  ...extra,
});

const side = f(Tag.Side, 'side', 'char', true, { values: SIDES });
const symbol = f(Tag.Symbol, 'symbol', 'string', true);
const clOrdId = f(Tag.ClOrdID, 'clOrdId', 'string', true);
const transactTime = f(Tag.TransactTime, 'transactTime', 'timestamp', false);
const optionalSide = f(Tag.Side, 'side', 'char', false, { values: SIDES });
const optionalSymbol = f(Tag.Symbol, 'symbol', 'string', false);
const text = f(Tag.Text, 'text', 'string', false);

export const BODY_SCHEMAS: Readonly<Record<MsgType, readonly FieldSpec[]>> = {
  A: [
    f(Tag.EncryptMethod, 'encryptMethod', 'int', true),
    f(Tag.HeartBtInt, 'heartBtIntSec', 'int', true),
    f(Tag.ResetSeqNumFlag, 'resetSeqNumFlag', 'flag', false),
  ],
  '0': [f(Tag.TestReqID, 'testReqId', 'string', false)],
  '1': [f(Tag.TestReqID, 'testReqId', 'string', true)],
  '2': [f(Tag.BeginSeqNo, 'beginSeqNo', 'int', true), f(Tag.EndSeqNo, 'endSeqNo', 'int', true)],
  '3': [
    f(Tag.RefSeqNum, 'refSeqNum', 'int', true),
    f(Tag.Text, 'text', 'string', false),
    f(Tag.RefTagID, 'refTagId', 'int', false),
    f(Tag.RefMsgType, 'refMsgType', 'string', false),
    f(Tag.SessionRejectReason, 'sessionRejectReason', 'int', false),
  ],
  '4': [f(Tag.NewSeqNo, 'newSeqNo', 'int', true), f(Tag.GapFillFlag, 'gapFillFlag', 'flag', false)],
  '5': [f(Tag.Text, 'text', 'string', false)],
  D: [
    f(Tag.Account, 'account', 'string', false),
    clOrdId,
    f(Tag.HandlInst, 'handlInst', 'char', FIX42, { values: HANDL_INSTS }),
    f(Tag.OrderQty, 'orderQty', 'float', false),
    f(Tag.OrdType, 'ordType', 'char', true, { values: ORD_TYPES }),
    f(Tag.Price, 'price', 'float', false),
    side,
    symbol,
    f(Tag.Text, 'text', 'string', false),
    f(Tag.TimeInForce, 'timeInForce', 'char', false, { values: TIMES_IN_FORCE }),
    f(Tag.TransactTime, 'transactTime', 'timestamp', true),
    f(Tag.ExpireTime, 'expireTime', 'timestamp', false),
  ],
  F: [
    clOrdId,
    f(Tag.OrderID, 'orderId', 'string', false),
    f(Tag.OrderQty, 'orderQty', 'float', false),
    f(Tag.OrigClOrdID, 'origClOrdId', 'string', true),
    side,
    symbol,
    f(Tag.TransactTime, 'transactTime', 'timestamp', true),
  ],
  G: [
    clOrdId,
    f(Tag.HandlInst, 'handlInst', 'char', FIX42, { values: HANDL_INSTS }),
    f(Tag.OrderID, 'orderId', 'string', false),
    f(Tag.OrderQty, 'orderQty', 'float', false),
    f(Tag.OrdType, 'ordType', 'char', true, { values: ORD_TYPES }),
    f(Tag.OrigClOrdID, 'origClOrdId', 'string', true),
    f(Tag.Price, 'price', 'float', false),
    side,
    symbol,
    f(Tag.TimeInForce, 'timeInForce', 'char', false, { values: TIMES_IN_FORCE }),
    f(Tag.TransactTime, 'transactTime', 'timestamp', true),
  ],
  '8': [
    f(Tag.AvgPx, 'avgPx', 'float', true),
    f(Tag.ClOrdID, 'clOrdId', 'string', false),
    f(Tag.CumQty, 'cumQty', 'float', true),
    f(Tag.ExecID, 'execId', 'string', true),
    f(Tag.ExecTransType, 'execTransType', 'char', FIX42, { values: EXEC_TRANS_TYPES, versions: FIX42 }),
    f(Tag.LastPx, 'lastPx', 'float', false),
    f(Tag.LastQty, 'lastQty', 'float', false),
    f(Tag.OrderID, 'orderId', 'string', true),
    f(Tag.OrderQty, 'orderQty', 'float', false),
    f(Tag.OrdStatus, 'ordStatus', 'char', true, { values: ORD_STATUSES }),
    f(Tag.OrdType, 'ordType', 'char', false, { values: ORD_TYPES }),
    f(Tag.OrigClOrdID, 'origClOrdId', 'string', false),
    f(Tag.Price, 'price', 'float', false),
    side,
    symbol,
    f(Tag.Text, 'text', 'string', false),
    transactTime,
    f(Tag.ExecType, 'execType', 'char', true, { values: EXEC_TYPES }),
    f(Tag.LeavesQty, 'leavesQty', 'float', true),
    f(Tag.MassStatusReqID, 'massStatusReqId', 'string', false, { versions: FIX44 }),
    f(Tag.TotNumReports, 'totNumReports', 'int', false, { versions: FIX44 }),
    f(Tag.LastRptRequested, 'lastRptRequested', 'boolean', false, { versions: FIX44 }),
  ],
  '9': [
    f(Tag.ClOrdID, 'clOrdId', 'string', true),
    f(Tag.OrderID, 'orderId', 'string', true),
    f(Tag.OrdStatus, 'ordStatus', 'char', true, { values: ORD_STATUSES }),
    f(Tag.OrigClOrdID, 'origClOrdId', 'string', true),
    f(Tag.Text, 'text', 'string', false),
    f(Tag.CxlRejReason, 'cxlRejReason', 'int', false),
    f(Tag.CxlRejResponseTo, 'cxlRejResponseTo', 'char', true, { values: CXL_REJ_RESPONSES }),
  ],
  H: [clOrdId, f(Tag.OrderID, 'orderId', 'string', false), side, symbol],
  q: [
    clOrdId,
    optionalSide,
    optionalSymbol,
    text,
    f(Tag.TransactTime, 'transactTime', 'timestamp', true),
    f(Tag.MassCancelRequestType, 'massCancelRequestType', 'char', true, { values: MASS_CANCEL_REQUEST_TYPES }),
  ],
  r: [
    f(Tag.ClOrdID, 'clOrdId', 'string', false),
    f(Tag.OrderID, 'orderId', 'string', true),
    optionalSide,
    optionalSymbol,
    text,
    transactTime,
    f(Tag.MassCancelRequestType, 'massCancelRequestType', 'char', true, { values: MASS_CANCEL_REQUEST_TYPES }),
    f(Tag.MassCancelResponse, 'massCancelResponse', 'char', true, { values: MASS_CANCEL_RESPONSES }),
    f(Tag.MassCancelRejectReason, 'massCancelRejectReason', 'int', false, { values: MASS_CANCEL_REJECT_REASONS }),
    f(Tag.TotalAffectedOrders, 'totalAffectedOrders', 'int', false),
  ],
  AF: [
    optionalSide,
    optionalSymbol,
    f(Tag.MassStatusReqID, 'massStatusReqId', 'string', true),
    f(Tag.MassStatusReqType, 'massStatusReqType', 'int', true, { values: MASS_STATUS_REQ_TYPES }),
  ],
  j: [
    f(Tag.RefSeqNum, 'refSeqNum', 'int', false),
    text,
    f(Tag.RefMsgType, 'refMsgType', 'string', true),
    f(Tag.BusinessRejectRefID, 'businessRejectRefId', 'string', false),
    f(Tag.BusinessRejectReason, 'businessRejectReason', 'int', true, { values: BUSINESS_REJECT_REASONS_42, versions: FIX42 }),
    f(Tag.BusinessRejectReason, 'businessRejectReason', 'int', true, { values: BUSINESS_REJECT_REASONS_44, versions: FIX44 }),
  ],
};

/** Message types that only some versions define (all others are in every version modelled). */
const MSG_TYPE_VERSIONS: Partial<Record<MsgType, readonly BeginString[]>> = { q: FIX44, r: FIX44, AF: FIX44 };

/** A field required when another field of the message has one of some values. */
interface ConditionalField {
  tag: number;
  key: string;
  whenKey: string;
  whenValues: readonly unknown[];
}

/** Symbol when the request is scoped to a security (MassCancelRequestType 1, MassStatusReqType 1). */
const CONDITIONAL_FIELDS: Partial<Record<MsgType, readonly ConditionalField[]>> = {
  q: [{ tag: Tag.Symbol, key: 'symbol', whenKey: 'massCancelRequestType', whenValues: ['1'] }],
  AF: [{ tag: Tag.Symbol, key: 'symbol', whenKey: 'massStatusReqType', whenValues: [1] }],
};

/** The tag of a conditionally required field this body lacks, or undefined when it has all it needs. */
export function missingConditionalTag(body: AppBody): number | undefined {
  const fields = body as unknown as Record<string, unknown>;
  for (const rule of CONDITIONAL_FIELDS[body.msgType] ?? []) {
    if (rule.whenValues.includes(fields[rule.whenKey]) && fields[rule.key] === undefined) return rule.tag;
  }
  return undefined;
}

export function isRequired(spec: FieldSpec, version: BeginString): boolean {
  return spec.required === true || (Array.isArray(spec.required) && spec.required.includes(version));
}

export function isDefinedIn(spec: FieldSpec, version: BeginString): boolean {
  return spec.versions === undefined || spec.versions.includes(version);
}

/** Every tag some message or the header defines: a tag outside this set is an "Invalid tag number". */
export const KNOWN_TAGS: ReadonlySet<number> = new Set(Object.values(Tag));

/** Message types the schema knows in this version, and that the decoder turns into typed bodies. */
export function isMsgTypeDefinedIn(msgType: string, version: BeginString): msgType is MsgType {
  if (!Object.prototype.hasOwnProperty.call(BODY_SCHEMAS, msgType)) return false;
  const versions = MSG_TYPE_VERSIONS[msgType as MsgType];
  return versions === undefined || versions.includes(version);
}
