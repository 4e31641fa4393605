/**
 * What a spec-following receiver would make of the frames the proxy delivered to the engine under test
 * (FIX Vol. 2 tests 2b, 10, 11): which sequence gaps it saw open and when each closed. A gap opens when a
 * frame arrives above the expected MsgSeqNum; it closes when every number below that frame has arrived or
 * been gap-filled in order. A GapFill arriving too low is ignored (test 10) and a SequenceReset-Reset moves
 * the expected number on (11a). A Logon with ResetSeqNumFlag=Y from either side starts afresh, abandoning
 * open gaps. The verdict compares this with what the engine asked for and when.
 */
import type { SeenFrame } from './session-observer.ts';

export interface Gap {
  first: number;
  last: number;
  openedAtMs: number;
  closedAtMs: number | undefined;
  /** A sequence reset at logon ended it before it closed. */
  abandoned: boolean;
}

export interface AppliedFill {
  kind: 'gap-fill' | 'reset';
  seq: number;
  newSeqNo: number;
  atMs: number;
  /** Whether it covered numbers that were missing (part of a gap). */
  filledMissing: boolean;
}

/** How many numbers of a gap a GapFill covers (from its MsgSeqNum to NewSeqNo - 1); undefined when the frame is not a GapFill that says both. */
export function gapFilledIn(frame: SeenFrame, gap: { first: number; last: number }): number | undefined {
  if (!frame.gapFill || frame.seq === undefined || frame.newSeqNo === undefined) return undefined;
  return Math.max(0, Math.min(frame.newSeqNo - 1, gap.last) - Math.max(frame.seq, gap.first) + 1);
}

export class ReferenceReceiver {
  readonly gaps: Gap[] = [];
  readonly fills: AppliedFill[] = [];
  private expected = 1;
  private readonly held = new Map<number, SeenFrame>();

  /** The number a spec receiver expects next. */
  get expectedSeq(): number {
    return this.expected;
  }

  /** Both numberings restart (a Logon with ResetSeqNumFlag=Y either way). */
  reset(atMs: number): void {
    for (const gap of this.openGaps()) {
      gap.abandoned = true;
      gap.closedAtMs = atMs;
    }
    this.expected = 1;
    this.held.clear();
  }

  receive(frame: SeenFrame): void {
    const seq = frame.seq;
    if (frame.msgType === '4' && !frame.gapFill) {
      if (frame.newSeqNo !== undefined && frame.newSeqNo > this.expected) {
        this.fills.push({ kind: 'reset', seq: this.expected, newSeqNo: frame.newSeqNo, atMs: frame.atMs, filledMissing: this.openGaps().length > 0 });
        this.expected = frame.newSeqNo;
        this.drain(frame.atMs);
      }
      return;
    }
    if (seq === undefined || seq < this.expected) return;
    if (seq > this.expected) {
      if (!this.held.has(seq)) this.held.set(seq, frame);
      const open = this.openGaps().at(-1);
      if (open !== undefined) open.last = Math.max(open.last, seq - 1);
      else this.gaps.push({ first: this.expected, last: seq - 1, openedAtMs: frame.atMs, closedAtMs: undefined, abandoned: false });
      return;
    }
    this.accept(frame);
    this.drain(frame.atMs);
  }

  openGaps(): Gap[] {
    return this.gaps.filter((g) => g.closedAtMs === undefined);
  }

  private accept(frame: SeenFrame): void {
    const seq = frame.seq as number;
    if (frame.gapFill && frame.newSeqNo !== undefined && frame.newSeqNo > seq + 1) {
      const missing = this.openGaps().some((g) => g.first <= frame.newSeqNo! - 1 && g.last >= seq);
      this.fills.push({ kind: 'gap-fill', seq, newSeqNo: frame.newSeqNo, atMs: frame.atMs, filledMissing: missing });
      this.expected = frame.newSeqNo;
    } else {
      if (frame.gapFill && frame.newSeqNo !== undefined) this.fills.push({ kind: 'gap-fill', seq, newSeqNo: frame.newSeqNo, atMs: frame.atMs, filledMissing: this.openGaps().some((g) => g.first <= seq && g.last >= seq) });
      this.expected = seq + 1;
    }
  }

  private drain(atMs: number): void {
    for (const seq of [...this.held.keys()]) if (seq < this.expected) this.held.delete(seq);
    for (let next = this.held.get(this.expected); next !== undefined; next = this.held.get(this.expected)) {
      this.held.delete(this.expected);
      this.accept(next);
      for (const seq of [...this.held.keys()]) if (seq < this.expected) this.held.delete(seq);
    }
    for (const gap of this.openGaps()) if (this.expected > gap.last) gap.closedAtMs = atMs;
  }
}
