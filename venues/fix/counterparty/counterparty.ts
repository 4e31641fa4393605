/**
 * The venue side of an order-entry FIX session: the application behind an acceptor `FixSession`,
 * trading for one owner on the venue's book. NewOrderSingle (limit day, limit IOC, market),
 * OrderCancelRequest and OrderCancelReplaceRequest become venue requests for this owner; every
 * sequenced venue output concerning the owner becomes an ExecutionReport (new, trade, canceled,
 * replaced, rejected with a reason text) or an OrderCancelReject (with the order's OrdStatus: a cancel
 * that loses the race with a fill is "too late to cancel" with OrdStatus Filled). OrderStatusRequest and
 * OrderMassStatusRequest are answered from venue truth, at a rate (status-answers.ts). An
 * OrderMassCancelRequest, the operator's mass cancel and cancel-on-disconnect cancel every order of the
 * owner (one side, or both); each cancelled order gets its own Canceled report, then the request gets an
 * OrderMassCancelReport with the number cancelled (TotalAffectedOrders counts earlier trading sessions'
 * orders too: the venue cancels by owner), or MassCancelResponse 0 when the venue refused it during a
 * sequencer failover. An application message an order-entry acceptor does not take (an ExecutionReport
 * or OrderCancelReject sent to it, an OrderMassCancelReport, an OrderMassStatusRequest where the venue
 * has turned it off) and a request lacking a conditionally required field get a BusinessMessageReject;
 * a BusinessMessageReject received is counted, never answered (a reject of a reject could loop).
 *
 * Reports always go to the session, connected or not: while it is down the session keeps numbering
 * and storing them, and the router gets them by resend when it logs on again (seed 004, CFE: "queues
 * all messages that occur while the CFE Gateway is disconnected"). A trading session (a trading day)
 * is one FixSession: `beginTradingSession` binds a fresh one. Orders of earlier trading sessions keep
 * working at the venue, but the new session neither reports nor answers for them (seed 004: "CFE only
 * sends order and fill information for the current session"); their reports still reach the listeners
 * (the drop copy), which cover the owner, not a session.
 *
 * Leaves out: MassCancelRequestType 2-6 (underlying, product, CFICode, SecurityType, trading session:
 * refused with MassCancelRejectReason 99), risk limits and order throttles.
 * Units: prices in ticks inside, decimals on the wire; times in ns.
 * A file over 400 lines: the inbound requests and the outbound reports share the order records (status
 * answers, request terms and report bodies are already in their own modules).
 */
import { invariant, type Kernel } from '../../../sim/index.ts';
import type { Ns } from '../../../sim/time.ts';
import type { BookEvent, Fill, OrderCancelled, OrderRejected, OrderReplaced, RejectReason, Side } from '../../book/index.ts';
import type { SequencedOutput } from '../../sequencer/index.ts';
import type { OwnerSink, Venue, VenueRequest } from '../../venue/index.ts';
import type {
  AppBody,
  ExecutionReport,
  FixMessage,
  NewOrderSingle,
  OrderCancelReplaceRequest,
  OrderCancelRequest,
  OrderMassCancelRequest,
  OrderMassStatusRequest,
} from '../codec/messages.ts';
import { missingConditionalTag } from '../codec/schema.ts';
import type { SessionEvent } from '../session/outputs.ts';
import { CancelOnDisconnect, type MassCanceller } from './cancel-on-disconnect.ts';
import type { CounterpartyConfig, ExecutionReportListener, SessionPort } from './config.ts';
import { reportDialectFor } from './dialect.ts';
import { readMassCancelTerms, readOrderTerms, readReplaceTerms } from './order-terms.ts';
import { OrderRecord } from './order-record.ts';
import { DEFAULT_STATUS_ANSWERS_PER_SEC } from './paced-answers.ts';
import { BusinessRejectReason, CxlRejReason, MassCancelRejectReason, ReportBuilder, type ReportDetail } from './reports.ts';
import { StatusAnswers } from './status-answers.ts';
import { TickScale } from './tick-scale.ts';

