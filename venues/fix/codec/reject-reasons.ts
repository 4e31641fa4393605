/**
 * SessionRejectReason (373) codes and the Text (58) written with them. FIX 4.2 defines codes 0-11 only; a
 * FIX 4.2 Reject for a later code carries the text without 373. The wording is QuickFIX's, so that rejects
 * read the same as those of the engine the acceptance scripts were recorded against.
 */
import type { BeginString } from './tags.ts';

export const SessionRejectReason = {
  InvalidTagNumber: 0,
  RequiredTagMissing: 1,
  TagNotDefinedForMessageType: 2,
  UndefinedTag: 3,
  TagSpecifiedWithoutValue: 4,
  ValueIsIncorrect: 5,
  IncorrectDataFormat: 6,
  CompIdProblem: 9,
  SendingTimeAccuracyProblem: 10,
  InvalidMsgType: 11,
  TagAppearsMoreThanOnce: 13,
  TagSpecifiedOutOfRequiredOrder: 14,
} as const;
export type SessionRejectReasonCode = (typeof SessionRejectReason)[keyof typeof SessionRejectReason];

const TEXT: Record<SessionRejectReasonCode, string> = {
  0: 'Invalid tag number',
  1: 'Required tag missing',
  2: 'Tag not defined for this message type',
  3: 'Undefined Tag',
  4: 'Tag specified without a value',
  5: 'Value is incorrect (out of range) for this tag',
  6: 'Incorrect data format for value',
  9: 'CompID problem',
  10: 'SendingTime accuracy problem',
  11: 'Invalid MsgType',
  13: 'Tag appears more than once',
  14: 'Tag specified out of required order',
};

export function rejectReasonText(reason: SessionRejectReasonCode): string {
  return TEXT[reason];
}

/** Whether this version's Reject can carry the code in 373. */
export function versionDefinesReason(version: BeginString, reason: SessionRejectReasonCode): boolean {
  return version !== 'FIX.4.2' || reason <= SessionRejectReason.InvalidMsgType;
}

/** What is wrong with an inbound message that a Reject answers: the code and the tag at fault, if one is. */
export interface SessionProblem {
  reason: SessionRejectReasonCode;
  refTagId: number | undefined;
}
