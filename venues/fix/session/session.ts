/**
 * The FIX session engine: one synchronous state machine for both roles, following "Session-level test cases
 * and expected behaviors" of FIX 4.4 Vol. 2 (test numbers in comments). Time is an input (ns on the session's
 * clock); everything the engine wants done comes back as a list of outputs (outputs.ts): messages to send,
 * application messages to deliver, connect/disconnect, the timer to arm. It holds no socket and no timer, so
 * the simulator and the TCP adapter drive the same code.
 *
 * Sequencing: a message above the expected MsgSeqNum is held and the gap asked for (2b); below it, without
 * PossDupFlag, ends the session (2c), with it is checked (OrigSendingTime present and not after SendingTime,
 * 2f/2g) and ignored; every message type is checked, Logout and ResendRequest included (the spec's rule;
 * QuickFIX exempts them, see the acceptance README). A ResendRequest above the expected number is answered
 * at once and then sequenced; a Logout above it has the gap asked for and is then confirmed, since the peer
 * is leaving. SequenceReset-Reset (11) and Logon with ResetSeqNumFlag are taken at any MsgSeqNum.
 * Faults of seed 002 live here as session behaviour: a slow replay paces the answer to a ResendRequest
 * through the outbound queue (outbound-queue.ts), live messages waiting behind it; a resend storm re-asks
 * for an open gap on an interval (inbound-gap.ts). Both are off unless switched on.
 * Left out: encryption, session schedules, NextExpectedMsgSeqNum (789), Logon authentication.
 * This file is over 400 lines because the state machine reads best whole: every transition of the
 * inbound path (logon, sequencing, PossDup checks, resend service, timers) refers to the same state.
 */
import { invariant } from '../../../sim/invariant.ts';
import type { Ns } from '../../../sim/time.ts';
import { NS_PER_MS, NS_PER_S } from '../../../sim/time.ts';
import type { InboundFacts } from '../codec/decode.ts';
import { isMsgTypeDefinedIn } from '../codec/schema.ts';
import { isAppBody, type AdminBody, type AppBody, type FixHeader, type FixMessage, type Logon, type ResendRequest } from '../codec/messages.ts';
import { rejectReasonText, SessionRejectReason, versionDefinesReason, type SessionProblem, type SessionRejectReasonCode } from '../codec/reject-reasons.ts';
import { Tag } from '../codec/tags.ts';
import type { SessionConfig } from './config.ts';
import { InboundGap, type ResendAsk } from './inbound-gap.ts';
import { OutboundQueue } from './outbound-queue.ts';
import { emptyStats, type SessionEvent, type SessionOutput, type SessionStats } from './outputs.ts';
import { planResend } from './resend.ts';
import type { MessageStore } from './store.ts';

export type SessionStatus = 'disconnected' | 'connecting' | 'awaiting-logon' | 'logon-sent' | 'logged-on' | 'logout-sent';

type Inbound = { kind: 'valid'; message: FixMessage } | { kind: 'invalid'; facts: InboundFacts; problem: SessionProblem };
/** Held in place of a message already acted on when it arrived (a too-high Logon or ResendRequest). */
const CONSUMED = 0;
type Held = Inbound | typeof CONSUMED;

const seqOf = (i: Inbound) => (i.kind === 'valid' ? i.message.header.msgSeqNum : i.facts.msgSeqNum);
const typeOf = (i: Inbound) => (i.kind === 'valid' ? i.message.body.msgType : i.facts.msgType);
const possDupOf = (i: Inbound) => (i.kind === 'valid' ? i.message.header.possDupFlag : i.facts.possDupFlag);
const sendingTimeOf = (i: Inbound) => (i.kind === 'valid' ? i.message.header.sendingTimeMs : i.facts.sendingTimeMs);
const origSendingTimeOf = (i: Inbound) => (i.kind === 'valid' ? i.message.header.origSendingTimeMs : i.facts.origSendingTimeMs);

export class FixSession {
  readonly stats: SessionStats = emptyStats();
  private state: SessionStatus = 'disconnected';
  private nextSender = 1;
  private nextTarget = 1;
  private heartBtIntNs: Ns;
  private lastSentNs: Ns = 0;
  private lastReceivedNs: Ns = 0;
  private testRequestSent = false;
  private logonDeadlineNs: Ns | undefined;
  private logoutDeadlineNs: Ns | undefined;
  private reconnectAtNs: Ns | undefined;
  private reconnectAttempt = 0;
  private wantConnected = true;
  private armedAtNs: Ns | undefined;
  private readonly gap: InboundGap<Held>;
  private readonly outbound = new OutboundQueue();
  /** Sequence numbers already reported lost: a storm asks for the same range again and again. */
  private readonly reportedLost = new Set<number>();
  private gapFillsBusiness = false;
  private out: SessionOutput[] = [];

