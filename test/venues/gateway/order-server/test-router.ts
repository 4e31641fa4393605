// A test-only router client of the order server: it remembers what it sent and believes what the
// server tells it; after any outage it stops trading until the server's order book arrives, then
// takes that book as the truth about which orders are active.
import type { RouterOrderBelief } from '../../../../venues/gateway/order-server/order-audit.ts';
import type { OrderServer, OrderServerClient } from '../../../../venues/gateway/order-server/order-server.ts';
import type { OrderServerReport, OrderServerStatus, TradingSessionId } from '../../../../venues/gateway/order-server/order-types.ts';

interface Belief {
  qtyShares: number;
  /** The action number of the new order, and the server incarnation it was sent to. */
  actionSeq: number;
  sentToIncarnation: number;
  working: boolean;
  cumQtyShares: number;
  execIds: Set<string>;
}

export class TestRouter implements OrderServerClient {
  readonly sent = new Set<string>();
  readonly beliefs = new Map<string, Belief>();
  readonly statuses: OrderServerStatus[] = [];
  readonly reports: OrderServerReport[] = [];
  readonly refusals: string[] = [];
  /** True from an outage until the server's order book arrives. */
  awaitingBook = true;
  /** Ignores order books (a deliberately broken router, to show the audit can fail). */
  ignoreBooks = false;
  private server: OrderServer | undefined;
  private actionSeq = 0;
  private incarnation = 0;

  attach(server: OrderServer): void {
    this.server = server;
  }

  /** An order resting since a previous session, as the router knew it. */
  remember(clOrdId: string, qtyShares: number): void {
    this.sent.add(clOrdId);
    this.beliefs.set(clOrdId, { qtyShares, actionSeq: 0, sentToIncarnation: 0, working: true, cumQtyShares: 0, execIds: new Set() });
  }

  get canTrade(): boolean {
    return !this.awaitingBook;
  }

  newOrder(clOrdId: string, qtyShares: number, sessionId: TradingSessionId): void {
    this.sent.add(clOrdId);
    const actionSeq = ++this.actionSeq;
    const refusal = (this.server as OrderServer).submitNew({ clOrdId, qtyShares, sessionId }, actionSeq);
    this.beliefs.set(clOrdId, { qtyShares, actionSeq, sentToIncarnation: this.incarnation, working: refusal === undefined, cumQtyShares: 0, execIds: new Set() });
    if (refusal !== undefined) this.refusals.push(refusal);
  }

  cancel(clOrdId: string): void {
    const refusal = (this.server as OrderServer).submitCancel(clOrdId, ++this.actionSeq);
    if (refusal !== undefined) this.refusals.push(refusal);
  }

  workingIds(): string[] {
    return [...this.beliefs].filter(([, belief]) => belief.working).map(([id]) => id);
  }

  beliefView(): Map<string, RouterOrderBelief> {
    return new Map([...this.beliefs].map(([id, belief]) => [id, { working: belief.working, cumQtyShares: belief.cumQtyShares }]));
  }

  onStatus(status: OrderServerStatus): void {
    this.statuses.push(status);
    this.incarnation = status.incarnation;
    if (status.process !== 'running' || status.exchangeLink !== 'connected') this.awaitingBook = true;
  }

  onReport(report: OrderServerReport): void {
    this.reports.push(report);
    if (report.kind === 'order-book') return this.applyBook(report);
    const id = report.kind === 'fill' ? report.fill.clOrdId : report.clOrdId;
    const belief = this.beliefs.get(id);
    if (belief === undefined) return;
    if (report.kind === 'fill') this.applyFill(belief, report.fill.execId, report.fill.qtyShares);
    else if (report.kind === 'cancelled' || report.kind === 'rejected') belief.working = false;
  }

  private applyFill(belief: Belief, execId: string, qtyShares: number): void {
    if (belief.execIds.has(execId)) return;
    belief.execIds.add(execId);
    belief.cumQtyShares += qtyShares;
    if (belief.cumQtyShares >= belief.qtyShares) belief.working = false;
  }

  private applyBook(book: Extract<OrderServerReport, { kind: 'order-book' }>): void {
    this.awaitingBook = false;
    if (this.ignoreBooks) return;
    for (const fill of book.fills) {
      const belief = this.beliefs.get(fill.clOrdId);
      if (belief !== undefined) this.applyFill(belief, fill.execId, fill.qtyShares);
    }
    const active = new Map(book.activeOrders.map((order) => [order.clOrdId, order]));
    for (const [id, belief] of this.beliefs) {
      const order = active.get(id);
      if (order !== undefined) {
        belief.working = true;
        belief.cumQtyShares = order.cumQtyShares;
        continue;
      }
      // Absent: done, unless the new order may still be on its way to this incarnation.
      const reflected = belief.actionSeq <= book.reflectsActionsThrough || belief.sentToIncarnation < book.incarnation;
      if (reflected) belief.working = false;
    }
  }
}
