/**
 * The body layout of each modelled message type: which tags it carries, their data type, whether they are
 * required, and in which FIX version. The decoder validates against it (the checks a data dictionary
 * makes: tag known, tag defined for the message, value format, enumerated value, required present) and the
 * encoder writes fields in its order, ascending by tag as QuickFIX does. Property names are those of the
 * typed bodies in messages.ts.
 */
import {
  CXL_REJ_RESPONSES,
  EXEC_TRANS_TYPES,
  EXEC_TYPES,
  HANDL_INSTS,
  ORD_STATUSES,
  ORD_TYPES,
  SIDES,
  TIMES_IN_FORCE,
  type MsgType,
} from './messages.ts';
import { Tag, type BeginString } from './tags.ts';

/** `flag`: a Boolean that is false when absent and written only when true. */
export type FieldType = 'int' | 'float' | 'string' | 'char' | 'flag' | 'timestamp';

export interface FieldSpec {
  tag: number;
  key: string;
  type: FieldType;
  /** Required in every version (true), in none (false), or in the listed ones. */
  required: boolean | readonly BeginString[];
  /** Allowed values of an enumerated field. */
  values?: readonly string[];
  /** The versions that define the field; all when absent. */
  versions?: readonly BeginString[];
}

const FIX42: readonly BeginString[] = ['FIX.4.2'];

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
};

export function isRequired(spec: FieldSpec, version: BeginString): boolean {
  return spec.required === true || (Array.isArray(spec.required) && spec.required.includes(version));
}

export function isDefinedIn(spec: FieldSpec, version: BeginString): boolean {
  return spec.versions === undefined || spec.versions.includes(version);
}

/** Every tag some message or the header defines: a tag outside this set is an "Invalid tag number". */
export const KNOWN_TAGS: ReadonlySet<number> = new Set(Object.values(Tag));

/** Message types the schema knows, and that the decoder turns into typed bodies. */
export function isKnownMsgType(msgType: string): msgType is MsgType {
  return Object.prototype.hasOwnProperty.call(BODY_SCHEMAS, msgType);
}
