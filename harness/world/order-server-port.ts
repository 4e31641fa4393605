/**
 * The router's port to a CFE-style order server (seed 004): child orders go to the server numbered in
 * the order they are sent, and the server's reports come back translated into execution reports for
 * the router's book (order-server-reports.ts). What the router can observe of the server is its
 * status: `down`, `starting` (for a time that grows with the log), `running` with the exchange link
 * `feed-down` / `recovering` / `connected`; the port can send only while running and connected.
 *
 * Recovery, as the server allows it:
 * - when the process goes down, children with a request in flight become of unknown fate (as when a
 *   FIX session drops);
 * - on every (re)connection the server sends its order book: fills the router missed are applied; a
 *   child the book shows active is working; a child absent from it is done, if the book reflects the
 *   action that sent it (same incarnation and action number at most `reflectsActionsThrough`, or an
 *   earlier incarnation) -- unless the server started from a replacement drive (`logLost`), when an
 *   absence says nothing: those children vanished from view while they may still work at the venue;
 * - the phone desk's answer after a disk loss (what the exchange read out, fills included) is booked
 *   by hand: fills applied, the orders cancelled.
 * The server has no order-status query, no mass cancel or mass status for a client and cannot modify
 * orders: a status request is not sent (the order book is the recovery path), `sendMassCancel` and
 * `sendMassStatus` refuse (false: the router cancels order by order), and a replace is a cancel then a
 * new order for the leaves. (The exchange's own mass cancel of the server's orders, the phone desk's
 * after a disk loss, is the operator's action, not the router's.)
 * Signals for the KPIs and the runbook: `disconnected` when the process goes down, `logged-on` when its
 * order book arrives (the router's state is authoritative again).
 */
import type { Kernel, Ns } from '../../sim/index.ts';
import type { SessionView, Side } from '../../policies/index.ts';
import type { OrderServer, OrderServerClient, OrderServerFill, OrderServerReport, OrderServerStatus, PhoneCancelResult, TradingSessionId } from '../../venues/gateway/index.ts';
import type { MassCancelRequest, MassStatusRequest, NewChildOrder, OrderEntryPort } from '../router/ports.ts';
import type { RouterReportSink, TimedSessionEvent } from './fix-order-entry-port.ts';
import { OrderServerChildren, OrderServerReportTranslator, type ServerChild } from './order-server-reports.ts';

type OrderBook = Extract<OrderServerReport, { kind: 'order-book' }>;

export class OrderServerPort implements OrderEntryPort, OrderServerClient {
  sink: RouterReportSink | undefined;
  server: OrderServer | undefined;
  readonly children = new OrderServerChildren();
  readonly events: TimedSessionEvent[] = [];
  /** Router actions the server refused at once (down or starting) or rejected with its exchange link down. */
  refusals = 0;
  /** Fill shares the router learnt only through recovery (the server's order book, the phone answer): seed 004's missed fills. */
  recoveredFillShares = 0;
  private readonly entry: OrderServerReportTranslator;
  private status: OrderServerStatus | undefined;
  private actionSeq = 0;
  private awaitingBook = true;
  private disconnects = 0;
  private lastDisconnectAtNs: Ns | undefined;
  private lastLogonAtNs: Ns | undefined;
  private lastReceivedAtNs: Ns | undefined;

  constructor(
    private readonly kernel: Kernel,
    readonly sessionId: string,
    readonly gatewayId: string,
    private readonly tradingSessionId: TradingSessionId,
    private readonly symbol: string,
    private readonly tickSize: number,
  ) {
    this.entry = this.translator('entry', () => this.sink);
  }

  /** A translator on another channel (the oracle's tap), sharing this port's record of children. */
  translator(channel: 'entry' | 'truth', sink: () => RouterReportSink | undefined): OrderServerReportTranslator {
    return new OrderServerReportTranslator(this.children, sink, channel, this.symbol, this.tickSize, () => this.kernel.now);
  }

