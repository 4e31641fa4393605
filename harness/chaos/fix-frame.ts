/**
 * A FIX frame as the chaos proxy sees it: the raw text, kept as it arrived unless a fault must change it, and
 * its fields, read once. An edit rewrites the named fields in place, inserts new header fields after
 * MsgSeqNum (34) so they stay in the header, and recomputes BodyLength (9) and CheckSum (10): the only time
 * the proxy writes either. Text is Latin-1, one byte a character, as on the wire.
 */
import { checksumOf } from '../../venues/fix/codec/index.ts';

const SOH = '\x01';

/** What the proxy made a frame as (a duplicate, a GapFill in place of a resend, an injected reset), by frame. */
const MADE = new WeakMap<FixFrame, ProxyMade>();
export type ProxyMade = 'duplicate-possdup' | 'duplicate-unmarked' | 'gapfill-rewrite' | 'sequence-reset';

export function markMade(frame: FixFrame, what: ProxyMade): FixFrame {
  MADE.set(frame, what);
  return frame;
}

export function madeBy(frame: FixFrame): ProxyMade | undefined {
  return MADE.get(frame);
}
const ADMIN = new Set(['0', '1', '2', '3', '4', '5', 'A']);

export class FixFrame {
  private constructor(
    readonly raw: string,
    readonly fields: readonly (readonly [number, string])[],
  ) {}

  /** Undefined when the text is not tag=value fields starting 8, 9, 35 and ending 10. */
  static parse(raw: string): FixFrame | undefined {
    const fields: [number, string][] = [];
    for (const part of raw.split(SOH)) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const tag = Number(part.slice(0, eq));
      if (eq <= 0 || !Number.isInteger(tag)) return undefined;
      fields.push([tag, part.slice(eq + 1)]);
    }
    if (fields.length < 4 || fields[0][0] !== 8 || fields[1][0] !== 9 || fields[2][0] !== 35 || fields[fields.length - 1][0] !== 10) return undefined;
    return new FixFrame(raw, fields);
  }

  /** A new frame from header and body fields (8, 9 and 10 are written here). */
  static build(beginString: string, fields: readonly (readonly [number, string])[]): FixFrame {
    return FixFrame.encode(beginString, fields);
  }

  get(tag: number): string | undefined {
    return this.fields.find(([t]) => t === tag)?.[1];
  }
  int(tag: number): number | undefined {
    const value = this.get(tag);
    return value !== undefined && /^-?\d{1,15}$/.test(value) ? Number(value) : undefined;
  }
  get msgType(): string {
    return this.fields[2][1];
  }
  get seq(): number | undefined {
    return this.int(34);
  }
  get possDup(): boolean {
    return this.get(43) === 'Y';
  }
  get isAdmin(): boolean {
    return ADMIN.has(this.msgType);
  }
  get isGapFill(): boolean {
    return this.msgType === '4' && this.get(123) === 'Y';
  }
  get isReset(): boolean {
    return this.msgType === '4' && this.get(123) !== 'Y';
  }
  get beginString(): string {
    return this.fields[0][1];
  }

  /** A copy with `changes` applied: a value for each tag (set, or inserted into the header), undefined to remove. */
  edit(changes: ReadonlyMap<number, string | undefined>): FixFrame {
    const seen = new Set<number>();
    const fields: [number, string][] = [];
    for (const [tag, value] of this.fields.slice(2, -1)) {
      if (!changes.has(tag)) {
        fields.push([tag, value]);
        continue;
      }
      seen.add(tag);
      const next = changes.get(tag);
      if (next !== undefined) fields.push([tag, next]);
    }
    const afterSeq = fields.findIndex(([tag]) => tag === 34) + 1;
    const inserted = [...changes].filter(([tag, value]) => !seen.has(tag) && value !== undefined) as [number, string][];
    fields.splice(afterSeq > 0 ? afterSeq : 1, 0, ...inserted);
    return FixFrame.encode(this.beginString, fields);
  }

  private static encode(beginString: string, fields: readonly (readonly [number, string])[]): FixFrame {
    const body = fields.map(([tag, value]) => `${tag}=${value}${SOH}`).join('');
    const head = `8=${beginString}${SOH}9=${body.length}${SOH}${body}`;
    const raw = `${head}10=${String(checksumOf(head)).padStart(3, '0')}${SOH}`;
    return FixFrame.parse(raw) as FixFrame;
  }
}
