/**
 * The router's local order book: what it believes about its child orders, built only from what it
 * sent and the execution reports it received on its order-entry sessions and its drop copy
 * (DESIGN.md principle 1; seed 000's "dual-truth ingestion").
 *
 * - A child is identified by the ClOrdID it was first sent with; cancel/replace requests add ClOrdIDs
 *   to its chain (FIX OrigClOrdID), and a report for any of them applies to the child.
 * - Fills are applied once, whichever channel brings them first, and only as the order's CumQty
 *   advances; the same ExecID again on the same channel (a PossDup replay) is a duplicate candidate, on
 *   the other channel a confirmation; neither is applied twice (METRICS.md invariant: "A PossDup
 *   replay never changes position or order state a second time").
 * - A status answer (ExecType I, or any report) whose CumQty exceeds what was applied reveals fills the
 *   router missed; the difference is applied as an inferred fill at the price implied by AvgPx.
 * - When a session drops, children with a request in flight on it become `unknown`: the router cannot
 *   know their fate until replay, the drop copy or a status request tells it. The reports answering an
 *   OrderMassStatusRequest are status answers like any other: each resolves the child it names. A child
 *   left unnamed by a complete mass status answer stays `unknown`: not working at the venue, but filled,
 *   cancelled or never arrived, which only its own status answer or report can say.
 * - OrderMassCancelReports and BusinessMessageRejects are recorded as they arrive; the orders a mass
 *   cancel cancelled are applied from their own Canceled reports, which come before the report.
 * - Causality inversions (METRICS.md CID): a fill for a child not yet acknowledged, or a report whose
 *   CumQty is below one already applied.
 * Prices are converted to integer ticks with the instrument's tick size.
 */
import type { Ns } from '../../sim/index.ts';
import type { ChildState, ChildView, Side } from '../../policies/index.ts';
import type { BusinessMessageReject, ExecutionReport, OrderCancelReject, OrderMassCancelReport } from '../../venues/fix/codec/messages.ts';

/** `truth` is the oracle's tap on the venue: every report the instant it is produced, standing for both channels. */
export type ReportChannel = 'entry' | 'drop-copy' | 'truth';

const CHANNEL_BIT: Record<ReportChannel, number> = { entry: 1, 'drop-copy': 2, truth: 4 };

export interface RouterFill {
  rootClOrdId: string;
  execId: string;
  qtyShares: number;
  priceTicks: number;
  receivedAtNs: Ns;
  channel: ReportChannel;
  /** True when the fill was inferred from a CumQty jump rather than reported. */
  inferred: boolean;
}

interface ChildRecord {
  rootClOrdId: string;
  currentClOrdId: string;
  sessionId: string;
  side: Side;
  priceTicks: number;
  qtyShares: number;
  state: ChildState | 'filled' | 'cancelled' | 'rejected';
  acked: boolean;
  cumQtyShares: number;
  notionalTicks: number;
  sentAtNs: Ns;
  lastReportAtNs: Ns | undefined;
  /** Cumulative quantity each channel has reported, for drop-copy parity. */
  entryCumQtyShares: number;
  dropCopyCumQtyShares: number;
  dropCopyLive: boolean;
}

/** An OrderMassCancelReport as the router received it. */
export interface MassCancelOutcome {
  sessionId: string;
  clOrdId: string | undefined;
  /** MassCancelResponse other than 0. */
  accepted: boolean;
  totalAffectedOrders: number | undefined;
  rejectReason: number | undefined;
  text: string | undefined;
  receivedAtNs: Ns;
}

export interface BusinessRejectReceived {
  sessionId: string;
  refMsgType: string;
  refId: string | undefined;
  reason: number;
  text: string | undefined;
  receivedAtNs: Ns;
}

/**
 * Whether a child's state is terminal: filled, cancelled or rejected. Compared rather than looked up in a
 * set, because every state sample and every decision walks all the children of the run with it.
 */
