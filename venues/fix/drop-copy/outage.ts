/**
 * The drop copy service's own outages (seed 000's dual-truth ingestion: the independent channel has
 * faults of its own) and what happens, when it comes back, to the copies that fell due while it was down:
 * `CatchUpAfterOutage` sends them all, oldest first, before any later copy (a venue that replays its
 * drop copy from its own log); `LoseDuringOutage` never sends them (a copy service without a log), so
 * the receiver sees nothing of that window on this channel, not even a sequence gap.
 * An outage of the drop copy's link is a different fault, on the link (venues/fix/sim): the session keeps
 * numbering the copies, and whether the receiver gets them back by resend or only a GapFill is the drop
 * copy session's message store (PersistMessages).
 * Units: window bounds in ns of simulated time, [fromNs, untilNs).
 */
import { invariant } from '../../../sim/invariant.ts';
import type { Ns } from '../../../sim/time.ts';
import type { ExecutionReport } from '../codec/messages.ts';

export interface OutageWindow {
  readonly fromNs: Ns;
  readonly untilNs: Ns;
}

export interface OutageRecovery {
  readonly name: string;
  /** A copy that fell due while the service was down. */
  onMissed(report: ExecutionReport): void;
  /** The copies to send now that the service is back, oldest first. */
  takeBacklog(): ExecutionReport[];
}

export class CatchUpAfterOutage implements OutageRecovery {
  readonly name = 'catch-up';
  private backlog: ExecutionReport[] = [];

  onMissed(report: ExecutionReport): void {
    this.backlog.push(report);
  }
  takeBacklog(): ExecutionReport[] {
    const backlog = this.backlog;
    this.backlog = [];
    return backlog;
  }
}

export class LoseDuringOutage implements OutageRecovery {
  readonly name = 'lose';
  /** ExecIDs never copied, in the order they fell due (a ledger for tests and metrics). */
  readonly lostExecIds: string[] = [];

  onMissed(report: ExecutionReport): void {
    this.lostExecIds.push(report.execId);
  }
  takeBacklog(): ExecutionReport[] {
    return [];
  }
}

/** Windows must be non-empty, in time order and disjoint. */
export function validateOutageWindows(windows: readonly OutageWindow[]): void {
  let previousUntilNs = Number.NEGATIVE_INFINITY;
  for (const [index, window] of windows.entries()) {
    invariant(Number.isInteger(window.fromNs) && Number.isInteger(window.untilNs) && window.fromNs < window.untilNs, () => `outage ${index}: need integer fromNs < untilNs, got [${window.fromNs}, ${window.untilNs})`);
    invariant(window.fromNs >= previousUntilNs, () => `outage ${index} starts before the previous one ends`);
    previousUntilNs = window.untilNs;
  }
}