  /** Placeholders for FIX-only signals, so KPIs can sum over every port. */
  readonly possDupTimesNs: readonly Ns[] = [];
  readonly appReceivedInRecovery = 0;
  readonly possDupInRecovery = 0;

  view(): SessionView {
    return {
      sessionId: this.sessionId,
      gatewayId: this.gatewayId,
      state: this.canSend() ? 'logged-on' : this.status?.process === 'down' ? 'disconnected' : 'connecting',
      // Until the server's order book arrives after an outage the router's state is not authoritative.
      gapOpen: this.awaitingBook && this.disconnects > 0,
      resendInProgress: false,
      replayBacklogMsgs: 0,
      possDupCount: 0,
      gapFillCount: 0,
      disconnectCount: this.disconnects,
      lastDisconnectAtNs: this.lastDisconnectAtNs,
      lastLogonAtNs: this.lastLogonAtNs,
      lastReceivedAtNs: this.lastReceivedAtNs,
    };
  }

  canSend(): boolean {
    return this.server !== undefined && this.status?.process === 'running' && this.status.exchangeLink === 'connected';
  }

  sendNewOrder(order: NewChildOrder): void {
    const child: ServerChild = {
      rootClOrdId: order.clOrdId,
      side: order.side,
      qtyShares: order.qtyShares,
      ioc: order.timeInForce === 'ioc',
      priceTicks: order.priceTicks,
      venueClOrdId: order.clOrdId,
      pendingReplace: undefined,
      actionSeq: 0,
      incarnation: 0,
      done: false,
    };
    this.children.add(child);
    this.submitNew(child, order.qtyShares);
  }

  sendCancel(request: { origClOrdId: string }): void {
    const child = this.children.childOf(request.origClOrdId);
    if (child === undefined || child.done) return;
    this.submitCancel(child);
  }

  sendReplace(request: { clOrdId: string; origClOrdId: string; priceTicks: number }): void {
    const child = this.children.childOf(request.origClOrdId);
    if (child === undefined || child.done) return;
    child.pendingReplace = { clOrdId: request.clOrdId, priceTicks: request.priceTicks };
    this.submitCancel(child);
  }

  sendStatusRequest(_request: { clOrdId: string; side: Side }): void {
    // The order server answers no status query; its order book on every connection is the recovery path.
  }

  sendMassCancel(_request: MassCancelRequest): boolean {
    return false;
  }

  sendMassStatus(_request: MassStatusRequest): boolean {
    return false;
  }

  /** The phone desk's answer: the exchange read out every order of the gateway, now cancelled. */
  bookPhoneAnswer(answer: readonly PhoneCancelResult[]): void {
    for (const { order } of answer) {
      const child = this.children.childOf(order.clOrdId);
      if (child === undefined || child.done || child.venueClOrdId !== order.clOrdId) continue;
      for (const fill of order.fills) this.recoverFill(fill);
      child.done = true;
      this.entry.status(child, false);
    }
  }

  onStatus(status: OrderServerStatus): void {
    const wasDown = this.status?.process === 'down';
    this.status = status;
    if (status.process === 'down' && !wasDown) {
      this.disconnects++;
      this.lastDisconnectAtNs = this.kernel.now;
      this.awaitingBook = true;
      for (const child of this.children.children) child.pendingReplace = undefined;
      this.events.push({ sessionId: this.sessionId, atNs: this.kernel.now, event: { type: 'disconnected', reason: 'order server down' } });
      this.sink?.onSessionDown(this.sessionId);
    }
  }

  onReport(report: OrderServerReport): void {
    this.lastReceivedAtNs = this.kernel.now;
    switch (report.kind) {
      case 'ack':
        return this.entry.ack(report.clOrdId);
      case 'fill':
        this.entry.fill(report.fill);
        return this.markDoneIfFilled(report.fill.clOrdId);
      case 'cancelled':
        return this.onCancelled(report.clOrdId);
      case 'rejected':
        if (report.reason === 'exchange-link-down') this.refusals++;
        this.markDone(report.clOrdId);
        return this.entry.ended(report.clOrdId, 'rejected', report.reason);
      case 'cancel-rejected': {
        const child = this.children.childOf(report.clOrdId);
        if (child !== undefined) child.pendingReplace = undefined;
        if (report.reason === 'exchange-link-down') this.refusals++;
        return this.entry.cancelRejected(report.clOrdId, report.reason);
      }
      case 'order-book':
        return this.applyBook(report);
    }
  }

