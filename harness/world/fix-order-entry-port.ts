/**
 * The router's end of one FIX order-entry session, as the router's `OrderEntryPort`: child orders go
 * out as NewOrderSingle / OrderCancelRequest / OrderCancelReplaceRequest / OrderStatusRequest, and what
 * comes back (execution reports, cancel rejects, session events) goes to the router's book and into
 * the session signals a policy observes. The signals are what the router's FIX engine knows: its own
 * session state, the gaps it detected and the resends it asked for, the PossDup messages it received.
 * GapFill coverage is read from the sending side's counters: the router sees each SequenceReset-GapFill
 * arrive, so the count is observable; only its arrival time is approximated (the sender's).
 */
import type { Kernel, Ns } from '../../sim/index.ts';
import type { SessionView, Side } from '../../policies/index.ts';
import { isMsgTypeDefinedIn, type AppBody, type BusinessMessageReject, type ExecutionReport, type FixMessage, type OrderCancelReject, type OrderMassCancelReport } from '../../venues/fix/codec/index.ts';
import type { FixSession, SessionEvent } from '../../venues/fix/session/index.ts';
import type { SimFixApplication, SimSessionEndpoint } from '../../venues/fix/sim/index.ts';
import type { MassCancelRequest, MassStatusRequest, NewChildOrder, OrderEntryPort } from '../router/ports.ts';
import { ChildOrderMessages } from './child-order-messages.ts';
import type { ReportChannel } from '../router/local-order-book.ts';

export interface RouterReportSink {
  onExecutionReport(report: ExecutionReport, channel: ReportChannel, receivedAtNs: Ns): unknown;
  onCancelReject(reject: OrderCancelReject, receivedAtNs: Ns): void;
  onMassCancelReport(report: OrderMassCancelReport, sessionId: string, receivedAtNs: Ns): void;
  onBusinessReject(reject: BusinessMessageReject, sessionId: string, receivedAtNs: Ns): void;
  onSessionDown(sessionId: string): void;
}

/** A session event as the router saw it, with its time: the raw material of the runbook timeline. */
export interface TimedSessionEvent {
  sessionId: string;
  atNs: Ns;
  event: SessionEvent;
}


export class FixOrderEntryPort implements OrderEntryPort, SimFixApplication {
  endpoint: SimSessionEndpoint | undefined;
  sink: RouterReportSink | undefined;
  readonly events: TimedSessionEvent[] = [];
  possDupCount = 0;
  /** Application messages received while a gap was open, and how many of them carried PossDupFlag=Y (PES). */
  appReceivedInRecovery = 0;
  possDupInRecovery = 0;
  /** Times PossDup messages arrived: the runbook's "replay started". */
  readonly possDupTimesNs: Ns[] = [];
  private disconnects = 0;
  private lastDisconnectAtNs: Ns | undefined;
  private lastLogonAtNs: Ns | undefined;
  private lastReceivedAtNs: Ns | undefined;
  private resendOutstanding = false;
  private highestSeenSeq = 0;

  private readonly messages: ChildOrderMessages;

  constructor(
    private readonly kernel: Kernel,
    readonly sessionId: string,
    readonly gatewayId: string,
    symbol: string,
    tickSize: number,
    epochUtcMs: number,
    /** The venue side's session, whose GapFill counter the router observes as GapFills arrive. */
    private readonly peerSession: () => FixSession,
  ){
    this.messages = new ChildOrderMessages(kernel, symbol, tickSize, epochUtcMs);
  }

  private get session(): FixSession {
    if (this.endpoint === undefined) throw new Error(`session ${this.sessionId} has no endpoint`);
    return this.endpoint.session;
  }

  view(): SessionView {
    const session = this.session;
    const gapOpen = session.inGapRecovery;
    return {
      sessionId: this.sessionId,
      gatewayId: this.gatewayId,
      state: session.isLoggedOn ? 'logged-on' : 'disconnected',
      gapOpen,
      resendInProgress: this.resendOutstanding,
      replayBacklogMsgs: gapOpen ? Math.max(0, this.highestSeenSeq - session.nextTargetSeqNum + 1) : 0,
      possDupCount: this.possDupCount,
      gapFillCount: this.peerSession().stats.seqsGapFilled,
      disconnectCount: this.disconnects,
      lastDisconnectAtNs: this.lastDisconnectAtNs,
      lastLogonAtNs: this.lastLogonAtNs,
      lastReceivedAtNs: this.lastReceivedAtNs,
    };
  }

  canSend(): boolean {
    return this.endpoint !== undefined && this.session.isLoggedOn;
  }

  sendNewOrder(order: NewChildOrder): void {
    this.send(this.messages.newOrder(order));
  }

  sendCancel(request: { clOrdId: string; origClOrdId: string; side: Side; qtyShares: number }): void {
    this.send(this.messages.cancel(request));
  }

  sendReplace(request: { clOrdId: string; origClOrdId: string; side: Side; priceTicks: number; qtyShares: number }): void {
    this.send(this.messages.replace(request));
  }

  sendStatusRequest(request: { clOrdId: string; side: Side }): void {
    this.send(this.messages.statusRequest(request));
  }

  /** FIX 4.3 brought q, r and AF: a FIX 4.2 session cannot carry them. */
  get speaksMassRequests(): boolean {
    return isMsgTypeDefinedIn('q', this.session.config.beginString);
  }

  sendMassCancel(request: MassCancelRequest): boolean {
    if (!this.speaksMassRequests) return false;
    this.send(this.messages.massCancel(request));
    return true;
  }

  sendMassStatus(request: MassStatusRequest): boolean {
    if (!this.speaksMassRequests) return false;
    this.send(this.messages.massStatus(request));
    return true;
  }


  onMessage(message: FixMessage<AppBody>): void {
    const now = this.kernel.now;
    this.lastReceivedAtNs = now;
    this.highestSeenSeq = Math.max(this.highestSeenSeq, message.header.msgSeqNum);
    const inRecovery = this.session.inGapRecovery || this.resendOutstanding || message.header.possDupFlag;
    if (inRecovery) this.appReceivedInRecovery++;
    if (message.header.possDupFlag) {
      this.possDupCount++;
      this.possDupTimesNs.push(now);
      if (inRecovery) this.possDupInRecovery++;
    }
    const body = message.body;
    if (body.msgType === '8') this.sink?.onExecutionReport(body, 'entry', now);
    else if (body.msgType === '9') this.sink?.onCancelReject(body, now);
    else if (body.msgType === 'r') this.sink?.onMassCancelReport(body, this.sessionId, now);
    else if (body.msgType === 'j') this.sink?.onBusinessReject(body, this.sessionId, now);
  }

  onEvent(event: SessionEvent): void {
    const now = this.kernel.now;
    this.events.push({ sessionId: this.sessionId, atNs: now, event });
    switch (event.type) {
      case 'logged-on':
        this.lastLogonAtNs = now;
        break;
      case 'disconnected':
        this.disconnects++;
        this.lastDisconnectAtNs = now;
        this.resendOutstanding = false;
        this.sink?.onSessionDown(this.sessionId);
        break;
      case 'gap-detected':
        this.highestSeenSeq = Math.max(this.highestSeenSeq, event.toSeq);
        break;
      case 'resend-requested':
        this.resendOutstanding = true;
        this.highestSeenSeq = Math.max(this.highestSeenSeq, event.endSeqNo);
        break;
      case 'gap-closed':
        this.resendOutstanding = false;
        break;
      default:
        break;
    }
  }

  private send(body: AppBody): void {
    (this.endpoint as SimSessionEndpoint).send(body);
  }

}