function isTerminal(state: string): boolean {
  return state === 'filled' || state === 'cancelled' || state === 'rejected';
}
const FILL_EXEC_TYPES = new Set(['1', '2', 'F']);

export class LocalOrderBook {
  private readonly children = new Map<string, ChildRecord>();
  private readonly rootOf = new Map<string, string>();
  /** Channels (bit 1 entry, bit 2 drop copy) each ExecID has arrived on. */
  private readonly execIdChannels = new Map<string, number>();
  private readonly fillLog: RouterFill[] = [];
  readonly massCancelReports: MassCancelOutcome[] = [];
  readonly businessRejects: BusinessRejectReceived[] = [];
  /** Reports answering an OrderMassStatusRequest, for children or not (the "none working" answer included). */
  massStatusReports = 0;
  /** Send-to-first-report latency of each acknowledged child, in ack order (ns). */
  readonly ackLatenciesNs: number[] = [];
  private filled = 0;
  private duplicates = 0;
  private inversions = 0;
  private reports = 0;

  constructor(private readonly tickSize: number) {}

  get filledQtyShares(): number {
    return this.filled;
  }
  get duplicateCandidateCount(): number {
    return this.duplicates;
  }
  get causalityInversions(): number {
    return this.inversions;
  }
  /** Execution reports received for known children, on any channel (CID's denominator). */
  get reportsReceived(): number {
    return this.reports;
  }
  get fills(): readonly RouterFill[] {
    return this.fillLog;
  }

  recordNewOrder(child: { clOrdId: string; sessionId: string; side: Side; priceTicks: number; qtyShares: number; sentAtNs: Ns }): void {
    this.children.set(child.clOrdId, {
      rootClOrdId: child.clOrdId,
      currentClOrdId: child.clOrdId,
      sessionId: child.sessionId,
      side: child.side,
      priceTicks: child.priceTicks,
      qtyShares: child.qtyShares,
      state: 'pending-new',
      acked: false,
      cumQtyShares: 0,
      notionalTicks: 0,
      sentAtNs: child.sentAtNs,
      lastReportAtNs: undefined,
      entryCumQtyShares: 0,
      dropCopyCumQtyShares: 0,
      dropCopyLive: false,
    });
    this.rootOf.set(child.clOrdId, child.clOrdId);
  }

  recordCancelSent(rootClOrdId: string, cancelClOrdId: string): void {
    const child = this.requireLive(rootClOrdId);
    this.rootOf.set(cancelClOrdId, rootClOrdId);
    child.state = 'pending-cancel';
  }

  recordReplaceSent(rootClOrdId: string, replaceClOrdId: string): void {
    const child = this.requireLive(rootClOrdId);
    this.rootOf.set(replaceClOrdId, rootClOrdId);
    child.state = 'pending-replace';
  }

  /** A session dropped: every child with a request in flight on it is now of unknown fate. */
  onSessionDown(sessionId: string): void {
    for (const child of this.children.values()) {
      if (child.sessionId !== sessionId || isTerminal(child.state)) continue;
      if (child.state === 'pending-new' || child.state === 'pending-cancel' || child.state === 'pending-replace') child.state = 'unknown';
    }
  }