const VENUE_REJECT_TEXT: Record<RejectReason, string> = {
  'unknown-order': 'unknown order',
  'not-owner': 'order belongs to another owner',
  'bad-price': 'invalid price',
  'bad-quantity': 'invalid quantity',
  'duplicate-order-id': 'duplicate order id',
  'would-not-fill': 'no liquidity: order would not fill',
};
const UNAVAILABLE_TEXT = 'venue unavailable: failover in progress';

export interface CounterpartyStats {
  ordersReceived: number;
  reportsSent: number;
  /** Reports of orders from earlier trading sessions: listeners only, never the current session. */
  reportsWithheld: number;
  cancelRejectsSent: number;
  /** OrderStatusRequests and OrderMassStatusRequests received (their answers: `statusAnswers.stats`). */
  statusRequests: number;
  /** PossResend NewOrderSingles whose ClOrdID was already seen (Vol. 2 19a): dropped. */
  possResendDuplicates: number;
  businessRejectsSent: number;
  businessRejectsReceived: number;
  massCancelReportsSent: number;
  /** Mass cancels the venue refused during a failover transition (wire requests and operator actions). */
  massCancelsRefused: number;
}

/** A mass cancel sent to the venue and not yet done: its Canceled reports' text, and the wire request if it came as one. */
interface PendingMassCancel {
  text: string;
  request: OrderMassCancelRequest | undefined;
}

