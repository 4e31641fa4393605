/**
 * What a policy sees: the router's belief at one decision time, never venue truth.
 *
 * Every field is something the router has received or measured itself (execution reports on its
 * order-entry sessions and its drop copy, its market-data book, its session layer's sequence signals,
 * the latencies it timed, the gateway nodes' published health). Each observation carries the time it
 * was taken and the age of the facts it holds, so nothing from the future reaches a policy (seed 001:
 * "all features must be point-in-time"). Venue truth lives in venues/ and only the harness compares
 * the two; no type here can hold it.
 */
import type { Ns } from '../sim/index.ts';

export type Side = 'buy' | 'sell';

export interface ParentView {
  side: Side;
  qtyShares: number;
  startNs: Ns;
  horizonNs: Ns;
  /** Whether unfilled quantity must be cleaned up by force at the horizon. */
  mustComplete: boolean;
  /** Venue mid at the parent's start, as the router's feed showed it: the IS benchmark. */
  arrivalMidTicks: number;
}

export type ChildState = 'pending-new' | 'working' | 'pending-cancel' | 'pending-replace' | 'unknown';

/** A child order as the router believes it to be. */
export interface ChildView {
  clOrdId: string;
  sessionId: string;
  priceTicks: number;
  qtyShares: number;
  leavesQtyShares: number;
  state: ChildState;
  sentAtNs: Ns;
  /** Last time an execution report about this order arrived. */
  lastReportAtNs: Ns | undefined;
}

export interface BeliefView {
  /** Fills the router has applied (entry session and drop copy, deduplicated by ExecID). */
  filledQtyShares: number;
  /** Parent quantity minus believed fills: the residual as the router sees it (R_obs). */
  residualQtyShares: number;
  children: readonly ChildView[];
  /** Children whose state the router cannot know until replay, drop copy or a status request says. */
  unknownChildCount: number;
  /** Quantity on children in an unknown or pending state: how far the residual could be off. */
  residualUncertaintyQtyShares: number;
  /** Execution reports that arrived with PossDupFlag=Y and matched one already applied. */
  duplicateCandidateCount: number;
}

export interface ScheduleView {
  /** Quantity the schedule wants filled by now. */
  targetFilledQtyShares: number;
  /** Target minus believed fills, never negative. */
  deficitQtyShares: number;
  timeLeftNs: Ns;
}

export interface MarketView {
  bestBidTicks: number | undefined;
  bestAskTicks: number | undefined;
  bestBidQtyShares: number;
  bestAskQtyShares: number;
  /** Venue time of the newest update applied to the router's book. */
  venueTimeNs: Ns;
  /** Decision time minus venue time of the newest applied update: the book's age. */
  ageNs: Ns;
  /**
   * Decision time minus venue time of the last message that changed the book (a level update, a trade, a
   * snapshot). Feed heartbeats keep `ageNs` low while a stalled matching engine sends nothing else: a busy
   * book that stops changing is a venue in trouble (seed 001).
   */
  lastChangeAgeNs: Ns;
  /** The feed receiver is recovering a gap (retransmission or snapshot): the book is stale. */
  recovering: boolean;
  gapCount: number;
  /** Traded volume the router has seen on the feed since the parent started (for POV). */
  tradedQtyShares: number;
}

export type SessionState = 'disconnected' | 'connecting' | 'logged-on' | 'logging-out';

/** One order-entry session's sequence signals, as the router's FIX engine sees them. */
export interface SessionView {
  sessionId: string;
  gatewayId: string;
  state: SessionState;
  /** An inbound sequence gap is open (ResendRequest sent, not yet filled). */
  gapOpen: boolean;
  resendInProgress: boolean;
  /** Messages the router knows it still has to receive before its state is authoritative (RWH). */
  replayBacklogMsgs: number;
  possDupCount: number;
  gapFillCount: number;
  disconnectCount: number;
  lastDisconnectAtNs: Ns | undefined;
  lastLogonAtNs: Ns | undefined;
  /** Time of the last message received on this session. */
  lastReceivedAtNs: Ns | undefined;
}

export interface DropCopyView {
  up: boolean;
  /** Jaccard similarity of the router's working-order ids and those the drop copy shows working. */
  liveSetSimilarity: number;
  /** Filled quantity on the drop copy minus filled quantity on the entry sessions. */
  fillDisagreementQtyShares: number;
  lastReceivedAtNs: Ns | undefined;
}

export interface LatencyView {
  /** Order-entry ack latency (send to ack) over a recent window, as the router timed it. */
  ackP50Ns: Ns | undefined;
  ackP99Ns: Ns | undefined;
  /** Baseline p99 ack latency measured before any incident (the warm band). */
  ackBaselineP99Ns: Ns | undefined;
  /** Acks and fills that arrived out of causal order (a fill before its ack, an older report after a newer one). */
  causalityInversions: number;
}

/** `draining`: taking no new flow, serving what it holds, then leaving the pool. */
export type GatewayLifecycle = 'booting' | 'platform-ready' | 'trading-ready' | 'draining' | 'down';

export interface GatewayNodeView {
  gatewayId: string;
  lifecycle: GatewayLifecycle;
  ageNs: Ns;
  /** 0..1 as the node publishes it. */
  warmupProgress: number;
  latencyP50Ns: Ns | undefined;
  latencyP99Ns: Ns | undefined;
  errorCount: number;
  /** The share of child flow currently allocated to this node. */
  flowShare: number;
}

export interface Observation {
  timeNs: Ns;
  parent: ParentView;
  belief: BeliefView;
  schedule: ScheduleView;
  market: MarketView;
  sessions: readonly SessionView[];
  dropCopy: DropCopyView | undefined;
  latency: LatencyView;
  gateways: readonly GatewayNodeView[];
}
