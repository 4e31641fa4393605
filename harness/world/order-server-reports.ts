/**
 * Translates what an order server (seed 004) says about the router's orders into the FIX execution
 * reports and cancel rejects the router's book reads, one translator per channel (the entry path
 * through the server, or the oracle's tap on the venue), each keeping its own cumulative quantity per
 * child so that two channels never share state.
 *
 * A router child may span several venue orders: the server cannot modify an order, so a replace is
 * a cancel followed by a new order for the leaves under the replace's ClOrdID (`OrderServerChildren`).
 * Reports about the child's venue orders become reports about the child: the replacement's ack is a
 * FIX "replaced" (ExecType 5) at its price; fills accumulate over the chain.
 *
 * ExecIDs: a fill keeps the venue's execution id (so the entry path and the oracle's tap agree on it);
 * other reports get an id from the venue order and what happened to it.
 * Left out: fees, and partial cancels (the server has none). Prices in ticks on the way in, decimals on the wire.
 */
import type { Ns } from '../../sim/index.ts';
import type { Side } from '../../policies/index.ts';
import type { ExecutionReport, OrdStatus, OrderCancelReject } from '../../venues/fix/codec/index.ts';
import type { OrderServerFill } from '../../venues/gateway/index.ts';
import type { RouterReportSink } from './fix-order-entry-port.ts';

/** One router child as the order-server port sent it. */
export interface ServerChild {
  readonly rootClOrdId: string;
  readonly side: Side;
  readonly qtyShares: number;
  readonly ioc: boolean;
  priceTicks: number;
  /** The venue order now carrying the child (the root, or the last replacement). */
  venueClOrdId: string;
  /** A replace waiting for its cancel: the new ClOrdID and price. */
  pendingReplace: { clOrdId: string; priceTicks: number } | undefined;
  /** The router action number of the current venue order's new, and the server incarnation it went to. */
  actionSeq: number;
  incarnation: number;
  /** Known (to the entry path) to be done at the venue. */
  done: boolean;
}

/** The port's record of which venue order belongs to which child, shared by the translators. */
export class OrderServerChildren {
  private readonly byVenueClOrdId = new Map<string, { child: ServerChild; previous: string | undefined }>();

  add(child: ServerChild): void {
    this.byVenueClOrdId.set(child.venueClOrdId, { child, previous: undefined });
  }

  /** The child's next venue order is `clOrdId` (a replace stand-in). */
  chain(child: ServerChild, clOrdId: string): void {
    this.byVenueClOrdId.set(clOrdId, { child, previous: child.venueClOrdId });
    child.venueClOrdId = clOrdId;
  }

  childOf(venueClOrdId: string): ServerChild | undefined {
    return this.byVenueClOrdId.get(venueClOrdId)?.child;
  }

  previousOf(venueClOrdId: string): string | undefined {
    return this.byVenueClOrdId.get(venueClOrdId)?.previous;
  }

  /** The child's root ClOrdID for a venue order (LSS names working orders by it). */
  rootOf(venueClOrdId: string): string | undefined {
    return this.childOf(venueClOrdId)?.rootClOrdId;
  }

  get children(): ServerChild[] {
    const seen = new Set<ServerChild>();
    for (const { child } of this.byVenueClOrdId.values()) seen.add(child);
    return [...seen];
  }
}

const fixSide = (side: Side) => (side === 'buy' ? '1' : '2');

export class OrderServerReportTranslator {
  private readonly cumShares = new Map<string, number>();
  private readonly notionalTicks = new Map<string, number>();
  private readonly appliedExecIds = new Set<string>();
  private statusCount = 0;

  constructor(
    private readonly children: OrderServerChildren,
    private readonly sink: () => RouterReportSink | undefined,
    private readonly channel: 'entry' | 'truth',
    private readonly symbol: string,
    private readonly tickSize: number,
    private readonly now: () => Ns,
  ) {}

  cumOf(child: ServerChild): number {
    return this.cumShares.get(child.rootClOrdId) ?? 0;
  }

  ack(venueClOrdId: string): void {
    const child = this.children.childOf(venueClOrdId);
    if (child === undefined) return;
    const previous = this.children.previousOf(venueClOrdId);
    if (previous === undefined) return this.emit(child, venueClOrdId, `${venueClOrdId}:ack`, '0', this.liveStatus(child));
    this.emit(child, venueClOrdId, `${venueClOrdId}:ack`, '5', this.liveStatus(child), { origClOrdId: previous, priceTicks: child.priceTicks });
  }