  constructor(
    readonly config: SessionConfig,
    private readonly store: MessageStore,
  ) {
    this.heartBtIntNs = config.role === 'initiator' ? config.heartBtIntSec * NS_PER_S : 0;
    this.gap = new InboundGap(config.resendChunkSize, config.resendRetryNs);
  }

  get status(): SessionStatus {
    return this.state;
  }
  get isLoggedOn(): boolean {
    return this.state === 'logged-on';
  }
  get nextSenderSeqNum(): number {
    return this.nextSender;
  }
  get nextTargetSeqNum(): number {
    return this.nextTarget;
  }
  /** A ResendRequest of ours is outstanding (seed 002's GAP_OPEN / REPLAY_DRAIN). */
  get inGapRecovery(): boolean {
    return this.gap.isOpen;
  }
  /** Messages this side has sent but not yet put on the wire: a paced replay and what waits behind it. */
  get outboundBacklog(): number {
    return this.outbound.backlog;
  }

  // ---- faults (seed 002) -----------------------------------------------------------------------------

  /**
   * Slow replay: from now on the answers to ResendRequests leave at `rateMsgsPerSec`, and what is sent after
   * them waits behind; undefined ends the slowness and lets the backlog go at once.
   */
  paceReplays(nowNs: Ns, rateMsgsPerSec: number | undefined): SessionOutput[] {
    this.begin();
    this.outbound.setRate(rateMsgsPerSec);
    return this.finish(nowNs);
  }

  /** Resend storm: while a gap is open, ask for it again every `intervalNs`; undefined stops. */
  repeatResendRequests(nowNs: Ns, intervalNs: Ns | undefined): SessionOutput[] {
    this.begin();
    invariant(intervalNs === undefined || intervalNs > 0, () => `resend storm interval must be positive, got ${intervalNs}`);
    this.gap.repeatEvery(intervalNs);
    return this.finish(nowNs);
  }

  /**
   * A peer that gap-fills business messages (issue 18): while on, ResendRequests are answered with
   * SequenceReset-GapFill over stored business messages too, which are then reported lost.
   */
  gapFillBusiness(nowNs: Ns, on: boolean): SessionOutput[] {
    this.begin();
    this.gapFillsBusiness = on;
    return this.finish(nowNs);
  }

  /**
   * A sequence reset (issue 18): this side's outgoing numbers jump ahead by `jump`, announced with a
   * SequenceReset-Reset whose NewSeqNo is the new next number (Vol. 2 test 11a on the receiving side).
   */
  jumpSequence(nowNs: Ns, jump: number): SessionOutput[] {
    this.begin();
    invariant(Number.isInteger(jump) && jump > 0, () => `a sequence jump must be a positive integer, got ${jump}`);
    if (this.state === 'logged-on') {
      const seq = this.nextSender;
      this.nextSender += jump;
      this.emitSend(nowNs, { header: this.header(seq, this.utcMs(nowNs), false, false, undefined), body: { msgType: '4', gapFillFlag: false, newSeqNo: this.nextSender } });
      this.event({ type: 'sequence-reset-sent', newSeqNo: this.nextSender });
    }
    return this.finish(nowNs);
  }

  // ---- transport -------------------------------------------------------------------------------------

  /** Initiator: ask for a connection now. Acceptor: nothing (it waits for one). */
  start(nowNs: Ns): SessionOutput[] {
    this.begin();
    this.wantConnected = true;
    if (this.config.role === 'initiator' && this.state === 'disconnected') this.connect();
    return this.finish(nowNs);
  }

  onConnected(nowNs: Ns): SessionOutput[] {
    this.begin();
    invariant(this.state === (this.config.role === 'initiator' ? 'connecting' : 'disconnected'), () => `connected while ${this.state}`);
    this.lastReceivedNs = nowNs;
    this.logonDeadlineNs = nowNs + this.config.logonTimeoutNs;
    if (this.config.role === 'acceptor') {
      this.state = 'awaiting-logon';
    } else {
      if (this.config.resetOnLogon) this.resetSequences();
      this.sendAdmin(nowNs, { msgType: 'A', encryptMethod: 0, heartBtIntSec: this.config.heartBtIntSec, resetSeqNumFlag: this.config.resetOnLogon });
      this.state = 'logon-sent';
    }
    return this.finish(nowNs);
  }

