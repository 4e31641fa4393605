/**
 * The verdict on the engine under test, from what the proxy saw (session-observer.ts) and what a
 * spec-following receiver would have seen (reference-receiver.ts), rule by rule (FIX Vol. 2):
 * - detects each gap towards it and asks for the right range (2b: a ResendRequest from the first number
 *   missing), within the detection SLA;
 * - recovers each gap within the recovery SLA (every missing number resent or gap-filled);
 * - applies GapFills and SequenceReset-Resets (10, 11a: never asks again for numbers they covered);
 * - drops PossDup duplicates (2e: never acts on one twice; visible when it acknowledges orders) and ends the
 *   session on an unmarked duplicate (2c: Logout "MsgSeqNum too low", or a disconnect);
 * - answers the peer's ResendRequests within the answer SLA (8: every number in range resent or gap-filled);
 * - keeps the session up otherwise (no Logout for a protocol error, no disconnect without a Logout unless a
 *   TestRequest went unanswered, 6).
 * A fault that touched no frame, or a rule the run could not decide, is inconclusive.
 * Units: ms.
 */
import { gapFillRatio } from '../metrics/gap-fill-ratio.ts';
import type { ProxyFault } from './proxy-faults.ts';
import { gapFilledIn, ReferenceReceiver, type Gap } from './reference-receiver.ts';
import type { SeenFrame, SessionObserver } from './session-observer.ts';

export type Role = 'initiator' | 'acceptor';
export type RuleStatus = 'pass' | 'fail' | 'inconclusive';

export interface RuleOutcome {
  rule: string;
  subject: string;
  status: RuleStatus;
  detail: string;
}

export interface Slas {
  detectionMs: number;
  recoveryMs: number;
  answerMs: number;
}

export interface GapReport {
  first: number;
  last: number;
  openedAtMs: number;
  detectionLagMs: number | null;
  resendRoundTripMs: number | null;
  recoveryMs: number | null;
  replayFrames: number;
  resentSeqs: number;
  gapFilledSeqs: number;
  requested: { beginSeqNo: number; endSeqNo: number }[];
}

export interface Verdict {
  engineUnderTest: Role;
  rules: RuleOutcome[];
  gaps: GapReport[];
  kpis: Record<string, number | null>;
  exitCode: 0 | 1 | 2;
}

/** An engine asking again this long after a GapFill reached it had not applied it (in-flight requests are spared). */
const IN_FLIGHT_GRACE_MS = 200;
const PROTOCOL_ERROR = /too low|too high|reject|invalid|sendingtime|compid|incorrect|garbled|required|sequence/i;
const ACK_OF: Record<string, string> = { D: '0', F: '4', G: '5' };

/** The value at rank ⌊q·n⌋ (the upper median for even n), not sim/stats' type 7: a KPI of the session is a time it showed, never a blend of two. */
const pct = (values: number[], q: number) => (values.length === 0 ? null : [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]);

