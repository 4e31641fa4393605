/**
 * How the pair rebuilds the router's live set once the backup is logged on (seed 000: "Backup session
 * establishes, but sequence/replay is still in progress"; design (b) of takeover-design.ts). Each
 * order uncertain since the failure must be resolved by a report the venue wrote after it (see
 * router-side-ledger.ts); a recovery decides what the pair does to get those reports:
 * - `StatusRequestRecovery`: an OrderStatusRequest for every uncertain order, on the backup's session,
 *   at logon. The venue answers from its truth, including "unknown order" for one it never received.
 * - `AwaitEvidenceRecovery`: asks nothing; it relies on the replay (shared-store design) and the drop
 *   copy. An order that stays quiet after the failure (no fill, no cancel) never produces a fresh
 *   report, so it stays uncertain: the drop copy can show what happened, not that nothing did.
 *
 * Left out: pacing the requests (a venue throttle) and repeating an unanswered one.
 */
import type { Side } from '../../fix/codec/index.ts';

export interface UncertainOrder {
  readonly rootClOrdId: string;
  readonly side: Side;
}

export interface RecoveryContext {
  /** Orders uncertain when the backup logged on. */
  readonly uncertain: readonly UncertainOrder[];
  /** Sends an OrderStatusRequest on the backup's session. */
  requestStatus(order: UncertainOrder): void;
}

export interface StateRecovery {
  readonly name: string;
  begin(context: RecoveryContext): void;
}

export class StatusRequestRecovery implements StateRecovery {
  readonly name = 'status-requests';

  begin(context: RecoveryContext): void {
    for (const order of context.uncertain) context.requestStatus(order);
  }
}

export class AwaitEvidenceRecovery implements StateRecovery {
  readonly name = 'await-evidence';

  begin(): void {}
}
