/**
 * What the venue's order-entry counterparty remembers of one order: its ClOrdID chain (each accepted
 * cancel or replace makes the request's ClOrdID current, FIX OrigClOrdID linking it to the previous
 * one), the cancel and replace requests still waiting for the venue's answer, and the execution state
 * (CumQty, LeavesQty, notional for AvgPx, OrdStatus) as the venue's sequenced outputs set it. Those
 * outputs are the truth and reach the counterparty the instant they are sequenced, so this record
 * equals the venue's view of the order.
 *
 * A venue answer names the order, not the request, so a cancel or replace answer is matched to the
 * oldest pending request of its kind: the venue serves one order's requests in the order they were sent
 * (one sequencer queue; a replay interleave that lets live traffic pass the backlog could break this).
 * Units: prices in ticks, quantities in shares, notional in ticks × shares.
 */
import type { OrderType, Side } from '../../book/index.ts';
import type { OrdStatus } from '../codec/messages.ts';

export interface PendingRequest {
  readonly kind: 'cancel' | 'replace';
  readonly clOrdId: string;
  readonly origClOrdId: string;
  /** A replace's new limit price and total order quantity (filled part included). */
  readonly priceTicks: number;
  readonly orderQtyShares: number;
}

const TERMINAL: ReadonlySet<OrdStatus> = new Set(['2', '4', '8', 'C']);

export class OrderRecord {
  /** The ClOrdID the order is known by now: the first one, then each accepted cancel's or replace's. */
  clOrdId: string;
  /** Every ClOrdID of the chain, requests still pending included. */
  readonly clOrdIds: string[];
  priceTicks: number;
  orderQtyShares: number;
  leavesQtyShares: number;
  cumQtyShares = 0;
  notionalTicks = 0;
  /** 'A' (pending new) until the venue accepts or rejects it. */
  ordStatus: OrdStatus = 'A';
  private readonly pending: PendingRequest[] = [];

  constructor(
    readonly orderId: number,
    /** The trading session (counted from 1) whose entry session sent the order. */
    readonly tradingSession: number,
    firstClOrdId: string,
    readonly side: Side,
    readonly orderType: OrderType,
    priceTicks: number,
    orderQtyShares: number,
  ) {
    this.clOrdId = firstClOrdId;
    this.clOrdIds = [firstClOrdId];
    this.priceTicks = priceTicks;
    this.orderQtyShares = orderQtyShares;
    this.leavesQtyShares = orderQtyShares;
  }

  get isTerminal(): boolean {
    return TERMINAL.has(this.ordStatus);
  }

  /** OrdStatus as a status answer gives it: a pending cancel or replace shows as 6 or E. */
  get reportedStatus(): OrdStatus {
    if (this.isTerminal || this.pending.length === 0) return this.ordStatus;
    return this.pending.some((r) => r.kind === 'cancel') ? '6' : 'E';
  }

  addPending(request: PendingRequest): void {
    this.pending.push(request);
    this.clOrdIds.push(request.clOrdId);
  }

  /** Removes and returns the oldest pending request of this kind. */
  takePending(kind: PendingRequest['kind']): PendingRequest | undefined {
    const index = this.pending.findIndex((r) => r.kind === kind);
    return index < 0 ? undefined : this.pending.splice(index, 1)[0];
  }

  applyFill(qtyShares: number, priceTicks: number, leavesQtyShares: number): void {
    this.cumQtyShares += qtyShares;
    this.notionalTicks += qtyShares * priceTicks;
    this.leavesQtyShares = leavesQtyShares;
    this.ordStatus = leavesQtyShares === 0 ? '2' : '1';
  }

  applyReplace(clOrdId: string, priceTicks: number, orderQtyShares: number, leavesQtyShares: number): void {
    this.clOrdId = clOrdId;
    this.priceTicks = priceTicks;
    this.orderQtyShares = orderQtyShares;
    this.leavesQtyShares = leavesQtyShares;
    this.ordStatus = this.cumQtyShares > 0 ? '1' : '0';
  }

  applyCancel(clOrdId: string | undefined): void {
    if (clOrdId !== undefined) this.clOrdId = clOrdId;
    this.leavesQtyShares = 0;
    this.ordStatus = '4';
  }
}