  onConnectFailed(nowNs: Ns): SessionOutput[] {
    this.begin();
    if (this.state === 'connecting') {
      this.state = 'disconnected';
      this.scheduleReconnect(nowNs);
    }
    return this.finish(nowNs);
  }

  /** The transport closed under the session (peer, network, or fault injection). */
  onDisconnected(nowNs: Ns): SessionOutput[] {
    this.begin();
    if (this.state !== 'disconnected' && this.state !== 'connecting') this.enterDisconnected(nowNs, 'transport closed');
    return this.finish(nowNs);
  }

  onMessage(nowNs: Ns, message: FixMessage): SessionOutput[] {
    this.begin();
    this.receive(nowNs, { kind: 'valid', message });
    return this.finish(nowNs);
  }

  /** A framed message that failed validation (decode.ts): sequenced, then answered with a Reject. */
  onInvalid(nowNs: Ns, facts: InboundFacts, problem: SessionProblem): SessionOutput[] {
    this.begin();
    this.receive(nowNs, { kind: 'invalid', facts, problem });
    return this.finish(nowNs);
  }

  /** A garbled frame (2d, 3b): ignored, no sequence number consumed. */
  onGarbled(nowNs: Ns): SessionOutput[] {
    this.begin();
    this.stats.garbledFrames++;
    return this.finish(nowNs);
  }

  onTimer(nowNs: Ns): SessionOutput[] {
    this.begin();
    this.armedAtNs = undefined; // the driver's timer has fired
    if (this.state === 'logged-on') {
      const again = this.gap.stormAsk(this.nextTarget, nowNs);
      if (again !== undefined) this.sendResendRequest(nowNs, again);
    }
    if (this.reconnectAtNs !== undefined && nowNs >= this.reconnectAtNs && this.state === 'disconnected') {
      this.reconnectAtNs = undefined;
      this.connect();
    } else if (this.logonDeadlineNs !== undefined && nowNs >= this.logonDeadlineNs) {
      this.disconnect(nowNs, 'no Logon within the logon timeout');
    } else if (this.logoutDeadlineNs !== undefined && nowNs >= this.logoutDeadlineNs) {
      this.disconnect(nowNs, 'Logout not confirmed within the logout timeout');
    } else if (this.state === 'logged-on' && this.heartBtIntNs > 0) {
      // Vol. 2 tests 4a (heartbeat on idle), 6 (TestRequest on silence, then disconnect).
      const silenceNs = nowNs - this.lastReceivedNs;
      if (this.testRequestSent) {
        if (silenceNs >= 2 * this.testRequestAfterNs()) this.disconnect(nowNs, 'no answer to TestRequest');
      } else if (silenceNs >= this.testRequestAfterNs()) {
        this.sendAdmin(nowNs, { msgType: '1', testReqId: 'TEST' });
        this.testRequestSent = true;
      } else if (nowNs - this.lastSentNs >= this.heartBtIntNs) {
        this.sendAdmin(nowNs, { msgType: '0' });
      }
    }
    return this.finish(nowNs);
  }

  // ---- application -----------------------------------------------------------------------------------

  /**
   * Sends an application message. It takes the next MsgSeqNum and goes to the store at once; while not
   * logged on it is not transmitted, and reaches the peer through its ResendRequest after the next Logon.
   */
  send(nowNs: Ns, body: AppBody, possResend = false): SessionOutput[] {
    this.begin();
    invariant(isAppBody(body), () => `send() is for application messages, not ${body.msgType}`);
    invariant(isMsgTypeDefinedIn(body.msgType, this.config.beginString), () => `${this.config.beginString} defines no MsgType ${body.msgType}`);
    const seq = this.nextSender++;
    const sendingTimeMs = this.utcMs(nowNs);
    this.store.put(seq, { body, sendingTimeMs, possResend });
    if (this.state === 'logged-on') this.emitSend(nowNs, { header: this.header(seq, sendingTimeMs, false, possResend, undefined), body });
    return this.finish(nowNs);
  }