  private submitNew(child: ServerChild, qtyShares: number): void {
    const server = this.server as OrderServer;
    child.actionSeq = ++this.actionSeq;
    child.incarnation = server.status().incarnation;
    const refusal = server.submitNew({ clOrdId: child.venueClOrdId, qtyShares, sessionId: this.tradingSessionId }, child.actionSeq);
    if (refusal !== undefined) this.refuse(child.venueClOrdId, refusal, 'new');
  }

  private submitCancel(child: ServerChild): void {
    const refusal = (this.server as OrderServer).submitCancel(child.venueClOrdId, ++this.actionSeq);
    if (refusal !== undefined) {
      child.pendingReplace = undefined;
      this.refuse(child.venueClOrdId, refusal, 'cancel');
    }
  }

  /** Refused at once: told to the router on the next event, after it has recorded what it sent. */
  private refuse(clOrdId: string, reason: string, what: 'new' | 'cancel'): void {
    this.refusals++;
    this.kernel.scheduleAfter(0, () => {
      if (what === 'new') {
        this.markDone(clOrdId);
        this.entry.ended(clOrdId, 'rejected', reason);
      } else this.entry.cancelRejected(clOrdId, reason);
    });
  }

  private onCancelled(clOrdId: string): void {
    const child = this.children.childOf(clOrdId);
    if (child === undefined || child.venueClOrdId !== clOrdId) return;
    const replace = child.pendingReplace;
    child.pendingReplace = undefined;
    const leaves = child.qtyShares - this.entry.cumOf(child);
    if (replace !== undefined && leaves > 0 && this.canSend()) {
      // The replace stand-in: the original is gone; its leaves go back in at the new price.
      this.children.chain(child, replace.clOrdId);
      child.priceTicks = replace.priceTicks;
      this.submitNew(child, leaves);
      return;
    }
    child.done = true;
    this.entry.ended(clOrdId, 'cancelled');
  }

  private markDone(venueClOrdId: string): void {
    const child = this.children.childOf(venueClOrdId);
    if (child !== undefined && child.venueClOrdId === venueClOrdId) child.done = true;
  }

  private markDoneIfFilled(venueClOrdId: string): void {
    const child = this.children.childOf(venueClOrdId);
    if (child !== undefined && this.entry.cumOf(child) >= child.qtyShares) child.done = true;
  }

  private recoverFill(fill: OrderServerFill): void {
    const child = this.children.childOf(fill.clOrdId);
    const before = child === undefined ? 0 : this.entry.cumOf(child);
    this.entry.fill(fill);
    if (child !== undefined) this.recoveredFillShares += this.entry.cumOf(child) - before;
  }

  private applyBook(book: OrderBook): void {
    for (const fill of book.fills) this.recoverFill(fill);
    const active = new Set(book.activeOrders.map((order) => order.clOrdId));
    for (const child of this.children.children) {
      if (child.done) continue;
      if (this.entry.cumOf(child) >= child.qtyShares) {
        child.done = true;
        continue;
      }
      if (active.has(child.venueClOrdId)) {
        this.entry.status(child, true);
        continue;
      }
      const earlier = child.incarnation < book.incarnation;
      const reflected = earlier || child.actionSeq <= book.reflectsActionsThrough;
      if (!reflected || (earlier && book.logLost)) continue;
      child.done = true;
      child.pendingReplace = undefined;
      this.entry.status(child, false);
    }
    this.awaitingBook = false;
    this.lastLogonAtNs = this.kernel.now;
    this.events.push({ sessionId: this.sessionId, atNs: this.kernel.now, event: { type: 'logged-on' } });
  }
}
