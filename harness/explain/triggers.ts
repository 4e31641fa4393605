/**
 * Puts a regime change's triggering observation into words: every abnormal signal the policy could
 * see at that decision, in the order playbook 002's runbook asks about them (session, gap, replay,
 * unknown orders, confidence). A change with nothing abnormal is a relaxation, and says so.
 */
import { NS_PER_MS } from '../../sim/index.ts';
import { staleBook } from '../episode/kpis.ts';
import type { TriggerSignals } from './regime-watch.ts';

export function describeTrigger(s: TriggerSignals): string {
  const seen: string[] = [];
  for (const session of s.sessionsNotLoggedOn) seen.push(`session ${session.sessionId} ${session.state}`);
  if (s.newDisconnects > 0) seen.push(`${s.newDisconnects} new disconnect(s)`);
  if (s.newLogon) seen.push('a session logged on again (a reconnect)');
  if (s.gapOpen) seen.push('a sequence gap open (resend requested, not yet filled)');
  if (s.newPossDups > 0) seen.push(`${s.newPossDups} PossDup replay(s) arriving`);
  if (s.newGapFills > 0) seen.push(`${s.newGapFills} GapFill(s) arriving`);
  if (s.replayBacklogMsgs > 0) seen.push(`${s.replayBacklogMsgs} message(s) still to replay`);
  if (s.unknownChildren > 0) seen.push(`${s.unknownChildren} child order(s) of unknown fate (${s.uncertainShares} shares uncertain)`);
  else if (s.uncertainShares > 0) seen.push(`${s.uncertainShares} shares on orders still pending an answer`);
  if (s.duplicateCandidates > 0) seen.push(`${s.duplicateCandidates} duplicate candidate(s)`);
  if (s.dropCopyDisagrees) seen.push('the drop copy disagreeing with the sessions (or down)');
  for (const node of s.coldGateways) {
    const p99 = node.latencyP99Ns === undefined ? '' : `, p99 latency ${(node.latencyP99Ns / NS_PER_MS).toFixed(1)} ms`;
    seen.push(`gateway node ${node.gatewayId} taking flow cold (warm-up ${Math.round(node.warmupProgress * 100)}%${p99})`);
  }
  if (s.feedRecovering) seen.push('the market-data feed recovering a gap');
  else if (staleBook(s.bookAgeNs)) seen.push(`a book ${(s.bookAgeNs / NS_PER_MS).toFixed(0)} ms old`);
  const confidence = `state confidence ${s.confidence.toFixed(2)}`;
  const deficit = s.deficitShare > 0 ? `, believed deficit ${(s.deficitShare * 100).toFixed(1)}% of the parent` : '';
  if (seen.length === 0) return `nothing abnormal in view: sessions logged on, no gap, no replay, no order of unknown or pending fate (${confidence}${deficit})`;
  return `${seen.join('; ')} (${confidence}${deficit})`;
}
