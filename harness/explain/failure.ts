/**
 * "What failed and when": the faults as the run's seed resolved them (time drawn, probability decided),
 * and the first things the router's sessions reported after the onset. Every kind of the fault catalogue
 * has its sentence (the type checker holds the table to the catalogue), lengths in s or ms.
 */
import { NS_PER_MS, type Ns } from '../../sim/index.ts';
import type { FaultKind } from '../scenario/index.ts';
import type { ResolvedFault } from '../world/resolve-faults.ts';
import { seconds } from './clock.ts';
import { metric, type ExplainContext } from './context.ts';
import type { NarrativeStep } from './narrative.ts';

const share = (p: number) => `${Math.round(p * 100)}%`;
type Describe = (f: ResolvedFault & Record<string, unknown>) => string;

const SENTENCES: Record<FaultKind, Describe> = {
  'session-disconnect': (f) => `order-entry session ${String(f.session)} was cut for ${seconds(f.duration as Ns)}`,
  'session-message-loss': (f) =>
    `the link of order-entry session ${String(f.session)} silently dropped each message with probability ${share(f.lossProbability as number)} for ${seconds(f.duration as Ns)}`,
  'session-store-loss': (f) => `the ${String(f.side)} side of session ${String(f.session)} lost its message store`,
  'session-delay': (f) => `messages on session ${String(f.session)} (${String(f.direction)}) took ${seconds(f.extraLatency as Ns)} longer for ${seconds(f.duration as Ns)}`,
  'session-duplicate': (f) => `messages on session ${String(f.session)} (${String(f.direction)}) arrived twice${f.possDup ? ', the copy marked PossDupFlag=Y' : ', the copy unmarked'}, for ${seconds(f.duration as Ns)}`,
  'session-reorder': (f) => `messages on session ${String(f.session)} (${String(f.direction)}) arrived out of order for ${seconds(f.duration as Ns)}`,
  'session-sequence-reset': (f) => `the ${String(f.side)} side of session ${String(f.session)} jumped its sequence numbers by ${String(f.jump)} (SequenceReset-Reset)`,
  'session-gapfill-business': (f) => `the ${String(f.side)} side of session ${String(f.session)} answered resends with GapFill over business messages for ${seconds(f.duration as Ns)}`,
  'drop-copy-down': (f) => `the drop copy went down for ${seconds(f.duration as Ns)}`,
  'drop-copy-lag': (f) => `the drop copy fell ${seconds(f.extraLatency as Ns)} behind for ${seconds(f.duration as Ns)}`,
  'sequencer-stall': (f) => `the venue's sequencer stalled for ${seconds(f.duration as Ns)}`,
  'sequencer-crash': (f) => `the venue's primary sequencer crashed (detected after ${seconds(f.detectionDelay as Ns)})`,
  'sequencer-lagging-backup': (f) =>
    `the venue's primary sequencer failed over to a backup ${String(f.lagMessages)} messages behind (missing entries ${String(f.missingEntries)})`,
  'sequencer-graceful-failover': () => `the venue's sequencer handed over to its backup`,
  'feed-loss': (f) => `the market-data feed dropped each packet with probability ${share(f.lossProbability as number)} for ${seconds(f.duration as Ns)}`,
  'session-slow-replay': (f) =>
    `the ${String(f.side)} side of session ${String(f.session)} answered resend requests at ${String(f.rateMsgsPerSec)} messages/s for ${seconds(f.duration as Ns)}, its live messages waiting behind the replay`,
  'session-resend-storm': (f) => `the ${String(f.side)} side of session ${String(f.session)} asked for its open gap again every ${seconds(f.interval as Ns)} for ${seconds(f.duration as Ns)} (a resend storm)`,
  'load-spike': (f) => `other desks' flow through the gateway pool jumped to ${String(f.ratePerSec)} orders/s for ${seconds(f.duration as Ns)}`,
  'gateway-crash': (f) =>
    `gateway pool node ${f.node === undefined ? '(the oldest serving one)' : String(f.node)} crashed${f.restartAfter === undefined ? ' for good' : `, to boot again cold after ${seconds(f.restartAfter as Ns)}`}`,
  'gateway-cold-start': (f) => `${String(f.count)} cold node(s) joined the gateway pool`,
  'order-server-crash': (f) => `the order server's process died (its log survived); it restarts after ${seconds(f.restartAfter as Ns)} and reads its log`,
  'order-server-disk-loss': (f) => `the order server's drive failed: its order log and fills are gone; a replacement starts after ${seconds(f.restartAfter as Ns)}`,
  'gateway-failover': (f) => `the failover pair's primary gateway died (${String(f.failure)})`,
};

