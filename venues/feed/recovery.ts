/**
 * How a feed receiver recovers a gap: ask the re-request server for the missing messages (cheap for
 * small gaps, rate-limited and bounded per request), or fetch a snapshot and apply the buffered
 * incrementals after it (one round trip whatever the gap), or choose by the gap's size.
 * Seed 001: "gap events: start/end, missing range, replay completion".
 * Leaves out: giving up (a receiver here recovers until it succeeds). Units: messages.
 */
import { invariant } from '../../sim/index.ts';

export interface RecoveryActions {
  requestRetransmission(): void;
  requestSnapshot(): void;
}

export interface GapRecovery {
  readonly name: string;
  /** A gap of `missingMessages` is outstanding and no request is in flight. */
  recover(missingMessages: number, actions: RecoveryActions): void;
}

export const RetransmitRecovery: GapRecovery = { name: 'retransmit', recover: (_missing, actions) => actions.requestRetransmission() };

export const SnapshotRecovery: GapRecovery = { name: 'snapshot', recover: (_missing, actions) => actions.requestSnapshot() };

/** Re-request gaps of at most `maxGapMessages`; fetch a snapshot for larger ones. */
export class RetransmitOrSnapshot implements GapRecovery {
  readonly name = 'retransmit-or-snapshot';
  constructor(readonly maxGapMessages: number) {
    invariant(maxGapMessages >= 1, () => `maxGapMessages must be >= 1, got ${maxGapMessages}`);
  }
  recover(missingMessages: number, actions: RecoveryActions): void {
    if (missingMessages <= this.maxGapMessages) actions.requestRetransmission();
    else actions.requestSnapshot();
  }
}