export function judge(observer: SessionObserver, eut: Role, slas: Slas, faults: readonly ProxyFault[], touched: ReadonlyMap<number, number>, endMs: number): Verdict {
  const toEut = eut === 'initiator' ? 'to-initiator' : 'to-acceptor';
  const fromEut = eut === 'initiator' ? 'to-acceptor' : 'to-initiator';
  const received = observer.delivered.filter((f) => f.direction === toEut);
  const sent = observer.arrived.filter((f) => f.direction === fromEut);
  const rules: RuleOutcome[] = [];
  const add = (rule: string, subject: string, status: RuleStatus, detail: string) => rules.push({ rule, subject, status, detail });

  // The reference receiver, fed in time order with the engine's own resetting Logons.
  const reference = new ReferenceReceiver();
  const timeline = [...received.map((f) => ({ f, inbound: true })), ...sent.map((f) => ({ f, inbound: false }))].sort((a, b) => a.f.atMs - b.f.atMs);
  const expectedAt = new Map<SeenFrame, number>();
  // A Logon with ResetSeqNumFlag=Y restarts the numbering: the peer's, or the engine's own when it speaks
  // first on a connection (an acceptor's reply to a resetting Logon restarts nothing more).
  const openedAt = (atMs: number) => Math.max(0, ...observer.connections.filter((c) => c.openedAtMs <= atMs).map((c) => c.openedAtMs));
  const peerLogonBefore = (atMs: number) => received.some((r) => r.msgType === 'A' && r.atMs >= openedAt(atMs) && r.atMs <= atMs);
  for (const { f, inbound } of timeline) {
    if (f.resetSeqNum && (inbound || !peerLogonBefore(f.atMs))) reference.reset(f.atMs);
    if (inbound) {
      expectedAt.set(f, reference.expectedSeq);
      reference.receive(f);
    }
  }
  const requests = sent.filter((f) => f.msgType === '2' && f.beginSeqNo !== undefined);
  const gaps = reference.gaps.map((gap) => judgeGap(gap, requests, received, slas, endMs, add));

  for (const fill of reference.fills.filter((x) => x.filledMissing)) {
    const again = requests.find((r) => r.atMs > fill.atMs + IN_FLIGHT_GRACE_MS && (r.beginSeqNo as number) >= fill.seq && (r.beginSeqNo as number) < fill.newSeqNo);
    const what = fill.kind === 'gap-fill' ? `GapFill ${fill.seq}->${fill.newSeqNo}` : `SequenceReset-Reset to ${fill.newSeqNo}`;
    if (again) add(fill.kind === 'gap-fill' ? 'applies GapFill' : 'applies SequenceReset', what, 'fail', `asked again for ${again.beginSeqNo} (ResendRequest ${again.beginSeqNo}..${again.endSeqNo}) ${Math.round(again.atMs - fill.atMs)} ms later`);
    else add(fill.kind === 'gap-fill' ? 'applies GapFill' : 'applies SequenceReset', what, 'pass', 'never asked again for the numbers it covered');
  }
  for (const reset of received.filter((f) => f.made === 'sequence-reset')) {
    const newSeqNo = reset.newSeqNo ?? 0;
    const from = expectedAt.get(reset) ?? 0;
    const again = requests.find((r) => r.atMs > reset.atMs + IN_FLIGHT_GRACE_MS && (r.beginSeqNo as number) >= from && (r.beginSeqNo as number) < newSeqNo);
    add('applies SequenceReset', `SequenceReset-Reset to ${newSeqNo}`, again ? 'fail' : 'pass', again ? `asked for ${again.beginSeqNo}, which the reset skipped` : `moved on to ${newSeqNo} without asking for ${from}..${newSeqNo - 1}`);
  }
  judgeDuplicates(received, sent, eut, slas, observer, add);
  judgeAnswers(received, sent, slas, observer, add);
  judgeSession(received, sent, observer, eut, add);
  for (const fault of faults) {
    const n = touched.get(fault.index) ?? 0;
    if (n === 0) add('fault applied', `faults[${fault.index}] ${fault.kind}`, 'inconclusive', 'it touched no frame: nothing matched in its window (was the session up and busy?)');
  }

  const lags = gaps.flatMap((g) => (g.detectionLagMs === null ? [] : [g.detectionLagMs]));
  const recoveries = gaps.flatMap((g) => (g.recoveryMs === null ? [] : [g.recoveryMs]));
  const roundTrips = gaps.flatMap((g) => (g.resendRoundTripMs === null ? [] : [g.resendRoundTripMs]));
  const resent = gaps.reduce((n, g) => n + g.resentSeqs, 0);
  const filled = gaps.reduce((n, g) => n + g.gapFilledSeqs, 0);
  const kpis: Record<string, number | null> = {
    GAPS: gaps.length,
    DETECTION_LAG_P50_MS: pct(lags, 0.5),
    DETECTION_LAG_MAX_MS: lags.length ? Math.max(...lags) : null,
    RESEND_RTT_P50_MS: pct(roundTrips, 0.5),
    RECOVERY_P50_MS: pct(recoveries, 0.5),
    RECOVERY_MAX_MS: recoveries.length ? Math.max(...recoveries) : null,
    REPLAY_FRAMES: gaps.reduce((n, g) => n + g.replayFrames, 0),
    GFR: gapFillRatio(filled, resent),
    RESEND_REQUESTS_SENT: requests.length,
    RESEND_REQUESTS_RECEIVED: received.filter((f) => f.msgType === '2').length,
    DUPLICATES_INJECTED: received.filter((f) => f.made === 'duplicate-possdup' || f.made === 'duplicate-unmarked').length,
    CONNECTIONS: observer.connections.length,
  };
  const exitCode = rules.some((r) => r.status === 'fail') ? 1 : rules.some((r) => r.status === 'inconclusive') ? 2 : 0;
  return { engineUnderTest: eut, rules, gaps, kpis, exitCode };
}