  /** Ends the session: Logout and wait for its confirmation (13a); an initiator stops reconnecting. */
  logout(nowNs: Ns, text?: string): SessionOutput[] {
    this.begin();
    this.wantConnected = false;
    this.reconnectAtNs = undefined;
    if (this.state === 'logged-on') this.beginLogout(nowNs, text);
    else if (this.state !== 'disconnected' && this.state !== 'logout-sent') this.disconnect(nowNs, 'logout before logon');
    return this.finish(nowNs);
  }

  // ---- inbound ---------------------------------------------------------------------------------------

  private receive(nowNs: Ns, inbound: Inbound): void {
    if (this.state === 'disconnected' || this.state === 'connecting') return;
    this.lastReceivedNs = nowNs;
    this.testRequestSent = false;
    if (this.state === 'awaiting-logon' || this.state === 'logon-sent') {
      this.receiveLogon(nowNs, inbound);
      return;
    }
    const facts = inbound.kind === 'valid' ? inbound.message.header : inbound.facts;
    if (facts.beginString !== this.config.beginString) {
      this.logoutAndDisconnect(nowNs, 'Incorrect BeginString');
      return;
    }
    const seq = seqOf(inbound);
    if (seq === undefined) {
      this.logoutAndDisconnect(nowNs, 'MsgSeqNum(34) missing');
      return;
    }
    if ((facts.senderCompId !== undefined && facts.senderCompId !== this.config.targetCompId) || (facts.targetCompId !== undefined && facts.targetCompId !== this.config.senderCompId)) {
      this.reject(nowNs, inbound, SessionRejectReason.CompIdProblem, undefined); // 2i
      this.beginLogout(nowNs, 'CompID problem');
      return;
    }
    if (!this.sendingTimeAccurate(nowNs, sendingTimeOf(inbound))) {
      this.reject(nowNs, inbound, SessionRejectReason.SendingTimeAccuracyProblem, undefined); // 2o
      this.beginLogout(nowNs);
      return;
    }
    if (inbound.kind === 'valid') {
      const body = inbound.message.body;
      if (body.msgType === '4' && !body.gapFillFlag) {
        this.moveTarget(nowNs, inbound, body.newSeqNo); // 11a-c: taken at any MsgSeqNum
        this.drain(nowNs);
        return;
      }
      if (body.msgType === 'A' && body.resetSeqNumFlag) {
        this.resetInSession(nowNs, inbound.message as FixMessage<Logon>);
        return;
      }
    }
    if (seq > this.nextTarget) this.tooHigh(nowNs, inbound, seq);
    else if (seq < this.nextTarget) this.tooLow(nowNs, inbound, seq);
    else {
      this.inOrder(nowNs, inbound);
      this.drain(nowNs);
    }
  }

  /**
   * 1a-1e: the first message must be a Logon for this session. Anything else, or a Logon for another session,
   * is dropped with the connection and no reply (1b, 1e). A Logon for this session that is invalid (a field
   * error, SendingTime out of tolerance, a negative HeartBtInt) is answered with a Logout saying why, then
   * the connection is closed (Vol. 2 1B d; the text is QuickFIX/J's, "Invalid Logon message: ...").
   */
  private receiveLogon(nowNs: Ns, inbound: Inbound): void {
    const acceptor = this.config.role === 'acceptor';
    if (inbound.kind === 'invalid' && inbound.facts.msgType === 'A' && this.isForThisSession(inbound.facts)) {
      if (acceptor && this.config.resetOnLogon) this.resetSequences();
      this.refuseLogon(nowNs, fieldProblemText(inbound.problem.reason, inbound.problem.refTagId));
      return;
    }
    if (inbound.kind !== 'valid' || inbound.message.body.msgType !== 'A') {
      const refused = inbound.kind === 'valid' && inbound.message.body.msgType === '5';
      this.disconnect(nowNs, refused ? 'Logon refused by peer' : 'first message is not a valid Logon');
      return;
    }
    const { header } = inbound.message;
    const logon = inbound.message.body as Logon;
    if (!this.isForThisSession(header)) {
      this.disconnect(nowNs, 'Logon for another session');
      return;
    }
    // Reset first, as QuickFIX/J does: a Logout refusing the Logon is then numbered 1 like the Logon reply.
    if (acceptor && (this.config.resetOnLogon || logon.resetSeqNumFlag)) this.resetSequences();
    if (!this.sendingTimeAccurate(nowNs, header.sendingTimeMs)) {
      this.refuseLogon(nowNs, fieldProblemText(SessionRejectReason.SendingTimeAccuracyProblem, Tag.SendingTime)); // 1d
      return;
    }
    if (logon.heartBtIntSec < 0) {
      this.refuseLogon(nowNs, fieldProblemText(SessionRejectReason.ValueIsIncorrect, Tag.HeartBtInt));
      return;
    }
    if (header.msgSeqNum < this.nextTarget) {
      this.logoutAndDisconnect(nowNs, this.tooLowText(header.msgSeqNum));
      return;
    }
    if (acceptor) {
      this.heartBtIntNs = logon.heartBtIntSec * NS_PER_S;
      this.sendAdmin(nowNs, { msgType: 'A', encryptMethod: 0, heartBtIntSec: logon.heartBtIntSec, resetSeqNumFlag: logon.resetSeqNumFlag });
    }
    this.state = 'logged-on';
    this.logonDeadlineNs = undefined;
    this.reconnectAttempt = 0;
    this.stats.logons++;
    this.event({ type: 'logged-on' });
    if (header.msgSeqNum > this.nextTarget) {
      this.gap.hold(header.msgSeqNum, CONSUMED);
      this.askForGap(nowNs, header.msgSeqNum);
    } else {
      this.nextTarget++;
      this.drain(nowNs);
    }
  }

