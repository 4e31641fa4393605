/**
 * Decodes one frame (as cut by the framer, CheckSum already verified) into a typed message, or says what is
 * wrong with it, as a value:
 * - `garbled`: not a FIX message at all (a field without `=`, a tag that is not a number, MsgType not the
 *   third field). The session ignores it and consumes no sequence number (Vol. 2 test 2d).
 * - `invalid`: a well-formed message that fails the data-dictionary checks (unknown tag, tag not defined
 *   for the type, empty value, bad format, value out of range, required tag missing, repeated tag, a header
 *   tag after the body began, unknown MsgType). It carries the header facts the session needs to sequence
 *   and reject it, and the tag at fault (RefTagID 371): MsgType (35) itself when the type is unknown, as
 *   QuickFIX/J writes it (2q_MsgTypeNotValid).
 * Never throws on input.
 */
import { type FixBody, type FixHeader, type FixMessage } from './messages.ts';
import { SessionRejectReason, type SessionProblem, type SessionRejectReasonCode } from './reject-reasons.ts';
import { BODY_SCHEMAS, KNOWN_TAGS, isDefinedIn, isMsgTypeDefinedIn, isRequired, type FieldSpec } from './schema.ts';
import { BEGIN_STRINGS, HEADER_TAGS, SOH, Tag, type BeginString } from './tags.ts';
import { isFloatText, isIntText, parseUtcTimestampMs } from './values.ts';

/** What can be read from the header of a message that failed validation. */
export interface InboundFacts {
  beginString: string;
  msgType: string;
  msgSeqNum: number | undefined;
  senderCompId: string | undefined;
  targetCompId: string | undefined;
  sendingTimeMs: number | undefined;
  possDupFlag: boolean;
  origSendingTimeMs: number | undefined;
}

export type DecodeResult =
  | { kind: 'message'; message: FixMessage }
  | { kind: 'invalid'; facts: InboundFacts; problem: SessionProblem }
  | { kind: 'garbled'; reason: string };

/** Standard header tags a counterparty may send that this venue does not use: accepted and ignored. */
const IGNORED_HEADER_TAGS: ReadonlySet<number> = new Set([50, 57, 115, 116, 128, 129, 142, 143, 144, 145, 369]);
const TAG_PATTERN = /^[1-9]\d{0,5}$/;

export function decodeFrame(text: string): DecodeResult {
  const tags: number[] = [];
  const values: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const eq = text.indexOf('=', pos);
    const end = text.indexOf(SOH, pos);
    if (eq < 0 || end < 0 || eq > end) return { kind: 'garbled', reason: 'field without =' };
    const tagText = text.slice(pos, eq);
    if (!TAG_PATTERN.test(tagText)) return { kind: 'garbled', reason: `bad tag ${JSON.stringify(tagText)}` };
    tags.push(Number(tagText));
    values.push(text.slice(eq + 1, end));
    pos = end + 1;
  }
  if (tags.length < 4 || tags[0] !== Tag.BeginString || tags[1] !== Tag.BodyLength || tags[2] !== Tag.MsgType) {
    return { kind: 'garbled', reason: 'header does not start 8, 9, 35' };
  }
  if (tags[tags.length - 1] !== Tag.CheckSum) return { kind: 'garbled', reason: 'CheckSum not last' };
  return new Decoding(tags, values).run();
}

class Decoding {
  private problem: SessionProblem | undefined;
  private readonly seen = new Set<number>();
  private readonly facts: InboundFacts;
  private readonly body: Record<string, unknown> = {};

  constructor(
    private readonly tags: number[],
    private readonly values: string[],
  ) {
    this.facts = {
      beginString: values[0],
      msgType: values[2],
      msgSeqNum: undefined,
      senderCompId: undefined,
      targetCompId: undefined,
      sendingTimeMs: undefined,
      possDupFlag: false,
      origSendingTimeMs: undefined,
    };
  }