type Add = (rule: string, subject: string, status: RuleStatus, detail: string) => void;

function judgeGap(gap: Gap, requests: readonly SeenFrame[], received: readonly SeenFrame[], slas: Slas, endMs: number, add: Add): GapReport {
  const subject = `gap ${gap.first}..${gap.last} (opened at ${Math.round(gap.openedAtMs)} ms)`;
  const until = gap.closedAtMs ?? endMs;
  const asked = requests.filter((r) => r.atMs >= gap.openedAtMs - 1 && r.atMs <= until);
  const first = asked[0];
  const report: GapReport = {
    first: gap.first,
    last: gap.last,
    openedAtMs: gap.openedAtMs,
    detectionLagMs: first === undefined ? null : Math.max(0, first.atMs - gap.openedAtMs),
    resendRoundTripMs: null,
    recoveryMs: gap.closedAtMs === undefined || gap.abandoned ? null : gap.closedAtMs - gap.openedAtMs,
    replayFrames: 0,
    resentSeqs: 0,
    gapFilledSeqs: 0,
    requested: asked.map((r) => ({ beginSeqNo: r.beginSeqNo as number, endSeqNo: r.endSeqNo ?? 0 })),
  };
  if (first !== undefined) {
    const answers = received.filter((f) => f.possDup && f.made === undefined && f.atMs >= first.atMs && f.atMs <= until);
    report.resendRoundTripMs = answers.length ? answers[0].atMs - first.atMs : null;
    report.replayFrames = answers.length;
    for (const a of answers) {
      const filled = gapFilledIn(a, gap);
      if (filled !== undefined) report.gapFilledSeqs += filled;
      else if (a.seq !== undefined && a.seq >= gap.first && a.seq <= gap.last) report.resentSeqs++;
    }
  }
  const openFor = (gap.closedAtMs ?? endMs) - gap.openedAtMs;
  if (first === undefined) {
    if (openFor < slas.detectionMs) add('detects gap', subject, 'pass', `closed after ${Math.round(openFor)} ms, before a ResendRequest was due`);
    else add('detects gap', subject, 'fail', `no ResendRequest in ${Math.round(openFor)} ms`);
  } else if (first.beginSeqNo !== gap.first) {
    add('detects gap', subject, 'fail', `asked from ${first.beginSeqNo} (ResendRequest ${first.beginSeqNo}..${first.endSeqNo}), expected from ${gap.first}`);
  } else if ((report.detectionLagMs as number) > slas.detectionMs) {
    add('detects gap', subject, 'fail', `asked after ${Math.round(report.detectionLagMs as number)} ms, over the ${slas.detectionMs} ms SLA`);
  } else {
    add('detects gap', subject, 'pass', `ResendRequest ${first.beginSeqNo}..${first.endSeqNo} after ${Math.round(report.detectionLagMs as number)} ms${asked.length > 1 ? ` (${asked.length} requests)` : ''}`);
  }
  if (gap.abandoned) add('recovers gap', subject, 'inconclusive', 'a Logon with ResetSeqNumFlag=Y restarted the numbering before it closed');
  else if (report.recoveryMs === null) add('recovers gap', subject, 'fail', `still open when the run ended, ${Math.round(openFor)} ms after it opened`);
  else add('recovers gap', subject, report.recoveryMs <= slas.recoveryMs ? 'pass' : 'fail', `recovered in ${Math.round(report.recoveryMs)} ms (SLA ${slas.recoveryMs} ms): ${report.resentSeqs} resent, ${report.gapFilledSeqs} gap-filled`);
  return report;
}