  private tooHigh(nowNs: Ns, inbound: Inbound, seq: number): void {
    const type = typeOf(inbound);
    if (inbound.kind === 'valid' && type === '2') {
      this.serveResend(nowNs, inbound.message.body as ResendRequest); // 20: answer first, then recover
      this.gap.hold(seq, CONSUMED);
    } else if (inbound.kind === 'valid' && type === '5') {
      this.askForGap(nowNs, seq);
      this.receiveLogout(nowNs);
      return;
    } else {
      this.gap.hold(seq, inbound);
    }
    this.askForGap(nowNs, seq);
  }

  private tooLow(nowNs: Ns, inbound: Inbound, seq: number): void {
    if (!possDupOf(inbound)) {
      this.logoutAndDisconnect(nowNs, this.tooLowText(seq)); // 2c, 10 (GapFill without PossDup)
      return;
    }
    if (!this.possDupAcceptable(nowNs, inbound)) return; // 2f, 2g
    if (this.config.brokenForTests?.applyPossDupDuplicates && inbound.kind === 'valid' && isAppBody(inbound.message.body)) {
      this.out.push({ kind: 'deliver', message: inbound.message as FixMessage<AppBody> });
      return;
    }
    this.stats.possDupIgnored++; // 2e
    this.event({ type: 'possdup-ignored', seq });
    // QuickFIX C++ closes its answer to a range whose tail it never stored with a GapFill numbered at the
    // range's BeginSeqNo (Session::nextResendRequest): too low once the start of the range is in, so ignored
    // (test 10), yet it says the rest will not come as resends. Waiting would stall inside the chunk: ask again.
    const body = inbound.kind === 'valid' ? inbound.message.body : undefined;
    if (body?.msgType === '4' && body.gapFillFlag && body.newSeqNo > this.nextTarget) {
      const again = this.gap.askAgain(this.nextTarget, nowNs);
      if (again !== undefined) this.sendResendRequest(nowNs, again);
    }
  }

  /** A message at exactly the expected MsgSeqNum. */
  private inOrder(nowNs: Ns, inbound: Inbound): void {
    if (possDupOf(inbound) && !this.possDupAcceptable(nowNs, inbound)) return;
    if (inbound.kind === 'invalid') {
      this.reject(nowNs, inbound, inbound.problem.reason, inbound.problem.refTagId); // 14 (field errors)
      return;
    }
    const message = inbound.message;
    const body = message.body;
    switch (body.msgType) {
      case 'A':
        this.nextTarget++;
        this.logoutAndDisconnect(nowNs, 'Logon received while logged on');
        return;
      case '0':
        this.nextTarget++;
        return;
      case '1':
        this.nextTarget++;
        this.sendAdmin(nowNs, { msgType: '0', testReqId: body.testReqId }); // 4b
        return;
      case '2':
        this.serveResend(nowNs, body); // 8
        this.nextTarget++;
        return;
      case '3':
        this.nextTarget++; // 7
        this.stats.rejectsReceived++;
        this.event({ type: 'reject-received', refSeqNum: body.refSeqNum });
        return;
      case '4':
        this.moveTarget(nowNs, inbound, body.newSeqNo); // 10: GapFill
        return;
      case '5':
        this.nextTarget++;
        this.receiveLogout(nowNs, body.text); // 13
        return;
      default:
        this.nextTarget++;
        this.out.push({ kind: 'deliver', message: message as FixMessage<AppBody> });
    }
  }