  fill(fill: OrderServerFill): void {
    const child = this.children.childOf(fill.clOrdId);
    if (child === undefined || this.appliedExecIds.has(fill.execId)) return;
    this.appliedExecIds.add(fill.execId);
    const root = child.rootClOrdId;
    this.cumShares.set(root, this.cumOf(child) + fill.qtyShares);
    this.notionalTicks.set(root, (this.notionalTicks.get(root) ?? 0) + fill.qtyShares * fill.priceTicks);
    this.emit(child, fill.clOrdId, fill.execId, 'F', this.cumOf(child) >= child.qtyShares ? '2' : '1', { lastQty: fill.qtyShares, lastPriceTicks: fill.priceTicks });
  }

  /** The venue order is done without a fill: cancelled (requested, IOC remainder, phone) or rejected. */
  ended(venueClOrdId: string, how: 'cancelled' | 'rejected', reason?: string): void {
    const child = this.children.childOf(venueClOrdId);
    if (child === undefined) return;
    // A replacement refused is the end of a child whose original is already cancelled.
    const rejectedNew = how === 'rejected' && this.children.previousOf(venueClOrdId) === undefined;
    this.emit(child, venueClOrdId, `${venueClOrdId}:${how}`, rejectedNew ? '8' : '4', rejectedNew ? '8' : '4', { text: reason });
  }

  cancelRejected(venueClOrdId: string, reason: string): void {
    const child = this.children.childOf(venueClOrdId);
    const sink = this.sink();
    if (child === undefined || sink === undefined) return;
    const ordStatus: OrdStatus = reason === 'too-late' ? (this.cumOf(child) >= child.qtyShares ? '2' : '4') : this.liveStatus(child);
    const reject: OrderCancelReject = { msgType: '9', clOrdId: venueClOrdId, origClOrdId: venueClOrdId, orderId: venueClOrdId, ordStatus, text: reason, cxlRejResponseTo: '1' };
    sink.onCancelReject(reject, this.now());
  }

  /** A status the port learnt other than from a report (the server's order book, a phone call). */
  status(child: ServerChild, working: boolean): void {
    const ordStatus: OrdStatus = working ? this.liveStatus(child) : this.cumOf(child) >= child.qtyShares ? '2' : '4';
    this.emit(child, child.venueClOrdId, `${child.rootClOrdId}:status:${++this.statusCount}`, 'I', ordStatus);
  }

  private liveStatus(child: ServerChild): OrdStatus {
    return this.cumOf(child) > 0 ? '1' : '0';
  }

  private emit(
    child: ServerChild,
    clOrdId: string,
    execId: string,
    execType: ExecutionReport['execType'],
    ordStatus: OrdStatus,
    extra: { lastQty?: number; lastPriceTicks?: number; origClOrdId?: string; priceTicks?: number; text?: string } = {},
  ): void {
    const sink = this.sink();
    if (sink === undefined) return;
    const cumQty = this.cumOf(child);
    const notional = this.notionalTicks.get(child.rootClOrdId) ?? 0;
    const live = ordStatus === '0' || ordStatus === '1';
    const report: ExecutionReport = {
      msgType: '8',
      orderId: clOrdId,
      clOrdId,
      execId,
      execType,
      ordStatus,
      side: fixSide(child.side),
      symbol: this.symbol,
      orderQty: child.qtyShares,
      cumQty,
      leavesQty: live ? Math.max(0, child.qtyShares - cumQty) : 0,
      avgPx: cumQty > 0 ? this.price(notional / cumQty) : 0,
      ...(extra.lastQty === undefined ? {} : { lastQty: extra.lastQty, lastPx: this.price(extra.lastPriceTicks ?? 0) }),
      ...(extra.origClOrdId === undefined ? {} : { origClOrdId: extra.origClOrdId }),
      ...(extra.priceTicks === undefined ? {} : { price: this.price(extra.priceTicks) }),
      ...(extra.text === undefined ? {} : { text: extra.text }),
    };
    sink.onExecutionReport(report, this.channel, this.now());
  }

  /** Decimals on the wire, rounded to the tick's decimals (the book converts back to ticks). */
  private price(priceTicks: number): number {
    return Number((priceTicks * this.tickSize).toFixed(10));
  }
}
