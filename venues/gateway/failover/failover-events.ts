/**
 * What a failover gateway pair tells the router, and what it records of the truth.
 *
 * Router-observable (each with the time it happened): the venue session's logons and disconnects, the
 * controller's failure detection and takeover, sequence signals of the backup's session (gap detected,
 * resend requested, replay cleared, PossDup messages received), the status requests sent, and the end
 * of state recovery (the live set reconciled, or given up with the orders still uncertain). Between the
 * primary's death and its detection the router observes nothing at all: its orders vanish.
 *
 * Truth only (`FailoverLossRecord`): requests and reports the dead primary took with it, for the
 * harness and the accounting audit; a policy never sees them.
 */
import type { Ns } from '../../../sim/index.ts';
import type { DetectionSignal, PrimaryFailureKind } from './failure-detector.ts';

export type FailoverEvent =
  | { readonly type: 'session-up'; readonly atNs: Ns; readonly nodeId: string }
  | { readonly type: 'session-down'; readonly atNs: Ns; readonly nodeId: string; readonly reason: string }
  | { readonly type: 'failure-detected'; readonly atNs: Ns; readonly nodeId: string; readonly signal: DetectionSignal; readonly uncertainOrders: number }
  | { readonly type: 'takeover-started'; readonly atNs: Ns; readonly nodeId: string; readonly design: string }
  | { readonly type: 'gap-detected'; readonly atNs: Ns; readonly fromSeq: number; readonly toSeq: number }
  | { readonly type: 'resend-requested'; readonly atNs: Ns; readonly beginSeqNo: number; readonly endSeqNo: number }
  | { readonly type: 'resend-served'; readonly atNs: Ns; readonly resent: number; readonly gapFilled: number }
  | { readonly type: 'replay-cleared'; readonly atNs: Ns }
  | { readonly type: 'status-requested'; readonly atNs: Ns; readonly orders: number }
  | { readonly type: 'orders-loaded'; readonly atNs: Ns; readonly heldReports: number }
  | { readonly type: 'live-set-reconciled'; readonly atNs: Ns }
  | { readonly type: 'live-set-unresolved'; readonly atNs: Ns; readonly clOrdIds: readonly string[] };

/**
 * The pair's recovery phase as the router sees it. `normal` also covers the blind window between the
 * primary's death and its detection: the router cannot tell it from normal.
 */
export type FailoverPhase = 'normal' | 'failover-detected' | 'backup-logging-on' | 'loading-orders' | 'replaying' | 'reconciling' | 'recovered' | 'unresolved';

/** Why the pair refused a router request at once (a value, not an exception). */
export type FailoverRefusal = 'failover-in-progress';

/** Router-side view of the pair's venue session, with when it was taken. */
export interface FailoverSessionView {
  readonly observedAtNs: Ns;
  readonly pairId: string;
  readonly activeNodeId: string;
  readonly phase: FailoverPhase;
  readonly loggedOn: boolean;
  readonly gapOpen: boolean;
  readonly possDupReceived: number;
  readonly resendRequests: number;
  /** Sequence numbers the venue covered with GapFill rather than resending, on the active session. */
  readonly seqsGapFilled: number;
  readonly lastReceivedAtNs: Ns | undefined;
  readonly disconnects: number;
  readonly lastDisconnectAtNs: Ns | undefined;
  readonly lastLogonAtNs: Ns | undefined;
  /** Orders whose state the router cannot know yet (RWH in orders). */
  readonly uncertainOrders: number;
}

/**
 * The failover's milestones. `failedAtNs` and `failureKind` are truth (the harness's); the rest the
 * router observes. Transport recovery ends at `backupLoggedOnAtNs`, state recovery at
 * `liveSetReconciledAtNs` (undefined while, or if, it does not).
 */
export interface FailoverTimeline {
  failedAtNs: Ns | undefined;
  failureKind: PrimaryFailureKind | undefined;
  detectedAtNs: Ns | undefined;
  detectionSignal: DetectionSignal | undefined;
  takeoverStartedAtNs: Ns | undefined;
  backupLoggedOnAtNs: Ns | undefined;
  replayClearedAtNs: Ns | undefined;
  liveSetReconciledAtNs: Ns | undefined;
  /** Orders uncertain when the failure was detected. */
  uncertainAtDetection: number;
  statusRequestsSent: number;
  possDupReceived: number;
}

/**
 * - `inside-primary`: a router request inside the primary when it died (inbound, queued, in service):
 *   it never reached the venue.
 * - `sent-to-dead-primary`: sent after the death and before its detection: it never reached the venue.
 * - `report-inside-primary`: a venue report on its way back through the primary: the router never got it.
 * - `unresolved`: an order still uncertain when the pair gave up state recovery.
 */
export type FailoverLossReason = 'inside-primary' | 'sent-to-dead-primary' | 'report-inside-primary' | 'unresolved';

export interface FailoverLossRecord {
  /** The order it concerns, by the ClOrdID the router first sent it with. */
  readonly clOrdId: string;
  readonly msgType: string;
  readonly reason: FailoverLossReason;
  readonly atNs: Ns;
  readonly detail: string;
}