  /** Processes held messages that are now in sequence, then moves gap recovery on. */
  private drain(nowNs: Ns): void {
    while (this.state === 'logged-on' || this.state === 'logout-sent') {
      const held = this.gap.take(this.nextTarget);
      if (held === undefined) break;
      if (held === CONSUMED) this.nextTarget++;
      else this.inOrder(nowNs, held);
    }
    if (this.state !== 'logged-on' && this.state !== 'logout-sent') return;
    const next = this.gap.onProgress(this.nextTarget, nowNs);
    if (next === 'closed') this.event({ type: 'gap-closed', nextTargetSeqNum: this.nextTarget });
    else if (next !== undefined) this.sendResendRequest(nowNs, next);
  }

  /** SequenceReset (either mode): NewSeqNo may raise the expected number, never lower it (11c: Reject). */
  private moveTarget(nowNs: Ns, inbound: Inbound, newSeqNo: number): void {
    if (newSeqNo > this.nextTarget) this.nextTarget = newSeqNo;
    else if (newSeqNo < this.nextTarget) this.reject(nowNs, inbound, SessionRejectReason.ValueIsIncorrect, undefined);
  }

  /** Logon with ResetSeqNumFlag=Y in session (FIX 4.4 SessionReset): both sides restart at 1. */
  private resetInSession(nowNs: Ns, logon: FixMessage<Logon>): void {
    this.resetSequences();
    this.nextTarget = logon.header.msgSeqNum + 1;
    this.heartBtIntNs = logon.body.heartBtIntSec * NS_PER_S;
    this.sendAdmin(nowNs, { msgType: 'A', encryptMethod: 0, heartBtIntSec: logon.body.heartBtIntSec, resetSeqNumFlag: true });
  }

  private receiveLogout(nowNs: Ns, text?: string): void {
    this.event({ type: 'logged-out', text });
    if (this.state === 'logout-sent') {
      this.disconnect(nowNs, 'Logout confirmed'); // 13a
      return;
    }
    this.wantConnected = false;
    this.logoutAndDisconnect(nowNs, undefined); // 13b
  }

  /** PossDupFlag=Y needs OrigSendingTime (2g) no later than SendingTime (2f); SequenceReset is exempt. */
  private possDupAcceptable(nowNs: Ns, inbound: Inbound): boolean {
    if (typeOf(inbound) === '4') return true;
    const orig = origSendingTimeOf(inbound);
    if (orig === undefined) {
      this.reject(nowNs, inbound, SessionRejectReason.RequiredTagMissing, Tag.OrigSendingTime);
      return false;
    }
    const sending = sendingTimeOf(inbound);
    if (sending !== undefined && orig > sending) {
      this.reject(nowNs, inbound, SessionRejectReason.SendingTimeAccuracyProblem, undefined);
      this.beginLogout(nowNs);
      return false;
    }
    return true;
  }

  private sendingTimeAccurate(nowNs: Ns, sendingTimeMs: number | undefined): boolean {
    const tolerance = this.config.sendingTimeToleranceMs;
    return tolerance <= 0 || sendingTimeMs === undefined || Math.abs(sendingTimeMs - this.utcMs(nowNs)) <= tolerance;
  }

  // ---- outbound --------------------------------------------------------------------------------------

  private askForGap(nowNs: Ns, seq: number): void {
    const wasOpen = this.gap.isOpen;
    const ask = this.gap.onTooHigh(seq, this.nextTarget, nowNs);
    if (ask === undefined) return;
    if (!wasOpen) {
      this.stats.gapsDetected++;
      this.event({ type: 'gap-detected', fromSeq: this.nextTarget, toSeq: seq - 1 });
    }
    this.sendResendRequest(nowNs, ask);
  }

  private sendResendRequest(nowNs: Ns, ask: ResendAsk): void {
    this.stats.resendRequestsSent++;
    this.sendAdmin(nowNs, { msgType: '2', beginSeqNo: ask.beginSeqNo, endSeqNo: ask.endSeqNo });
    this.event({ type: 'resend-requested', beginSeqNo: ask.beginSeqNo, endSeqNo: ask.endSeqNo });
  }