export class OrderEntryCounterparty implements OwnerSink, MassCanceller {
  readonly ownerId: number;
  readonly stats: CounterpartyStats = {
    ordersReceived: 0,
    reportsSent: 0,
    reportsWithheld: 0,
    cancelRejectsSent: 0,
    statusRequests: 0,
    possResendDuplicates: 0,
    businessRejectsSent: 0,
    businessRejectsReceived: 0,
    massCancelReportsSent: 0,
    massCancelsRefused: 0,
  };
  readonly statusAnswers: StatusAnswers;
  readonly cancelOnDisconnect: CancelOnDisconnect;
  private readonly ticks: TickScale;
  private readonly reports: ReportBuilder;
  private readonly listeners: ExecutionReportListener[] = [];
  private readonly byOrderId = new Map<number, OrderRecord>();
  /** ClOrdID -> order, for this trading session's orders (every ClOrdID of each chain). */
  private readonly byClOrdId = new Map<string, OrderRecord>();
  /** Every ClOrdID seen in this trading session, rejected orders' included. */
  private readonly usedClOrdIds = new Set<string>();
  /** Mass cancels sent to the venue and not yet done, oldest first (the venue answers them in order). */
  private readonly pendingMassCancels: PendingMassCancel[] = [];
  private port: SessionPort | undefined;
  private tradingSession = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly venue: Venue,
    readonly config: CounterpartyConfig,
  ) {
    this.ownerId = config.ownerId;
    this.ticks = new TickScale(config.tickSize);
    this.reports = new ReportBuilder(config.ownerId, config.symbol, this.ticks, reportDialectFor(config.beginString), config.epochUtcMs);
    this.cancelOnDisconnect = new CancelOnDisconnect(kernel, config.cancelOnDisconnectDelayNs, this);
    this.statusAnswers = new StatusAnswers(
      kernel,
      this.reports,
      {
        symbol: config.symbol,
        findOrder: (clOrdId, orderIdText) => this.byClOrdId.get(clOrdId) ?? this.currentSessionOrder(orderIdText),
        workingOrders: () => [...this.byOrderId.values()].filter((r) => r.tradingSession === this.tradingSession && !r.isTerminal),
        leavesQtyShares: (orderId) => venue.leavesQtyShares(orderId),
        port: () => this.requirePort(),
      },
      config.statusAnswersPerSec ?? DEFAULT_STATUS_ANSWERS_PER_SEC,
    );
    venue.connect(config.ownerId, this);
  }

  /** Binds the FixSession of a new trading session; earlier sessions' orders are no longer its business. */
  beginTradingSession(port: SessionPort): void {
    this.port = port;
    this.tradingSession++;
    this.byClOrdId.clear();
    this.usedClOrdIds.clear();
    this.cancelOnDisconnect.reset();
    this.statusAnswers.clear();
  }

  /** Every execution report of this owner, current session or not (a drop copy listens here). */
  addListener(listener: ExecutionReportListener): void {
    this.listeners.push(listener);
  }

  /** Cancels every resting order of the owner (on one side, or both); each gets a Canceled report. */
  massCancel(side?: Side, text = 'mass cancel', request?: OrderMassCancelRequest): void {
    this.pendingMassCancels.push({ text, request });
    this.venue.massCancel(this.ownerId, side);
  }

  cancelAllOnDisconnect(): void {
    this.massCancel(undefined, 'cancel on disconnect');
  }

  /** The venue's record of an order of this owner (for tests and the harness). */
  order(orderId: number): Readonly<OrderRecord> | undefined {
    return this.byOrderId.get(orderId);
  }

  // ---- the FIX session ----------------------------------------------------------------------------

  onMessage(message: FixMessage<AppBody>): void {
    const body = message.body;
    switch (body.msgType) {
      case 'D':
        return this.newOrder(body, message.header.possResend);
      case 'F':
        return this.cancelRequest(body);
      case 'G':
        return this.replaceRequest(body);
      case 'H':
        this.stats.statusRequests++;
        return this.statusAnswers.ask(body);
      case 'q':
        return this.massCancelRequest(body, message.header.msgSeqNum);
      case 'AF':
        return this.massStatusRequest(body, message.header.msgSeqNum);
      case 'j':
        this.stats.businessRejectsReceived++;
        return;
      case '8':
        return this.businessReject(message.header.msgSeqNum, body.msgType, body.execId, BusinessRejectReason.UnsupportedMessageType, 'ExecutionReport is not accepted by the venue');
      case '9':
        return this.businessReject(message.header.msgSeqNum, body.msgType, body.clOrdId, BusinessRejectReason.UnsupportedMessageType, 'OrderCancelReject is not accepted by the venue');
      case 'r':
        return this.businessReject(message.header.msgSeqNum, body.msgType, body.clOrdId, BusinessRejectReason.UnsupportedMessageType, 'OrderMassCancelReport is not accepted by the venue');
    }
  }

  onEvent(event: SessionEvent): void {
    if (event.type === 'logged-on') this.cancelOnDisconnect.onLoggedOn();
    else if (event.type === 'disconnected') this.cancelOnDisconnect.onDisconnected();
  }

  private newOrder(order: NewOrderSingle, possResend: boolean): void {
    if (this.usedClOrdIds.has(order.clOrdId)) {
      if (possResend) {
        this.stats.possResendDuplicates++;
        return;
      }
      this.sendReport(this.reports.orderless(order.clOrdId, order.side, '8', `duplicate ClOrdID ${order.clOrdId}`, this.kernel.now));
      return;
    }
    this.usedClOrdIds.add(order.clOrdId);
    this.stats.ordersReceived++;
    const terms = readOrderTerms(order, this.config.symbol, this.ticks);
    if (typeof terms === 'string') {
      this.sendReport(this.reports.orderless(order.clOrdId, order.side, '8', terms, this.kernel.now));
      return;
    }
    const orderId = this.venue.nextOrderId();
    const record = new OrderRecord(orderId, this.tradingSession, order.clOrdId, terms.side, terms.orderType, terms.priceTicks, terms.qtyShares);
    this.byOrderId.set(orderId, record);
    this.byClOrdId.set(order.clOrdId, record);
    this.venue.submitOrder(orderId, this.ownerId, terms.side, terms.orderType, terms.priceTicks, terms.qtyShares);
  }

  private cancelRequest(request: OrderCancelRequest): void {
    const record = this.acceptChainRequest(request.clOrdId, request.origClOrdId, '1');
    if (record === undefined) return;
    record.addPending({ kind: 'cancel', clOrdId: request.clOrdId, origClOrdId: request.origClOrdId, priceTicks: record.priceTicks, orderQtyShares: record.orderQtyShares });
    this.byClOrdId.set(request.clOrdId, record);
    this.venue.cancel(record.orderId, this.ownerId);
  }

  private replaceRequest(request: OrderCancelReplaceRequest): void {
    const record = this.acceptChainRequest(request.clOrdId, request.origClOrdId, '2');
    if (record === undefined) return;
    const terms = readReplaceTerms(request, record, this.ticks);
    if (typeof terms === 'string') {
      this.sendCancelReject(this.reports.cancelReject(record, request.clOrdId, request.origClOrdId, '2', CxlRejReason.Other, terms));
      return;
    }
    record.addPending({ kind: 'replace', clOrdId: request.clOrdId, origClOrdId: request.origClOrdId, ...terms });
    this.byClOrdId.set(request.clOrdId, record);
    this.venue.replace(record.orderId, this.ownerId, terms.priceTicks, terms.orderQtyShares);
  }

  /** The order a cancel or replace refers to, or undefined after answering it with a reject. */
  private acceptChainRequest(clOrdId: string, origClOrdId: string, responseTo: '1' | '2'): OrderRecord | undefined {
    const record = this.byClOrdId.get(origClOrdId);
    let reason: number | undefined;
    let text = '';
    if (this.usedClOrdIds.has(clOrdId)) [reason, text] = [CxlRejReason.DuplicateClOrdId, `duplicate ClOrdID ${clOrdId}`];
    else if (record === undefined) [reason, text] = [CxlRejReason.UnknownOrder, 'unknown order'];
    else if (record.isTerminal) [reason, text] = [CxlRejReason.TooLateToCancel, tooLateText(record)];
    this.usedClOrdIds.add(clOrdId);
    if (reason === undefined) return record;
    this.sendCancelReject(this.reports.cancelReject(record, clOrdId, origClOrdId, responseTo, reason, text));
    return undefined;
  }

  /** A mass cancel on the wire: refused here when it cannot be carried out, else the venue's mass cancel. */
  private massCancelRequest(request: OrderMassCancelRequest, seq: number): void {
    const missing = missingConditionalTag(request);
    if (missing !== undefined) {
      this.businessReject(seq, 'q', request.clOrdId, BusinessRejectReason.ConditionallyRequiredFieldMissing, `conditionally required field missing: ${missing}`);
      return;
    }
    const terms = readMassCancelTerms(request, this.config.symbol);
    if ('rejectReason' in terms) {
      this.sendMassCancelReport(this.reports.massCancelReport(request, terms, this.kernel.now));
      return;
    }
    this.massCancel(terms.side, request.text ?? 'mass cancel', request);
  }

  private massStatusRequest(request: OrderMassStatusRequest, seq: number): void {
    if (this.config.acceptsMassStatus === false) {
      this.businessReject(seq, 'AF', request.massStatusReqId, BusinessRejectReason.UnsupportedMessageType, 'OrderMassStatusRequest is not supported by this venue');
      return;
    }
    const missing = missingConditionalTag(request);
    if (missing !== undefined) {
      this.businessReject(seq, 'AF', request.massStatusReqId, BusinessRejectReason.ConditionallyRequiredFieldMissing, `conditionally required field missing: ${missing}`);
      return;
    }
    this.stats.statusRequests++;
    this.statusAnswers.askMass(request);
  }

  private currentSessionOrder(orderIdText: string | undefined): OrderRecord | undefined {
    const record = orderIdText === undefined ? undefined : this.byOrderId.get(Number(orderIdText));
    return record?.tradingSession === this.tradingSession ? record : undefined;
  }

  // ---- the venue ----------------------------------------------------------------------------------

  onOutput(output: SequencedOutput<BookEvent>): void {
    const event = output.payload;
    switch (event.type) {
      case 'accepted': {
        const record = this.recordOf(event.orderId);
        record.ordStatus = '0';
        return this.emit(record, { execType: '0', execId: this.reports.venueExecId(output, event.orderId), atNs: output.producedAtNs });
      }
      case 'rejected':
        return this.venueRejected(output, event);
      case 'fill':
        if (event.makerOwnerId === this.ownerId) this.trade(output, event, event.makerOrderId, event.makerLeavesQtyShares);
        if (event.takerOwnerId === this.ownerId) this.trade(output, event, event.takerOrderId, event.takerLeavesQtyShares);
        return;
      case 'cancelled':
        return this.cancelled(output, event);
      case 'replaced':
        return this.replaced(output, event);
      case 'mass-cancelled': {
        const done = this.pendingMassCancels.shift();
        if (done?.request !== undefined) this.sendMassCancelReport(this.reports.massCancelReport(done.request, { totalAffectedOrders: event.cancelledOrders }, output.producedAtNs));
        return;
      }
      case 'level':
        return;
    }
  }

  onUnavailable(request: VenueRequest, atNs: Ns): void {
    if (request.kind === 'mass-cancel') {
      const refused = this.pendingMassCancels.shift();
      this.stats.massCancelsRefused++;
      if (refused?.request !== undefined) this.sendMassCancelReport(this.reports.massCancelReport(refused.request, { rejectReason: MassCancelRejectReason.Other, text: UNAVAILABLE_TEXT }, atNs));
      return;
    }
    const record = this.recordOf(request.orderId);
    if (request.kind === 'new') {
      record.ordStatus = '8';
      record.leavesQtyShares = 0;
      this.emit(record, { execType: '8', execId: this.reports.localExecId(), atNs, text: UNAVAILABLE_TEXT });
      return;
    }
    const pending = record.takePending(request.kind);
    invariant(pending !== undefined, () => `no pending ${request.kind} for order ${request.orderId}`);
    const responseTo = request.kind === 'cancel' ? '1' : '2';
    this.sendCancelReject(this.reports.cancelReject(record, pending.clOrdId, pending.origClOrdId, responseTo, CxlRejReason.Other, UNAVAILABLE_TEXT), record);
  }

  private trade(output: SequencedOutput<BookEvent>, fill: Fill, orderId: number, leavesQtyShares: number): void {
    const record = this.recordOf(orderId);
    record.applyFill(fill.qtyShares, fill.priceTicks, leavesQtyShares);
    this.emit(record, {
      execType: this.reports.tradeExecType(record.ordStatus),
      execId: this.reports.venueExecId(output, orderId),
      atNs: output.producedAtNs,
      lastQtyShares: fill.qtyShares,
      lastPxTicks: fill.priceTicks,
    });
  }

  private cancelled(output: SequencedOutput<BookEvent>, event: OrderCancelled): void {
    const record = this.recordOf(event.orderId);
    const execId = this.reports.venueExecId(output, event.orderId);
    if (event.reason === 'requested') {
      const pending = record.takePending('cancel');
      invariant(pending !== undefined, () => `order ${event.orderId} cancelled with no cancel request pending`);
      record.applyCancel(pending.clOrdId);
      this.emit(record, { execType: '4', execId, atNs: output.producedAtNs, origClOrdId: pending.origClOrdId });
      return;
    }
    record.applyCancel(undefined);
    const text = event.reason === 'mass-cancel' ? this.pendingMassCancels[0]?.text : 'unfilled quantity canceled';
    this.emit(record, { execType: '4', execId, atNs: output.producedAtNs, text });
  }

  private replaced(output: SequencedOutput<BookEvent>, event: OrderReplaced): void {
    const record = this.recordOf(event.orderId);
    const pending = record.takePending('replace');
    invariant(pending !== undefined, () => `order ${event.orderId} replaced with no replace request pending`);
    record.applyReplace(pending.clOrdId, event.priceTicks, event.orderQtyShares, event.leavesQtyShares);
    this.emit(record, { execType: '5', execId: this.reports.venueExecId(output, event.orderId), atNs: output.producedAtNs, origClOrdId: pending.origClOrdId });
  }

  private venueRejected(output: SequencedOutput<BookEvent>, event: OrderRejected): void {
    const record = this.recordOf(event.orderId);
    const text = VENUE_REJECT_TEXT[event.reason];
    if (event.request === 'new') {
      record.ordStatus = '8';
      record.leavesQtyShares = 0;
      this.emit(record, { execType: '8', execId: this.reports.venueExecId(output, event.orderId), atNs: output.producedAtNs, text });
      return;
    }
    const pending = record.takePending(event.request);
    invariant(pending !== undefined, () => `no pending ${event.request} for order ${event.orderId}`);
    // The book no longer has the order: a fill or a cancel got there first.
    const tooLate = event.reason === 'unknown-order' && record.isTerminal;
    const reason = tooLate ? CxlRejReason.TooLateToCancel : event.reason === 'unknown-order' ? CxlRejReason.UnknownOrder : CxlRejReason.Other;
    const responseTo = event.request === 'cancel' ? '1' : '2';
    this.sendCancelReject(this.reports.cancelReject(record, pending.clOrdId, pending.origClOrdId, responseTo, reason, tooLate ? tooLateText(record) : text), record);
  }

  // ---- outbound -----------------------------------------------------------------------------------

  private emit(record: OrderRecord, detail: ReportDetail): void {
    const report = this.reports.execution(record, detail);
    for (const listener of this.listeners) listener.onExecutionReport(report, this.ownerId);
    if (record.tradingSession === this.tradingSession) {
      this.stats.reportsSent++;
      this.requirePort().send(report);
    } else {
      this.stats.reportsWithheld++;
    }
  }

  /** A report of a request that never became a venue order. */
  private sendReport(report: ExecutionReport): void {
    for (const listener of this.listeners) listener.onExecutionReport(report, this.ownerId);
    this.stats.reportsSent++;
    this.requirePort().send(report);
  }

  private sendCancelReject(reject: AppBody, record?: OrderRecord): void {
    // A reject about an order of an earlier trading session has no session to go to.
    if (record !== undefined && record.tradingSession !== this.tradingSession) return;
    this.stats.cancelRejectsSent++;
    this.requirePort().send(reject);
  }

  private sendMassCancelReport(report: AppBody): void {
    this.stats.massCancelReportsSent++;
    this.requirePort().send(report);
  }

  private businessReject(refSeqNum: number, refMsgType: string, refId: string | undefined, reason: number, text: string): void {
    this.stats.businessRejectsSent++;
    this.requirePort().send(this.reports.businessReject(refSeqNum, refMsgType, refId, reason, text));
  }

  private recordOf(orderId: number): OrderRecord {
    const record = this.byOrderId.get(orderId);
    invariant(record !== undefined, () => `owner ${this.ownerId}: order ${orderId} was not entered through this counterparty`);
    return record;
  }

  private requirePort(): SessionPort {
    invariant(this.port !== undefined, 'beginTradingSession() binds a session before the counterparty trades');
    return this.port;
  }
}

function tooLateText(record: OrderRecord): string {
  return record.ordStatus === '2' ? 'too late to cancel: order filled' : record.ordStatus === '8' ? 'order rejected' : 'too late to cancel: order already canceled';
}
