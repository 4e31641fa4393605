/**
 * What the router side of a failover gateway pair knows about each order it sent through the pair,
 * from what it sent and the reports it received, nothing else (DESIGN.md principle 1). It exists so the
 * pair can say which orders are uncertain after a failover and when they stop being so, which is the
 * router-observable end of state recovery (seed 000: "transport recovery can be faster than state
 * recovery").
 *
 * - An order is identified by the ClOrdID it was first sent with; cancels and replaces add ClOrdIDs to
 *   its chain. An ExecutionReport carries the order's cumulative state (CumQty, LeavesQty, OrdStatus),
 *   so the newest one received tells where the order stood when the venue wrote it; CumQty is taken as
 *   a maximum, so a PossDup replay never counts a fill twice.
 * - At a failover every order not known to be done becomes uncertain: a report about it may have been
 *   lost (inside the dead primary, on its link, or stranded on its venue session). It is resolved by a
 *   report the venue wrote after the failure: an answer to a status request, any live (not PossDup)
 *   report on the backup's session, or a drop-copy report stamped after the failure was detected.
 * - An answer "unknown order" (no OrderID) means the venue never received the order: done, unfilled.
 *
 * Left out: orders sent outside the pair, and mass-cancel reports that name no ClOrdID.
 */
import type { AppBody, ExecutionReport, OrdStatus, Side } from '../../fix/codec/index.ts';

export type LedgerStatus = 'pending' | 'working' | 'done';

export interface LedgerOrder {
  readonly rootClOrdId: string;
  readonly side: Side;
  qtyShares: number;
  cumQtyShares: number;
  status: LedgerStatus;
  /** Since the last failover, its state may have changed without the router hearing. */
  uncertain: boolean;
}

/** What the router believes about one order: the terms of the accounting audit. */
export interface OrderBelief {
  readonly working: boolean;
  readonly cumQtyShares: number;
}

const DONE: ReadonlySet<OrdStatus> = new Set(['2', '3', '4', '8', 'C']);

export class RouterSideLedger {
  private readonly orders = new Map<string, LedgerOrder>();
  private readonly roots = new Map<string, string>();
  private uncertain = 0;

  get uncertainCount(): number {
    return this.uncertain;
  }

  /** Root ClOrdIDs of every order sent. */
  sentOrderIds(): string[] {
    return [...this.orders.keys()];
  }

  order(rootClOrdId: string): Readonly<LedgerOrder> | undefined {
    return this.orders.get(rootClOrdId);
  }

  /** A request the router sent through the pair (refused ones are never recorded). */
  onSent(body: AppBody): void {
    if (body.msgType === 'D') {
      this.orders.set(body.clOrdId, { rootClOrdId: body.clOrdId, side: body.side, qtyShares: body.orderQty ?? 0, cumQtyShares: 0, status: 'pending', uncertain: false });
      this.roots.set(body.clOrdId, body.clOrdId);
    } else if (body.msgType === 'F' || body.msgType === 'G') {
      const root = this.roots.get(body.origClOrdId);
      if (root !== undefined) this.roots.set(body.clOrdId, root);
    }
  }

  /** A node refused the request after all: a refused new order never reached the venue. True when it resolved an uncertain order. */
  onRefused(body: AppBody): boolean {
    if (body.msgType !== 'D') return false;
    const order = this.orders.get(body.clOrdId);
    if (order === undefined) return false;
    order.status = 'done';
    if (!order.uncertain) return false;
    order.uncertain = false;
    this.uncertain--;
    return true;
  }

  /** Applies a report; `fresh`: the venue wrote it after the failure. True when it resolved an uncertain order. */
  onReport(body: AppBody, fresh: boolean): boolean {
    if (body.msgType === '8') return this.onExecutionReport(body, fresh);
    if (body.msgType === '9' && body.ordStatus === '2') {
      // "Too late to cancel: filled": the order is done, and its whole quantity filled.
      const order = this.find(body.clOrdId, body.origClOrdId);
      if (order !== undefined) {
        order.status = 'done';
        order.cumQtyShares = order.qtyShares;
      }
    }
    return false;
  }

  /** A failover began: every order not known to be done is uncertain. Returns how many. */
  markUncertain(): number {
    for (const order of this.orders.values()) {
      if (order.status === 'done' || order.uncertain) continue;
      order.uncertain = true;
      this.uncertain++;
    }
    return this.uncertain;
  }

  uncertainOrders(): LedgerOrder[] {
    return [...this.orders.values()].filter((order) => order.uncertain);
  }

  beliefs(): Map<string, OrderBelief> {
    return new Map([...this.orders].map(([id, order]) => [id, { working: order.status !== 'done', cumQtyShares: order.cumQtyShares }]));
  }

  private onExecutionReport(report: ExecutionReport, fresh: boolean): boolean {
    const order = this.find(report.clOrdId, report.origClOrdId);
    if (order === undefined) return false;
    order.cumQtyShares = Math.max(order.cumQtyShares, report.cumQty);
    if (report.orderQty !== undefined) order.qtyShares = report.orderQty;
    if (report.orderId === 'NONE' || DONE.has(report.ordStatus)) order.status = 'done';
    else if (order.status === 'pending') order.status = 'working';
    if (!fresh || !order.uncertain) return false;
    order.uncertain = false;
    this.uncertain--;
    return true;
  }

  /** The root ClOrdID of the order a message names (by its ClOrdID or OrigClOrdID), if the router sent it. */
  rootOf(clOrdId: string | undefined, origClOrdId?: string): string | undefined {
    return this.roots.get(clOrdId ?? '') ?? this.roots.get(origClOrdId ?? '');
  }

  private find(clOrdId: string | undefined, origClOrdId: string | undefined): LedgerOrder | undefined {
    const root = this.rootOf(clOrdId, origClOrdId);
    return root === undefined ? undefined : this.orders.get(root);
  }
}
