/**
 * Cuts a TCP byte stream into FIX frames. A frame is `8=FIX...|9=<len>|<len bytes>10=<3 digits>|`; its
 * CheckSum is verified here. Anything else is reported as a value (`garbled`, with the reason and the number
 * of bytes given up) and the framer resynchronises on the next `8=FIX`. It never throws on input, never
 * holds more than `maxMessageBytes` of one frame, and never waits for bytes a malformed frame only claims to
 * have: when the declared BodyLength runs past a trailer or past the start of the next frame, the frame is
 * reported at once. Left out: raw-data fields (95/96), whose bytes may contain SOH.
 */
import { SOH } from './tags.ts';

export type GarbleReason =
  | 'junk'
  | 'bad-begin-string'
  | 'bad-body-length'
  | 'length-mismatch'
  | 'bad-checksum'
  | 'oversized'
  | 'truncated';

export type FrameEvent =
  | { kind: 'frame'; text: string }
  /** `text`: the bytes given up, as Latin-1 (a proxy passes them on unchanged). */
  | { kind: 'garbled'; reason: GarbleReason; skippedBytes: number; text: string };

const FRAME_START = '8=FIX';
const TRAILER_BYTES = 7; // "10=ddd" + SOH
const MAX_BEGIN_STRING_FIELD = 16;
const MAX_BODY_LENGTH_DIGITS = 7;
const BODY_LENGTH_PATTERN = /^\d+$/;
// eslint-disable-next-line no-control-regex -- SOH delimits FIX fields
const TRAILER_PATTERN = /\x0110=\d{3}\x01/g;

export function checksumOf(text: string, from = 0, to = text.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += text.charCodeAt(i);
  return sum % 256;
}

export class FixFramer {
  private pending = '';
  private offset = 0;

  constructor(readonly maxMessageBytes = 65_536) {}

  get bufferedBytes(): number {
    return this.pending.length - this.offset;
  }

  /** Adds bytes read from the stream; call `next()` until it returns undefined. */
  push(chunk: Uint8Array | string): void {
    if (this.offset > 0 && this.offset >= this.pending.length / 2) {
      this.pending = this.pending.slice(this.offset);
      this.offset = 0;
    }
    this.pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
  }

  /** The next frame or garble, or undefined when more bytes are needed. */
  next(): FrameEvent | undefined {
    const s = this.pending;
    const from = this.offset;
    if (from >= s.length) return undefined;
    const start = s.indexOf(FRAME_START, from);
    if (start < 0) {
      // Keep a tail that may be the beginning of "8=FIX"; the rest can never start a frame.
      const junkEnd = s.length - Math.min(FRAME_START.length - 1, s.length - from);
      return junkEnd > from ? this.skip(junkEnd, 'junk') : undefined;
    }
    if (start > from) return this.skip(start, 'junk');

    const beginEnd = s.indexOf(SOH, start);
    if (beginEnd < 0 || beginEnd - start > MAX_BEGIN_STRING_FIELD) {
      if (beginEnd < 0 && s.length - start <= MAX_BEGIN_STRING_FIELD) return undefined;
      return this.skip(start + 2, 'bad-begin-string');
    }
    if (s.length < beginEnd + 3) return undefined;
    if (s.charCodeAt(beginEnd + 1) !== 57 /* 9 */ || s.charCodeAt(beginEnd + 2) !== 61 /* = */) {
      return this.skip(start + 2, 'bad-body-length');
    }
    const lengthEnd = s.indexOf(SOH, beginEnd + 3);
    if (lengthEnd < 0) {
      return s.length - beginEnd - 3 > MAX_BODY_LENGTH_DIGITS ? this.skip(start + 2, 'bad-body-length') : undefined;
    }
    const lengthText = s.slice(beginEnd + 3, lengthEnd);
    if (lengthText.length > MAX_BODY_LENGTH_DIGITS || !BODY_LENGTH_PATTERN.test(lengthText)) {
      return this.skip(start + 2, 'bad-body-length');
    }
    const bodyStart = lengthEnd + 1;
    const trailerStart = bodyStart + Number(lengthText);
    const frameEnd = trailerStart + TRAILER_BYTES;
    if (frameEnd - start > this.maxMessageBytes) return this.skip(start + 2, 'oversized');

    if (s.length >= frameEnd) {
      if (!this.isTrailerAt(s, trailerStart)) return this.skip(start + 2, 'length-mismatch');
      const declared = Number(s.slice(trailerStart + 3, trailerStart + 6));
      if (declared !== checksumOf(s, start, trailerStart)) return this.skip(frameEnd, 'bad-checksum');
      this.offset = frameEnd;
      return { kind: 'frame', text: s.slice(start, frameEnd) };
    }
    // The declared length reaches past what has arrived. If a trailer or the next frame shows up first,
    // the length is wrong and waiting would hang; otherwise the rest of the frame is still on its way.
    const nextStart = s.indexOf(SOH + FRAME_START, bodyStart - 1);
    if (nextStart >= 0) return this.skip(nextStart + 1, 'length-mismatch');
    TRAILER_PATTERN.lastIndex = bodyStart - 1;
    const trailer = TRAILER_PATTERN.exec(s);
    if (trailer !== null) return this.skip(trailer.index + 1 + TRAILER_BYTES, 'length-mismatch');
    return undefined;
  }

  /** At the end of the stream: whatever is left is a truncated frame. */
  end(): FrameEvent | undefined {
    const left = this.bufferedBytes;
    const text = this.pending.slice(this.offset);
    this.pending = '';
    this.offset = 0;
    return left > 0 ? { kind: 'garbled', reason: 'truncated', skippedBytes: left, text } : undefined;
  }

  private isTrailerAt(s: string, at: number): boolean {
    if (s.charCodeAt(at - 1) !== 1 || !s.startsWith('10=', at) || s.charCodeAt(at + 6) !== 1) return false;
    for (let i = at + 3; i < at + 6; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }

  private skip(to: number, reason: GarbleReason): FrameEvent {
    const skippedBytes = to - this.offset;
    const text = this.pending.slice(this.offset, to);
    this.offset = to;
    return { kind: 'garbled', reason, skippedBytes, text };
  }
}
