/**
 * The router's port to a primary/backup gateway pair (seed 000): child orders go to the pair as FIX
 * bodies (NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest, OrderStatusRequest) and the
 * venue reports the active node relays come back to the router's book. What the router observes of
 * the session is the pair's view (`failoverSessionView`): the same as before the failure through the
 * blind window, then down from the controller's detection until the backup logs on, then the
 * backup's replay and the uncertain orders still owed (RWH, in orders).
 *
 * The pair's events become the session signals the runbook and the KPIs read, in FIX terms:
 * `session-down` -> `disconnected` (children with a request in flight turn `unknown` in the router's
 * book), `session-up` -> `logged-on`, the backup's `gap-detected` / `resend-requested` as they are,
 * `replay-cleared` -> `gap-closed`. A status answer "unknown order" (OrderID NONE) is delivered as a
 * rejection: both identities of the pair reach the firm's order book for the current trading session
 * (FirmSessions), so here it can only mean the order never reached the venue (lost inside the dead
 * primary or sent into the blind window), which is what the pair's own ledger concludes too. The
 * router's book keeps such an answer uninformative in general (behind other gateways it may name an
 * earlier session's order), and without this the child would stay `unknown` for the rest of the run.
 * A request the pair refuses (a detected failover under way) or a
 * node refuses (queue full) never reached the venue: it is counted, and the router finds out by its
 * status requests, as it would behind a real gateway.
 */
import type { Kernel, Ns } from '../../sim/index.ts';
import type { SessionView, Side } from '../../policies/index.ts';
import { isMsgTypeDefinedIn, type AppBody, type BeginString, type ExecutionReport, type FixMessage } from '../../venues/fix/codec/index.ts';
import type { SessionEvent } from '../../venues/fix/session/index.ts';
import type { FailoverEvent, FailoverGateway, FailoverRouterListener, GatewayRejection } from '../../venues/gateway/index.ts';
import type { MassCancelRequest, MassStatusRequest, NewChildOrder, OrderEntryPort } from '../router/ports.ts';
import { ChildOrderMessages } from './child-order-messages.ts';
import type { RouterReportSink, TimedSessionEvent } from './fix-order-entry-port.ts';
import { failoverSessionView } from './gateway-view.ts';


export class FailoverOrderEntryPort implements OrderEntryPort, FailoverRouterListener {
  pair: FailoverGateway | undefined;
  sink: RouterReportSink | undefined;
  readonly events: TimedSessionEvent[] = [];
  readonly failoverEvents: FailoverEvent[] = [];
  readonly possDupTimesNs: Ns[] = [];
  /** Application messages received while the backup's replay was open, and how many carried PossDupFlag=Y (PES). */
  appReceivedInRecovery = 0;
  possDupInRecovery = 0;
  /** Requests refused by the pair or a node: they never reached the venue. */
  refusals = 0;

  private readonly messages: ChildOrderMessages;

  constructor(
    private readonly kernel: Kernel,
    readonly sessionId: string,
    readonly gatewayId: string,
    symbol: string,
    tickSize: number,
    epochUtcMs: number,
    /** The FIX version of the pair's venue sessions: FIX 4.2 has no q or AF. */
    private readonly beginString: BeginString = 'FIX.4.4',
  ){
    this.messages = new ChildOrderMessages(kernel, symbol, tickSize, epochUtcMs);
  }

  private get gateway(): FailoverGateway {
    if (this.pair === undefined) throw new Error(`session ${this.sessionId} has no failover pair`);
    return this.pair;
  }

  view(): SessionView {
    return { ...failoverSessionView(this.gateway.view()), sessionId: this.sessionId };
  }

  canSend(): boolean {
    return this.gateway.acceptsRequests();
  }

  sendNewOrder(order: NewChildOrder): void {
    this.submit(this.messages.newOrder(order));
  }

  sendCancel(request: { clOrdId: string; origClOrdId: string; side: Side; qtyShares: number }): void {
    this.submit(this.messages.cancel(request));
  }

  sendReplace(request: { clOrdId: string; origClOrdId: string; side: Side; priceTicks: number; qtyShares: number }): void {
    this.submit(this.messages.replace(request));
  }

  sendStatusRequest(request: { clOrdId: string; side: Side }): void {
    this.submit(this.messages.statusRequest(request));
  }

  // The active node carries q and AF like any request, on a FIX 4.4 pair.
  sendMassCancel(request: MassCancelRequest): boolean {
    if (!isMsgTypeDefinedIn('q', this.beginString)) return false;
    this.submit(this.messages.massCancel(request));
    return true;
  }

  sendMassStatus(request: MassStatusRequest): boolean {
    if (!isMsgTypeDefinedIn('AF', this.beginString)) return false;
    this.submit(this.messages.massStatus(request));
    return true;
  }


  // ---- the pair (FailoverRouterListener) ----------------------------------------------------------

  onMessage(message: FixMessage<AppBody>): void {
    const now = this.kernel.now;
    const possDup = message.header.possDupFlag === true;
    const inRecovery = possDup || this.gateway.view().gapOpen;
    if (inRecovery) this.appReceivedInRecovery++;
    if (possDup) {
      this.possDupTimesNs.push(now);
      this.possDupInRecovery++;
    }
    const body = message.body;
    if (body.msgType === '8') this.sink?.onExecutionReport(neverReceived(body) ? { ...body, execType: '8' } : body, 'entry', now);
    else if (body.msgType === '9') this.sink?.onCancelReject(body, now);
    else if (body.msgType === 'r') this.sink?.onMassCancelReport(body, this.sessionId, now);
    else if (body.msgType === 'j') this.sink?.onBusinessReject(body, this.sessionId, now);
  }

  onRejected(_rejection: GatewayRejection<AppBody>): void {
    this.refusals++;
  }

  onEvent(event: FailoverEvent): void {
    this.failoverEvents.push(event);
    const session = sessionEventOf(event);
    if (session === undefined) return;
    this.events.push({ sessionId: this.sessionId, atNs: event.atNs, event: session });
    if (session.type === 'disconnected') this.sink?.onSessionDown(this.sessionId);
  }

  private submit(body: AppBody): void {
    if (this.gateway.submit(body) !== undefined) this.refusals++;
  }

}

/** A status answer saying the venue holds no such order for the firm. */
function neverReceived(report: ExecutionReport): boolean {
  return report.execType === 'I' && report.orderId === 'NONE';
}

/** A pair event in the FIX session terms the runbook reads, or undefined when it has none. */
function sessionEventOf(event: FailoverEvent): SessionEvent | undefined {
  switch (event.type) {
    case 'session-down':
      return { type: 'disconnected', reason: event.reason };
    case 'session-up':
      return { type: 'logged-on' };
    case 'gap-detected':
      return { type: 'gap-detected', fromSeq: event.fromSeq, toSeq: event.toSeq };
    case 'resend-requested':
      return { type: 'resend-requested', beginSeqNo: event.beginSeqNo, endSeqNo: event.endSeqNo };
    case 'replay-cleared':
      // The pair does not publish its session's next expected sequence number, and nothing downstream reads it.
      return { type: 'gap-closed', nextTargetSeqNum: 0 };
    default:
      return undefined;
  }
}
