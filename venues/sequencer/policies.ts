/**
 * Two choices a venue makes about inbound traffic around a failover (seed 001: "replay/catch-up
 * channel starts draining backlog"; seed 000: rejects during recovery windows).
 *
 * - `TransitionInbound`: what happens to an inbound message that arrives while a failover is known
 *   to be in progress (detected crash, or announced graceful handover): queued for the new primary,
 *   or refused at once (the refusal reaches its owner as a message, never an exception).
 * - `ReplayInterleave`: after a takeover the backlog (everything that waited) drains at the replay
 *   rate, interleaved with live traffic (what arrives after the takeover). The policy picks which
 *   queue the next service slot goes to when both are waiting. Any of them drains the whole queue in
 *   the same time (the server never idles while work waits); they differ in who waits.
 *
 * Leaves out: per-owner fairness and priority classes (cancels first, say).
 */
import { invariant } from '../../sim/index.ts';

export interface TransitionInbound {
  readonly name: string;
  /** True to queue the message for the next primary, false to refuse it. */
  queues(): boolean;
}

export const QueueDuringTransition: TransitionInbound = { name: 'queue', queues: () => true };
export const RejectDuringTransition: TransitionInbound = { name: 'reject', queues: () => false };

export interface ReplayInterleave {
  readonly name: string;
  /** Called only when both the backlog and the live queue have messages waiting. */
  takeBacklog(): boolean;
  /** Called when the backlog empties, so a stateful policy starts afresh at the next takeover. */
  reset(): void;
}

/** Strict arrival order: live traffic waits behind the whole backlog. */
export class BacklogFirst implements ReplayInterleave {
  readonly name = 'backlog-first';
  takeBacklog(): boolean {
    return true;
  }
  reset(): void {}
}

/** Live traffic served first; the backlog gets only the capacity live traffic leaves. */
export class LiveFirst implements ReplayInterleave {
  readonly name = 'live-first';
  takeBacklog(): boolean {
    return false;
  }
  reset(): void {}
}

/** `backlogPerLive` backlog messages for every live message, while both wait. */
export class WeightedInterleave implements ReplayInterleave {
  readonly name = 'weighted';
  private backlogRun = 0;

  constructor(readonly backlogPerLive: number) {
    invariant(Number.isInteger(backlogPerLive) && backlogPerLive >= 1, () => `backlogPerLive must be an integer >= 1, got ${backlogPerLive}`);
  }

  takeBacklog(): boolean {
    if (this.backlogRun < this.backlogPerLive) {
      this.backlogRun++;
      return true;
    }
    this.backlogRun = 0;
    return false;
  }

  reset(): void {
    this.backlogRun = 0;
  }
}
