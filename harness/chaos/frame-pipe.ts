/**
 * One direction of a proxied FIX connection: bytes in, frames cut by the framer, each frame put through the
 * faults in effect (fault-state.ts), then written out in order. Frames nobody touched leave byte for byte as
 * they came, and so do bytes that are not frames (garbage, a truncated tail): the proxy changes the stream
 * only where a fault says so. Order is kept as TCP keeps it: a delayed frame holds back those behind it, a
 * paced replay (a slow replay) lets one PossDup frame out per 1/rate, the first at once, and live frames
 * wait behind it. What waits is bounded (`maxBufferedBytes`); past it the connection is given up.
 * Units: ms on the proxy's monotonic clock, bytes.
 */
import { FixFramer } from '../../venues/fix/codec/index.ts';
import type { FaultState } from './fault-state.ts';
import { FixFrame } from './fix-frame.ts';
import type { Direction } from './proxy-faults.ts';

export interface PipeHooks {
  /** A frame as its sender sent it, on arrival at the proxy. */
  arrived(direction: Direction, frame: FixFrame): void;
  /** A frame as the proxy wrote it to the receiver. */
  delivered(direction: Direction, frame: FixFrame): void;
  /** A frame a fault acted on (or the proxy made). */
  touched(direction: Direction, frame: FixFrame, actions: readonly { index: number; action: string }[]): void;
  overflow(direction: Direction, bufferedBytes: number): void;
}

export interface PipeLimits {
  maxMessageBytes: number;
  maxBufferedBytes: number;
}

interface Queued {
  text: string;
  frame: FixFrame | undefined;
  dueMs: number;
  pacedRate: number | undefined;
}

export class FramePipe {
  private readonly framer: FixFramer;
  private readonly queue: Queued[] = [];
  private bufferedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastDueMs = 0;
  private pacedNextMs = 0;
  private held: FixFrame | undefined;
  private closed = false;

  constructor(
    readonly direction: Direction,
    private readonly state: FaultState,
    private readonly nowMs: () => number,
    private readonly write: (text: string) => void,
    private readonly hooks: PipeHooks,
    private readonly limits: PipeLimits,
  ) {
    this.framer = new FixFramer(limits.maxMessageBytes);
  }

  push(chunk: Buffer): void {
    this.framer.push(chunk);
    for (let event = this.framer.next(); event !== undefined && !this.closed; event = this.framer.next()) {
      if (event.kind === 'frame') this.onFrame(event.text);
      else this.enqueue(event.text, undefined, 0, undefined);
    }
  }

  /** The sender closed: bytes of a frame it never finished go on as they are. */
  end(): void {
    const tail = this.framer.end();
    if (tail?.kind === 'garbled') this.enqueue(tail.text, undefined, 0, undefined);
    this.releaseHeld();
  }

  /** A frame the proxy makes (a SequenceReset-Reset), behind what is already queued. */
  inject(frame: FixFrame, index: number, action: string): void {
    this.hooks.touched(this.direction, frame, [{ index, action }]);
    this.enqueue(frame.raw, frame, 0, undefined);
  }

  /** A frame held back for reordering goes out now (the reordering ended, the sender closed, or the frame it waited for left), after `delayMs`. */
  releaseHeld(delayMs = 0): void {
    const held = this.held;
    this.held = undefined;
    if (held !== undefined) this.enqueue(held.raw, held, delayMs, undefined);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.queue.length = 0;
    this.bufferedBytes = 0;
  }

  private onFrame(text: string): void {
    const frame = FixFrame.parse(text);
    if (frame === undefined) {
      this.enqueue(text, undefined, 0, undefined);
      return;
    }
    this.hooks.arrived(this.direction, frame);
    const decision = this.state.decide(this.direction, frame, this.held === undefined);
    if (decision.actions.length > 0) this.hooks.touched(this.direction, frame, decision.actions);
    const out = decision.frame;
    if (out === undefined) return;
    if (decision.holdBack) {
      this.held = out;
      return;
    }
    this.enqueue(out.raw, out, decision.delayMs, decision.paced?.rateMsgsPerSec);
    if (decision.duplicate !== undefined) this.enqueue(decision.duplicate.raw, decision.duplicate, decision.delayMs, undefined);
    this.releaseHeld(decision.delayMs);
  }

  private enqueue(text: string, frame: FixFrame | undefined, delayMs: number, pacedRate: number | undefined): void {
    if (this.closed) return;
    const dueMs = Math.max(this.lastDueMs, this.nowMs() + delayMs);
    this.lastDueMs = dueMs;
    this.queue.push({ text, frame, dueMs, pacedRate });
    this.bufferedBytes += text.length;
    if (this.bufferedBytes > this.limits.maxBufferedBytes) {
      this.hooks.overflow(this.direction, this.bufferedBytes);
      return;
    }
    this.pump();
  }

  private pump(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 && !this.closed) {
      const head = this.queue[0];
      const now = this.nowMs();
      const due = head.pacedRate === undefined ? head.dueMs : Math.max(head.dueMs, this.pacedNextMs);
      if (due > now) {
        this.timer = setTimeout(() => this.pump(), Math.ceil(due - now));
        return;
      }
      this.queue.shift();
      this.bufferedBytes -= head.text.length;
      if (head.pacedRate !== undefined) this.pacedNextMs = now + 1000 / head.pacedRate;
      this.write(head.text);
      if (head.frame !== undefined) this.hooks.delivered(this.direction, head.frame);
    }
  }
}
