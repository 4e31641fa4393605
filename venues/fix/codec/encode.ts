/**
 * Encodes a typed message as FIX tag=value with SOH: 8, 9 and 35 first, then the header fields in ascending
 * tag order (34, 43, 49, 52, 56, 97, 122), then the body in schema order, then CheckSum. SendingTime and
 * OrigSendingTime are written with milliseconds. Characters are written as Latin-1 bytes, one byte each, so
 * BodyLength counts characters. A required field missing from a body, or a message type the header's
 * version does not define (q in FIX 4.2), is a programmer error and throws.
 */
import { invariant } from '../../../sim/invariant.ts';
import type { FixMessage } from './messages.ts';
import { BODY_SCHEMAS, isDefinedIn, isMsgTypeDefinedIn, isRequired } from './schema.ts';
import { SOH, Tag } from './tags.ts';
import { checksumOf } from './framer.ts';
import { formatFloat, formatUtcTimestampMs } from './values.ts';

export function encodeMessage(message: FixMessage): string {
  const { header, body } = message;
  invariant(isMsgTypeDefinedIn(body.msgType, header.beginString), () => `${header.beginString} defines no MsgType ${body.msgType}`);
  let out = `35=${body.msgType}${SOH}34=${header.msgSeqNum}${SOH}`;
  if (header.possDupFlag) out += `43=Y${SOH}`;
  out += `49=${header.senderCompId}${SOH}52=${formatUtcTimestampMs(header.sendingTimeMs)}${SOH}56=${header.targetCompId}${SOH}`;
  if (header.possResend) out += `97=Y${SOH}`;
  if (header.origSendingTimeMs !== undefined) out += `122=${formatUtcTimestampMs(header.origSendingTimeMs)}${SOH}`;
  const fields = body as unknown as Record<string, unknown>;
  for (const spec of BODY_SCHEMAS[body.msgType]) {
    if (!isDefinedIn(spec, header.beginString)) continue;
    const value = fields[spec.key];
    if (value === undefined || (value === false && spec.type === 'flag')) {
      invariant(!isRequired(spec, header.beginString), () => `${body.msgType} needs tag ${spec.tag} (${spec.key}) in ${header.beginString}`);
      continue;
    }
    const text = value === true ? 'Y' : value === false ? 'N' : typeof value === 'number' ? formatFloat(value) : String(value);
    out += `${spec.tag}=${text}${SOH}`;
  }
  const head = `${Tag.BeginString}=${header.beginString}${SOH}${Tag.BodyLength}=${out.length}${SOH}`;
  const frame = head + out;
  return `${frame}10=${checksumOf(frame).toString().padStart(3, '0')}${SOH}`;
}