  /**
   * Applies a report. `duplicate`: this channel already delivered this ExecID (a replay); `confirmed`:
   * the other channel already did (the drop copy agreeing with the entry session), nothing re-applied.
   */
  onExecutionReport(report: ExecutionReport, channel: ReportChannel, receivedAtNs: Ns): 'applied' | 'confirmed' | 'duplicate' | 'unknown-order' {
    if (report.massStatusReqId !== undefined) this.massStatusReports++;
    const rootId = this.rootOf.get(report.clOrdId ?? '') ?? this.rootOf.get(report.origClOrdId ?? '');
    const child = rootId === undefined ? undefined : this.children.get(rootId);
    if (child === undefined) return 'unknown-order';
    this.reports++;
    // A status answer "unknown order" (OrderID NONE) says the venue cannot see it through this
    // session (an earlier trading day's order, say), not that it was rejected: the state stays unknown.
    if (report.execType === 'I' && report.ordStatus === '8' && report.orderId === 'NONE') return 'applied';
    const channelBit = CHANNEL_BIT[channel];
    const seenOn = this.execIdChannels.get(report.execId) ?? 0;
    if (seenOn & channelBit) {
      this.duplicates++;
      return 'duplicate';
    }
    this.execIdChannels.set(report.execId, seenOn | channelBit);
    if (channel !== 'drop-copy') child.entryCumQtyShares = Math.max(child.entryCumQtyShares, report.cumQty);
    if (channel !== 'entry') {
      child.dropCopyCumQtyShares = Math.max(child.dropCopyCumQtyShares, report.cumQty);
      child.dropCopyLive = report.leavesQty > 0 && !['2', '4', '8', 'C', '3'].includes(report.ordStatus);
    }
    if (seenOn !== 0) return 'confirmed';
    child.lastReportAtNs = receivedAtNs;
    if (report.cumQty < child.cumQtyShares) {
      this.inversions++;
      return 'applied';
    }
    const isFill = FILL_EXEC_TYPES.has(report.execType) && (report.lastQty ?? 0) > 0 && report.cumQty > child.cumQtyShares;
    if (isFill && !child.acked) this.inversions++;
    if (!child.acked) this.ackLatenciesNs.push(receivedAtNs - child.sentAtNs);
    child.acked = true;
    if (isFill) {
      this.applyFill(child, report.lastQty as number, this.toTicks(report.lastPx ?? report.price ?? 0), report.execId, channel, receivedAtNs, false);
    }
    if (report.cumQty > child.cumQtyShares) {
      // A CumQty jump beyond the fills applied: fills this router never saw; AvgPx implies their price.
      const missedQty = report.cumQty - child.cumQtyShares;
      const missedNotional = this.toTicks(report.avgPx) * report.cumQty - child.notionalTicks;
      this.applyFill(child, missedQty, Math.round(missedNotional / missedQty), `${report.execId}:inferred`, channel, receivedAtNs, true);
    }
    if (report.execType === '5' && report.price !== undefined) {
      child.priceTicks = this.toTicks(report.price);
      child.currentClOrdId = report.clOrdId ?? child.currentClOrdId;
    }
    if (report.orderQty !== undefined) child.qtyShares = report.orderQty;
    child.state = this.stateFrom(report, child);
    return 'applied';
  }

  onCancelReject(reject: OrderCancelReject, receivedAtNs: Ns): void {
    const rootId = this.rootOf.get(reject.clOrdId) ?? this.rootOf.get(reject.origClOrdId);
    const child = rootId === undefined ? undefined : this.children.get(rootId);
    if (child === undefined || isTerminal(child.state)) return;
    child.lastReportAtNs = receivedAtNs;
    // OrdStatus on the reject says what the order is now: "too late to cancel" comes with Filled. A
    // reject carries no quantity, so fills not yet reported (lost with a non-persistent store, say)
    // leave the child unknown until a status answer or the drop copy brings the CumQty.
    if (reject.ordStatus === '2') child.state = child.cumQtyShares >= child.qtyShares ? 'filled' : 'unknown';
    else if (reject.ordStatus === '4' || reject.ordStatus === '8' || reject.ordStatus === 'C') child.state = 'cancelled';
    else child.state = child.acked ? 'working' : 'unknown';
  }

  onMassCancelReport(report: OrderMassCancelReport, sessionId: string, receivedAtNs: Ns): void {
    this.massCancelReports.push({
      sessionId,
      clOrdId: report.clOrdId,
      accepted: report.massCancelResponse !== '0',
      totalAffectedOrders: report.totalAffectedOrders,
      rejectReason: report.massCancelRejectReason,
      text: report.text,
      receivedAtNs,
    });
  }