  private serveResend(nowNs: Ns, request: ResendRequest): void {
    if (this.config.brokenForTests?.ignoreResendRequests) return;
    const plan = planResend(this.store, request.beginSeqNo, request.endSeqNo, this.nextSender, this.gapFillsBusiness);
    if (plan === undefined) return;
    const nowMs = this.utcMs(nowNs);
    let resent = 0;
    let gapFilled = 0;
    for (const step of plan.steps) {
      if (step.kind === 'resend') {
        const { body, sendingTimeMs, possResend } = step.message;
        this.emitSend(nowNs, { header: this.header(step.seq, nowMs, true, possResend, sendingTimeMs), body }, true);
        resent++;
      } else {
        this.emitSend(nowNs, { header: this.header(step.seq, nowMs, true, false, nowMs), body: { msgType: '4', gapFillFlag: true, newSeqNo: step.newSeqNo } }, true);
        gapFilled += step.newSeqNo - step.seq;
      }
    }
    this.stats.resendRequestsServed++;
    this.stats.messagesResent += resent;
    this.stats.seqsGapFilled += gapFilled;
    this.event({ type: 'resend-served', beginSeqNo: plan.beginSeqNo, endSeqNo: plan.endSeqNo, resent, gapFilled });
    const newlyLost = plan.lostSeqs.filter((seq) => !this.reportedLost.has(seq));
    if (newlyLost.length > 0) {
      for (const seq of newlyLost) this.reportedLost.add(seq);
      this.stats.applicationMessagesLost += newlyLost.length;
      this.event({ type: 'messages-lost', seqs: newlyLost });
    }
  }

  private reject(nowNs: Ns, inbound: Inbound, reason: SessionRejectReasonCode, refTagId: number | undefined): void {
    const seq = seqOf(inbound) ?? 0;
    const refMsgType = typeOf(inbound);
    if (refMsgType !== 'A' && refMsgType !== '4' && seq === this.nextTarget) this.nextTarget++;
    this.stats.rejectsSent++;
    this.sendAdmin(nowNs, {
      msgType: '3',
      refSeqNum: seq,
      text: rejectReasonText(reason),
      refTagId,
      refMsgType,
      sessionRejectReason: versionDefinesReason(this.config.beginString, reason) ? reason : undefined,
    });
    this.event({ type: 'reject-sent', refSeqNum: seq, reason });
  }

  private beginLogout(nowNs: Ns, text?: string): void {
    if (this.state !== 'logged-on') return;
    this.sendAdmin(nowNs, { msgType: '5', text });
    this.state = 'logout-sent';
    this.logoutDeadlineNs = nowNs + this.config.logoutTimeoutNs;
  }

  private isForThisSession(facts: { beginString: string; senderCompId: string | undefined; targetCompId: string | undefined }): boolean {
    return facts.beginString === this.config.beginString && facts.senderCompId === this.config.targetCompId && facts.targetCompId === this.config.senderCompId;
  }

  private refuseLogon(nowNs: Ns, problem: string): void {
    this.stats.logonsRefused++;
    this.logoutAndDisconnect(nowNs, `Invalid Logon message: ${problem}`);
  }

  private logoutAndDisconnect(nowNs: Ns, text: string | undefined): void {
    this.sendAdmin(nowNs, { msgType: '5', text });
    this.disconnect(nowNs, text ?? 'Logout');
  }

  private sendAdmin(nowNs: Ns, body: AdminBody): void {
    this.emitSend(nowNs, { header: this.header(this.nextSender++, this.utcMs(nowNs), false, false, undefined), body });
  }

  /**
   * Puts a message on the wire, or behind the outbound backlog. `lastSentNs` counts a queued message as
   * sent: the engine has written it to its queue, so the heartbeat timer does not queue one per instant.
   */
  private emitSend(nowNs: Ns, message: FixMessage, paced = false): void {
    this.lastSentNs = nowNs;
    if (this.outbound.offer(message, paced, nowNs)) this.out.push({ kind: 'send', message });
    else if (this.outbound.backlog > this.stats.outboundBacklogMax) this.stats.outboundBacklogMax = this.outbound.backlog;
  }

  /** Sends what the outbound queue has due; SendingTime is stamped when a message actually leaves. */
  private releaseOutbound(nowNs: Ns): void {
    if (this.outbound.backlog === 0 || (this.state !== 'logged-on' && this.state !== 'logout-sent')) return;
    const sendingTimeMs = this.utcMs(nowNs);
    for (let message = this.outbound.take(nowNs); message !== undefined; message = this.outbound.take(nowNs)) {
      const header = message.header.sendingTimeMs === sendingTimeMs ? message.header : { ...message.header, sendingTimeMs };
      this.out.push({ kind: 'send', message: { header, body: message.body } });
    }
  }

