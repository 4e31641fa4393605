/**
 * FIX tag numbers used by the session layer and the order-entry messages this project models, and the
 * wire constants (SOH, supported BeginStrings). Names follow the FIX 4.4 field dictionary; where FIX 4.2
 * names the same tag differently (LastShares for LastQty, 32) the 4.4 name is used.
 */
export const SOH = '\x01';

export type BeginString = 'FIX.4.2' | 'FIX.4.4';
export const BEGIN_STRINGS: readonly BeginString[] = ['FIX.4.2', 'FIX.4.4'];

export const Tag = {
  Account: 1,
  AvgPx: 6,
  BeginSeqNo: 7,
  BeginString: 8,
  BodyLength: 9,
  CheckSum: 10,
  ClOrdID: 11,
  CumQty: 14,
  EndSeqNo: 16,
  ExecID: 17,
  ExecTransType: 20,
  HandlInst: 21,
  LastPx: 31,
  LastQty: 32,
  MsgSeqNum: 34,
  MsgType: 35,
  NewSeqNo: 36,
  OrderID: 37,
  OrderQty: 38,
  OrdStatus: 39,
  OrdType: 40,
  OrigClOrdID: 41,
  PossDupFlag: 43,
  Price: 44,
  RefSeqNum: 45,
  SenderCompID: 49,
  SendingTime: 52,
  Side: 54,
  Symbol: 55,
  TargetCompID: 56,
  Text: 58,
  TimeInForce: 59,
  TransactTime: 60,
  PossResend: 97,
  EncryptMethod: 98,
  CxlRejReason: 102,
  HeartBtInt: 108,
  TestReqID: 112,
  OrigSendingTime: 122,
  GapFillFlag: 123,
  ExpireTime: 126,
  ResetSeqNumFlag: 141,
  ExecType: 150,
  LeavesQty: 151,
  RefTagID: 371,
  RefMsgType: 372,
  SessionRejectReason: 373,
  BusinessRejectRefID: 379,
  BusinessRejectReason: 380,
  CxlRejResponseTo: 434,
  MassCancelRequestType: 530,
  MassCancelResponse: 531,
  MassCancelRejectReason: 532,
  TotalAffectedOrders: 533,
  MassStatusReqID: 584,
  MassStatusReqType: 585,
  TotNumReports: 911,
  LastRptRequested: 912,
} as const;

/** Header fields after 8, 9 and 35, in the order this codec writes them (ascending, as QuickFIX does). */
export const HEADER_TAGS: ReadonlySet<number> = new Set([
  Tag.MsgSeqNum,
  Tag.PossDupFlag,
  Tag.SenderCompID,
  Tag.SendingTime,
  Tag.TargetCompID,
  Tag.PossResend,
  Tag.OrigSendingTime,
]);
