/**
 * The counterparty's answers to OrderStatusRequest H and OrderMassStatusRequest AF, from the venue's truth,
 * through a paced queue (paced-answers.ts). Each answer is an ExecutionReport built when it leaves:
 * - H: the order named by ClOrdID (any of its chain) or OrderID, if it belongs to the current trading
 *   session; otherwise an "unknown order" report (OrderID NONE).
 * - AF (FIX 4.4, ExecType I): one report per order of the current trading session still working when the
 *   request arrives (not yet filled, cancelled or rejected; an order the venue has not yet acknowledged
 *   counts, as OrdStatus Pending New), filtered by Symbol and Side, each with MassStatusReqID 584,
 *   TotNumReports 911 and LastRptRequested 912 = Y on the last; none working: one report saying so
 *   (reports.ts `massStatusNone`). The set of orders is taken when the request arrives; each report's
 *   state when it leaves.
 * Leaves out: MassStatusReqType other than 1 (a security) and 7 (all orders): the venue trades one
 * instrument, so 2-6 (underlying, product, CFICode, SecurityType, trading session) are answered like 7.
 * Units: times in ns of simulated time.
 */
import type { Kernel } from '../../../sim/index.ts';
import type { ExecutionReport, OrderMassStatusRequest, OrderStatusRequest } from '../codec/messages.ts';
import type { SessionPort } from './config.ts';
import type { OrderRecord } from './order-record.ts';
import { PacedAnswers } from './paced-answers.ts';
import { fixSide, type ReportBuilder } from './reports.ts';

/** What the answers read: the counterparty's records of this trading session, and the venue's book. */
export interface StatusSource {
  readonly symbol: string;
  /** The current trading session's order with this ClOrdID (any of its chain) or this OrderID. */
  findOrder(clOrdId: string, orderIdText: string | undefined): OrderRecord | undefined;
  /** The current trading session's orders not yet done, in the order they were entered. */
  workingOrders(): OrderRecord[];
  /** The book's open quantity of an order (shares). */
  leavesQtyShares(orderId: number): number;
  port(): SessionPort;
}

type Question =
  | { kind: 'order'; request: OrderStatusRequest }
  | { kind: 'mass-item'; record: OrderRecord; reqId: string; total: number; last: boolean }
  | { kind: 'mass-none'; request: OrderMassStatusRequest };

export class StatusAnswers {
  private readonly queue: PacedAnswers<Question>;

  constructor(
    private readonly kernel: Kernel,
    private readonly reports: ReportBuilder,
    private readonly source: StatusSource,
    answersPerSec: number,
  ) {
    this.queue = new PacedAnswers(kernel, answersPerSec, (question) => this.answer(question));
  }

  /** Answers sent so far, answers waiting, and the longest any answer waited (ns). */
  get stats(): { answered: number; pending: number; longestWaitNs: number } {
    return { answered: this.queue.answered, pending: this.queue.pending, longestWaitNs: this.queue.longestWaitNs };
  }

  ask(request: OrderStatusRequest): void {
    this.queue.push({ kind: 'order', request });
  }

  askMass(request: OrderMassStatusRequest): void {
    const side = request.side;
    const matching = request.symbol !== undefined && request.symbol !== this.source.symbol
      ? []
      : this.source.workingOrders().filter((record) => side === undefined || fixSide(record.side) === side);
    if (matching.length === 0) {
      this.queue.push({ kind: 'mass-none', request });
      return;
    }
    matching.forEach((record, i) => this.queue.push({ kind: 'mass-item', record, reqId: request.massStatusReqId, total: matching.length, last: i === matching.length - 1 }));
  }

  /** A new trading session: questions of the old one go unanswered. */
  clear(): void {
    this.queue.clear();
  }

  private answer(question: Question): void {
    this.source.port().send(this.reportFor(question));
  }

  private reportFor(question: Question): ExecutionReport {
    const now = this.kernel.now;
    switch (question.kind) {
      case 'order': {
        const { request } = question;
        const record = this.source.findOrder(request.clOrdId, request.orderId);
        if (record === undefined) return this.reports.orderless(request.clOrdId, request.side, this.reports.statusExecType('8'), 'unknown order', now, true);
        return this.statusOf(record, undefined);
      }
      case 'mass-item':
        return this.statusOf(question.record, { reqId: question.reqId, totNumReports: question.total, last: question.last });
      case 'mass-none':
        return this.reports.massStatusNone(question.request.massStatusReqId, question.request.side, now);
    }
  }

  private statusOf(record: OrderRecord, massStatus: { reqId: string; totNumReports: number; last: boolean } | undefined): ExecutionReport {
    const ordStatus = record.reportedStatus;
    const leavesQtyShares = record.isTerminal ? 0 : this.source.leavesQtyShares(record.orderId);
    const execType = this.reports.statusExecType(ordStatus);
    return this.reports.execution(record, { execType, execId: this.reports.localExecId(), atNs: this.kernel.now, status: true, ordStatus, leavesQtyShares, massStatus });
  }
}