/** Acknowledgements the engine sent for an order id, per kind of request (New for D, Canceled for F, Replaced for G). */
function acks(sent: readonly SeenFrame[], clOrdId: string, msgType: string): number {
  return sent.filter((f) => f.msgType === '8' && !f.possDup && f.clOrdId === clOrdId && f.execType === ACK_OF[msgType]).length;
}

function endedAfter(sent: readonly SeenFrame[], observer: SessionObserver, eut: Role, atMs: number, withinMs: number): string | undefined {
  const logout = sent.find((f) => f.msgType === '5' && f.atMs >= atMs && f.atMs <= atMs + withinMs);
  if (logout) return `Logout "${logout.text ?? ''}"`;
  const closed = observer.connections.find((c) => c.closedAtMs !== undefined && c.closedAtMs >= atMs && c.closedAtMs <= atMs + withinMs && c.closedBy === eut);
  return closed ? 'closed the connection' : undefined;
}

function judgeDuplicates(received: readonly SeenFrame[], sent: readonly SeenFrame[], eut: Role, slas: Slas, observer: SessionObserver, add: Add): void {
  for (const dup of received.filter((f) => f.made === 'duplicate-possdup' || f.made === 'duplicate-unmarked')) {
    const subject = `${dup.made === 'duplicate-possdup' ? 'PossDup' : 'unmarked'} duplicate of ${dup.msgType} ${dup.seq}${dup.clOrdId ? ` (ClOrdID ${dup.clOrdId})` : ''}`;
    const ackable = dup.clOrdId !== undefined && ACK_OF[dup.msgType] !== undefined && eut === 'acceptor';
    const applied = ackable && acks(sent, dup.clOrdId as string, dup.msgType) > 1;
    const ended = endedAfter(sent, observer, eut, dup.atMs, slas.answerMs);
    if (dup.made === 'duplicate-possdup') {
      if (applied) add('drops PossDup duplicates', subject, 'fail', `acknowledged ClOrdID ${dup.clOrdId} twice: the duplicate was applied`);
      else if (ended !== undefined && PROTOCOL_ERROR.test(ended)) add('drops PossDup duplicates', subject, 'fail', `${ended} in answer to it`);
      else add('drops PossDup duplicates', subject, 'pass', ackable ? 'ignored: acknowledged once' : 'ignored; whether its application saw it is not visible on the wire');
    } else if (applied) {
      add('ends the session on an unmarked duplicate', subject, 'fail', `acknowledged ClOrdID ${dup.clOrdId} twice`);
    } else {
      add('ends the session on an unmarked duplicate', subject, ended === undefined ? 'fail' : 'pass', ended === undefined ? `kept the session up for ${slas.answerMs} ms (test 2c: Logout "MsgSeqNum too low")` : ended);
    }
  }
}