  run(): DecodeResult {
    const version = BEGIN_STRINGS.find((b) => b === this.facts.beginString);
    const msgType = this.facts.msgType;
    // A type this version does not define (q in FIX 4.2) is as unknown as a made-up one.
    const schema = version !== undefined && isMsgTypeDefinedIn(msgType, version) ? BODY_SCHEMAS[msgType] : undefined;
    let possResend = false;
    if (version === undefined) this.fail(SessionRejectReason.ValueIsIncorrect, Tag.BeginString);
    if (schema === undefined) this.fail(SessionRejectReason.InvalidMsgType, Tag.MsgType);
    let bodyBegun = false;
    for (let i = 3; i < this.tags.length - 1; i++) {
      const tag = this.tags[i];
      const value = this.values[i];
      if (this.seen.has(tag)) this.fail(SessionRejectReason.TagAppearsMoreThanOnce, tag);
      this.seen.add(tag);
      const inHeader = HEADER_TAGS.has(tag) || IGNORED_HEADER_TAGS.has(tag);
      if (inHeader && bodyBegun) this.fail(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, tag); // 14g
      bodyBegun ||= !inHeader;
      if (value === '') {
        this.fail(SessionRejectReason.TagSpecifiedWithoutValue, tag);
        continue;
      }
      switch (tag) {
        case Tag.MsgSeqNum:
          if (isIntText(value)) this.facts.msgSeqNum = Number(value);
          else this.fail(SessionRejectReason.IncorrectDataFormat, tag);
          break;
        case Tag.SenderCompID:
          this.facts.senderCompId = value;
          break;
        case Tag.TargetCompID:
          this.facts.targetCompId = value;
          break;
        case Tag.SendingTime:
          this.facts.sendingTimeMs = this.timestamp(tag, value);
          break;
        case Tag.OrigSendingTime:
          this.facts.origSendingTimeMs = this.timestamp(tag, value);
          break;
        case Tag.PossDupFlag:
          this.facts.possDupFlag = this.flag(tag, value);
          break;
        case Tag.PossResend:
          possResend = this.flag(tag, value);
          break;
        default:
          if (!IGNORED_HEADER_TAGS.has(tag) && schema !== undefined && version !== undefined) this.bodyField(schema, version, tag, value);
      }
    }
    if (this.facts.msgSeqNum === undefined && !this.seen.has(Tag.MsgSeqNum)) this.fail(SessionRejectReason.RequiredTagMissing, Tag.MsgSeqNum);
    for (const tag of [Tag.SenderCompID, Tag.TargetCompID, Tag.SendingTime]) {
      if (!this.seen.has(tag)) this.fail(SessionRejectReason.RequiredTagMissing, tag);
    }
    if (schema !== undefined && version !== undefined) {
      for (const spec of schema) {
        if (isRequired(spec, version) && !this.seen.has(spec.tag)) this.fail(SessionRejectReason.RequiredTagMissing, spec.tag);
      }
    }
    if (this.problem !== undefined || version === undefined || schema === undefined) {
      return { kind: 'invalid', facts: this.facts, problem: this.problem ?? { reason: SessionRejectReason.InvalidMsgType, refTagId: Tag.MsgType } };
    }
    const header: FixHeader = {
      beginString: version,
      msgSeqNum: this.facts.msgSeqNum as number,
      senderCompId: this.facts.senderCompId as string,
      targetCompId: this.facts.targetCompId as string,
      sendingTimeMs: this.facts.sendingTimeMs as number,
      possDupFlag: this.facts.possDupFlag,
      possResend,
      origSendingTimeMs: this.facts.origSendingTimeMs,
    };
    for (const spec of schema) if (spec.type === 'flag' && isDefinedIn(spec, version) && this.body[spec.key] === undefined) this.body[spec.key] = false;
    this.body.msgType = msgType;
    return { kind: 'message', message: { header, body: this.body as unknown as FixBody } };
  }

  private bodyField(schema: readonly FieldSpec[], version: BeginString, tag: number, value: string): void {
    const spec = schema.find((s) => s.tag === tag && isDefinedIn(s, version));
    if (spec === undefined) {
      this.fail(KNOWN_TAGS.has(tag) ? SessionRejectReason.TagNotDefinedForMessageType : SessionRejectReason.InvalidTagNumber, tag);
      return;
    }
    switch (spec.type) {
      case 'int':
        if (!isIntText(value)) this.fail(SessionRejectReason.IncorrectDataFormat, tag);
        else if (spec.values !== undefined && !spec.values.includes(String(Number(value)))) this.fail(SessionRejectReason.ValueIsIncorrect, tag);
        else this.body[spec.key] = Number(value);
        return;
      case 'float':
        if (isFloatText(value)) this.body[spec.key] = Number(value);
        else this.fail(SessionRejectReason.IncorrectDataFormat, tag);
        return;
      case 'string':
        this.body[spec.key] = value;
        return;
      case 'char':
        if (value.length !== 1) this.fail(SessionRejectReason.IncorrectDataFormat, tag);
        else if (spec.values !== undefined && !spec.values.includes(value)) this.fail(SessionRejectReason.ValueIsIncorrect, tag);
        else this.body[spec.key] = value;
        return;
      case 'flag':
      case 'boolean':
        this.body[spec.key] = this.flag(tag, value);
        return;
      case 'timestamp':
        if (this.timestamp(tag, value) !== undefined) this.body[spec.key] = value;
        return;
    }
  }

  private timestamp(tag: number, value: string): number | undefined {
    const ms = parseUtcTimestampMs(value);
    if (ms === undefined) this.fail(SessionRejectReason.IncorrectDataFormat, tag);
    return ms;
  }

  private flag(tag: number, value: string): boolean {
    if (value !== 'Y' && value !== 'N') this.fail(SessionRejectReason.IncorrectDataFormat, tag);
    return value === 'Y';
  }

  private fail(reason: SessionRejectReasonCode, refTagId: number | undefined): void {
    this.problem ??= { reason, refTagId };
  }
}
