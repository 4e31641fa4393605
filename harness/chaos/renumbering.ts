/**
 * A sequence reset applied by the proxy (fault `session-sequence-reset`): from MsgSeqNum `from` on, the
 * jumping side's frames are renumbered `jump` higher, after a SequenceReset-Reset told the receiver so; the
 * receiver's references to those numbers (ResendRequest 7 and 16, Reject 45) are mapped back before the
 * jumping side sees them, so both engines keep a consistent session. A Logon with ResetSeqNumFlag=Y from
 * either side starts both numberings afresh and ends it.
 */
import { FixFrame } from './fix-frame.ts';
import type { Direction } from './proxy-faults.ts';

export class Renumbering {
  private shift: { direction: Direction; from: number; jump: number } | undefined;

  start(direction: Direction, from: number, jump: number): void {
    this.shift = { direction, from, jump };
  }

  /** The frame as it must leave the proxy in `direction`, and whether it was changed. */
  apply(direction: Direction, frame: FixFrame): FixFrame {
    if (frame.msgType === 'A' && frame.get(141) === 'Y') this.shift = undefined;
    const shift = this.shift;
    if (shift === undefined) return frame;
    const changes = new Map<number, string>();
    const up = (value: number | undefined, tag: number) => {
      if (value !== undefined && value >= shift.from) changes.set(tag, String(value + shift.jump));
    };
    const down = (value: number | undefined, tag: number, end: boolean) => {
      if (value === undefined || value < shift.from || (end && value === 0)) return;
      const mapped = value >= shift.from + shift.jump ? value - shift.jump : end ? shift.from - 1 : shift.from;
      changes.set(tag, String(mapped));
    };
    if (direction === shift.direction) {
      up(frame.seq, 34);
      if (frame.msgType === '4') up(frame.int(36), 36);
    } else if (frame.msgType === '2') {
      down(frame.int(7), 7, false);
      down(frame.int(16), 16, true);
    } else if (frame.msgType === '3') {
      down(frame.int(45), 45, false);
    }
    return changes.size === 0 ? frame : frame.edit(changes);
  }
}