  private header(msgSeqNum: number, sendingTimeMs: number, possDupFlag: boolean, possResend: boolean, origSendingTimeMs: number | undefined): FixHeader {
    const { beginString, senderCompId, targetCompId } = this.config;
    return { beginString, msgSeqNum, senderCompId, targetCompId, sendingTimeMs, possDupFlag, possResend, origSendingTimeMs };
  }

  // ---- state -----------------------------------------------------------------------------------------

  private connect(): void {
    // A connection attempt supersedes any pending reconnect; left set, it would read as "due now"
    // for ever once logged on and re-arm the timer at the same instant without end.
    this.reconnectAtNs = undefined;
    this.state = 'connecting';
    this.out.push({ kind: 'connect' });
  }

  private disconnect(nowNs: Ns, reason: string): void {
    this.out.push({ kind: 'disconnect', reason });
    this.enterDisconnected(nowNs, reason);
  }

  private enterDisconnected(nowNs: Ns, reason: string): void {
    this.state = 'disconnected';
    this.gap.reset();
    this.outbound.clear();
    this.testRequestSent = false;
    this.logonDeadlineNs = undefined;
    this.logoutDeadlineNs = undefined;
    this.stats.disconnects++;
    this.event({ type: 'disconnected', reason });
    this.scheduleReconnect(nowNs);
  }

  private scheduleReconnect(nowNs: Ns): void {
    const backoff = this.config.reconnect;
    if (this.config.role !== 'initiator' || !this.wantConnected || backoff === undefined) return;
    this.reconnectAtNs = nowNs + backoff.delayNs(this.reconnectAttempt++);
  }

  private resetSequences(): void {
    this.nextSender = 1;
    this.nextTarget = 1;
    this.store.reset();
    this.reportedLost.clear();
    this.gap.reset();
    this.outbound.clear();
  }

  private tooLowText(seq: number): string {
    return `MsgSeqNum too low, expecting ${this.nextTarget} but received ${seq}`;
  }

  private testRequestAfterNs(): Ns {
    return Math.round(this.heartBtIntNs * (1 + this.config.testRequestGrace));
  }

  private utcMs(nowNs: Ns): number {
    return this.config.epochUtcMs + Math.floor(nowNs / NS_PER_MS);
  }

  private event(event: SessionEvent): void {
    this.out.push({ kind: 'event', event });
  }

  private begin(): void {
    this.out = [];
  }

  /** Appends a timer output when the next deadline moved, and hands the outputs over. */
  private finish(nowNs: Ns): SessionOutput[] {
    this.releaseOutbound(nowNs);
    const deadline = this.nextDeadline(nowNs);
    if (deadline !== this.armedAtNs) {
      this.armedAtNs = deadline;
      this.out.push({ kind: 'timer', atNs: deadline });
    }
    return this.out;
  }

  private nextDeadline(nowNs: Ns): Ns | undefined {
    let at = earliest(earliest(this.reconnectAtNs, this.logonDeadlineNs), this.logoutDeadlineNs);
    if (this.state === 'logged-on' && this.heartBtIntNs > 0) {
      const testAfter = this.testRequestAfterNs();
      if (this.testRequestSent) at = earliest(at, this.lastReceivedNs + 2 * testAfter);
      else at = earliest(earliest(at, this.lastReceivedNs + testAfter), this.lastSentNs + this.heartBtIntNs);
    }
    if (this.state === 'logged-on') at = earliest(at, this.gap.stormDueNs());
    if (this.state === 'logged-on' || this.state === 'logout-sent') at = earliest(at, this.outbound.nextDueNs());
    return at === undefined ? undefined : Math.max(at, nowNs);
  }
}

/** A field problem as QuickFIX/J words it (FieldException): the reason, then the tag. */
function fieldProblemText(reason: SessionRejectReasonCode, refTagId: number | undefined): string {
  return refTagId === undefined ? rejectReasonText(reason) : `${rejectReasonText(reason)}, field=${refTagId}`;
}

function earliest(a: Ns | undefined, b: Ns | undefined): Ns | undefined {
  if (a === undefined) return b;
  return b === undefined || a <= b ? a : b;
}