  onBusinessReject(reject: BusinessMessageReject, sessionId: string, receivedAtNs: Ns): void {
    this.businessRejects.push({ sessionId, refMsgType: reject.refMsgType, refId: reject.businessRejectRefId, reason: reject.businessRejectReason, text: reject.text, receivedAtNs });
  }

  /** Children the router believes are, or may be, live at the venue. */
  liveChildren(): ChildView[] {
    const views: ChildView[] = [];
    for (const child of this.children.values()) {
      if (isTerminal(child.state)) continue;
      views.push({
        clOrdId: child.rootClOrdId,
        sessionId: child.sessionId,
        priceTicks: child.priceTicks,
        qtyShares: child.qtyShares,
        leavesQtyShares: Math.max(0, child.qtyShares - child.cumQtyShares),
        state: child.state as ChildState,
        sentAtNs: child.sentAtNs,
        lastReportAtNs: child.lastReportAtNs,
      });
    }
    return views;
  }

  /** Current ClOrdID of a child (the last accepted replace), for the next cancel or replace. */
  currentClOrdId(rootClOrdId: string): string {
    return this.requireKnown(rootClOrdId).currentClOrdId;
  }

  /** Ids of the children the router believes acknowledged and working at the venue (for LSS). */
  believedWorkingIds(): Set<string> {
    const ids = new Set<string>();
    for (const child of this.children.values()) if (child.acked && !isTerminal(child.state)) ids.add(child.rootClOrdId);
    return ids;
  }

  /** Ids the drop copy shows working; and the drop copy's filled total minus the entry sessions'. */
  dropCopyView(): { workingIds: Set<string>; fillDisagreementQtyShares: number } {
    const workingIds = new Set<string>();
    let disagreement = 0;
    for (const child of this.children.values()) {
      if (child.dropCopyLive) workingIds.add(child.rootClOrdId);
      disagreement += child.dropCopyCumQtyShares - child.entryCumQtyShares;
    }
    return { workingIds, fillDisagreementQtyShares: disagreement };
  }

  private applyFill(child: ChildRecord, qty: number, priceTicks: number, execId: string, channel: ReportChannel, atNs: Ns, inferred: boolean): void {
    child.cumQtyShares += qty;
    child.notionalTicks += qty * priceTicks;
    this.filled += qty;
    this.fillLog.push({ rootClOrdId: child.rootClOrdId, execId, qtyShares: qty, priceTicks, receivedAtNs: atNs, channel, inferred });
  }

  private stateFrom(report: ExecutionReport, child: ChildRecord): ChildRecord['state'] {
    switch (report.ordStatus) {
      case '2':
        return 'filled';
      case '4':
      case 'C':
      case '3':
        return 'cancelled';
      case '8':
        return 'rejected';
      case '6':
        return 'pending-cancel';
      case 'E':
        return 'pending-replace';
      default:
        // The Replaced report answers the replace in flight; it keeps the order's OrdStatus (New or
        // partially filled), so that alone cannot say the replace is done.
        if (report.execType === '5' && child.state === 'pending-replace') return 'working';
        // New, partially filled: working, unless a cancel or replace of ours is still in flight.
        return child.state === 'pending-cancel' || child.state === 'pending-replace' ? child.state : 'working';
    }
  }

  private toTicks(price: number): number {
    return Math.round(price / this.tickSize);
  }

  private requireKnown(rootClOrdId: string): ChildRecord {
    const child = this.children.get(rootClOrdId);
    if (child === undefined) throw new Error(`no child order ${rootClOrdId}`);
    return child;
  }

  private requireLive(rootClOrdId: string): ChildRecord {
    const child = this.requireKnown(rootClOrdId);
    if (isTerminal(child.state)) throw new Error(`child order ${rootClOrdId} is already ${child.state}`);
    return child;
  }
}