function judgeAnswers(received: readonly SeenFrame[], sent: readonly SeenFrame[], slas: Slas, observer: SessionObserver, add: Add): void {
  for (const rr of received.filter((f) => f.msgType === '2' && f.beginSeqNo !== undefined)) {
    const begin = rr.beginSeqNo as number;
    const lastSent = Math.max(0, ...sent.filter((f) => f.atMs <= rr.atMs && !f.possDup && f.seq !== undefined).map((f) => f.seq as number));
    const end = rr.endSeqNo === undefined || rr.endSeqNo === 0 ? lastSent : Math.min(rr.endSeqNo, lastSent);
    const subject = `ResendRequest ${begin}..${rr.endSeqNo ?? 0} at ${Math.round(rr.atMs)} ms`;
    if (begin > end) {
      add('answers ResendRequests', subject, 'pass', 'nothing in range had been sent');
      continue;
    }
    const covered = new Set<number>();
    let doneAt: number | undefined;
    for (const f of sent) {
      if (f.atMs < rr.atMs || !f.possDup || f.seq === undefined || doneAt !== undefined) continue;
      const upTo = f.gapFill && f.newSeqNo !== undefined ? f.newSeqNo - 1 : f.seq;
      for (let s = Math.max(f.seq, begin); s <= Math.min(upTo, end); s++) covered.add(s);
      if (covered.size === end - begin + 1) doneAt = f.atMs;
    }
    const closed = observer.connections.find((c) => c.closedAtMs !== undefined && c.closedAtMs >= rr.atMs && c.closedAtMs < rr.atMs + slas.answerMs);
    if (doneAt !== undefined && doneAt - rr.atMs <= slas.answerMs) add('answers ResendRequests', subject, 'pass', `${begin}..${end} resent or gap-filled in ${Math.round(doneAt - rr.atMs)} ms`);
    else if (doneAt === undefined && closed !== undefined) {
      // Cut by the proxy (a disconnect fault), or within moments: the engine had no time. Otherwise the peer
      // most likely gave up on an unanswered request (QuickFIX times out waiting while its gap stays open).
      const afterMs = (closed.closedAtMs as number) - rr.atMs;
      const noTime = closed.closedBy === 'proxy' || afterMs < IN_FLIGHT_GRACE_MS;
      add('answers ResendRequests', subject, noTime ? 'inconclusive' : 'fail', `the connection closed ${Math.round(afterMs)} ms later (by the ${closed.closedBy}) with ${covered.size} of ${end - begin + 1} numbers answered`);
    }
    else add('answers ResendRequests', subject, 'fail', doneAt === undefined ? `answered ${covered.size} of ${end - begin + 1} numbers` : `took ${Math.round(doneAt - rr.atMs)} ms, over the ${slas.answerMs} ms SLA`);
  }
}

function judgeSession(received: readonly SeenFrame[], sent: readonly SeenFrame[], observer: SessionObserver, eut: Role, add: Add): void {
  const unmarked = received.filter((f) => f.made === 'duplicate-unmarked').map((f) => f.atMs);
  const afterUnmarked = (atMs: number) => unmarked.some((t) => atMs >= t && atMs - t < 5_000);
  const problems: string[] = [];
  for (const logout of sent.filter((f) => f.msgType === '5')) {
    if (logout.text !== undefined && PROTOCOL_ERROR.test(logout.text) && !afterUnmarked(logout.atMs)) problems.push(`Logout "${logout.text}" at ${Math.round(logout.atMs)} ms`);
  }
  for (const c of observer.connections) {
    if (c.closedBy !== eut || c.closedAtMs === undefined) continue;
    const inside = (f: SeenFrame) => f.atMs >= c.openedAtMs && f.atMs <= (c.closedAtMs as number);
    const loggedOut = [...sent, ...received].some((f) => f.msgType === '5' && inside(f));
    const testRequest = sent.some((f) => f.msgType === '1' && inside(f));
    if (!loggedOut && !testRequest && !afterUnmarked(c.closedAtMs)) problems.push(`closed the connection at ${Math.round(c.closedAtMs)} ms without a Logout or an unanswered TestRequest`);
  }
  add('keeps the session up', eut, problems.length ? 'fail' : 'pass', problems.length ? problems.join('; ') : `${observer.connections.length} connection(s), no Logout for a protocol error`);
}