/** What a session event means, for the first signal; the event's own name is kept beside it. */
const EVENT_MEANINGS: Record<string, string> = {
  disconnected: 'the session dropped',
  'gap-detected': 'a message arrived with a sequence number too high: messages were missing',
  'resend-requested': 'the router asked for a resend',
  'resend-served': 'the venue had missed messages from the router and asked for them again',
  'gap-closed': 'a sequence gap closed',
  'logged-out': 'the session was logged out',
  'messages-lost': 'messages were lost',
  'reject-received': 'the venue rejected a message at session level',
  'reject-sent': 'the router rejected a message at session level',
};

function describeFault(fault: ResolvedFault): string {
  return SENTENCES[fault.kind](fault as ResolvedFault & Record<string, unknown>);
}

export function failureStep(ctx: ExplainContext): NarrativeStep {
  const { run, scenario, clock, record } = ctx;
  const listed = scenario.faults.length;
  const fired = run.faults;
  if (fired.length === 0) {
    const why = listed === 0 ? 'the scenario has no faults' : `none of the scenario's ${listed} fault(s) fired for seed ${record.seed} (each has a probability, and this seed drew them out)`;
    return {
      section: 'failure',
      title: 'What failed',
      paragraphs: [`Nothing failed in this episode: ${why}. The incident run is the control run, so IS_FO is 0 and there is no recovery to narrate.`],
      events: [],
      facts: { FAULTS: 0, FAULTS_LISTED: listed },
    };
  }
  const events = fired.map((f) => clock.event(f.atNs, `${describeFault(f)}.`));
  const drawn = listed > fired.length ? ` The scenario lists ${listed}; ${listed - fired.length} did not fire for seed ${record.seed} (drawn out by its probability).` : '';
  const paragraphs = [`${fired.length} fault(s) fired.${drawn} The first, at ${clock.at(fired[0].atNs)}, is the onset every "fault +" time below counts from.`];
  const sessionEvents = run.orderEntry.ports
    .flatMap((p) => p.events.map((e) => ({ ...e, sessionId: p.sessionId })))
    .filter((e) => e.atNs >= fired[0].atNs && e.event.type !== 'logged-on')
    .sort((a, b) => a.atNs - b.atNs);
  const firstSignal = sessionEvents[0];
  const lag = metric(ctx, 'DETECTION_LAG_MS');
  if (firstSignal !== undefined) {
    paragraphs.push(
      `The router's first sign of trouble was a "${firstSignal.event.type}" on session ${firstSignal.sessionId} at ${clock.at(firstSignal.atNs)}` +
        `${EVENT_MEANINGS[firstSignal.event.type] === undefined ? '' : ` (${EVENT_MEANINGS[firstSignal.event.type]})`}. ` +
        (firstSignal.atNs > fired[0].atNs ? 'Until then it traded on as if nothing had happened. ' : '') +
        `Detection lag ${lag === null ? 'n/a' : `${lag.toFixed(0)} ms`} (DETECTION_LAG_MS, fault to first observable signal).`,
    );
    events.push(clock.event(firstSignal.atNs, `first signal at the router: ${firstSignal.event.type} on ${firstSignal.sessionId}`));
  } else if (lag !== null) {
    paragraphs.push(`The router first saw the trouble in its own state ${(lag).toFixed(0)} ms after the onset (DETECTION_LAG_MS).`);
    events.push(clock.event(fired[0].atNs + Math.round(lag * NS_PER_MS), 'first signal at the router: its state stopped being clean'));
  } else {
    paragraphs.push('The router never saw a signal of the fault: nothing it could observe changed.');
  }
  const counts = new Map<string, number>();
  for (const e of sessionEvents) counts.set(e.event.type, (counts.get(e.event.type) ?? 0) + 1);
  if (counts.size > 0) {
    paragraphs.push(`Its sessions reported, from the onset on: ${[...counts].map(([type, n]) => `${n} ${type}`).join(', ')}.`);
  }
  return {
    section: 'failure',
    title: 'What failed and when',
    paragraphs,
    events: events.sort((a, b) => a.atNs - b.atNs),
    facts: { FAULTS: fired.length, FAULTS_LISTED: listed, DETECTION_LAG_MS: lag, FIRST_FAULT: fired[0].kind },
  };
}
