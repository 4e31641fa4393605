/**
 * A scenario that reproduces an incident from its session log (session-history.ts, log-kpis.ts): for each gap
 * we detected, the next messages towards us lost, as many as were missing, from the first one's original
 * SendingTime; a replay slower than the link becomes a slow replay at the rate the log shows; a connection
 * that ended and came back becomes a disconnect for the outage; gaps the peer asked us to fill become
 * losses the other way; heartbeat and latency are the log's; the parent is the order flow's volume, side and
 * span. What the log cannot say is written into `assumptions`, each with the lines it rests on: the market
 * (not in a session log), the types lost (the simulation loses the next messages of any type), the peer's
 * store, the clocks. The router is the initiator, the venue the acceptor, whichever wrote the log.
 * Times count from the log's first Logon. Units: as scenario files write them.
 */
import type { LogKpis } from './log-kpis.ts';
import { nearestRankQuantile, orderFrames } from './log-kpis.ts';
import type { SessionHistory } from './session-history.ts';

export interface ImportSources {
  messagesFile: string;
  eventsFile: string | undefined;
  name: string;
}

/** Replays this much slower than the link are a slow replay, not the link. */
const SLOW_REPLAY_FACTOR = 10;
const MIN_SLOW_REPLAY_MS = 50;

const msText = (ms: number) => `${Math.max(0, Math.round(ms * 1000) / 1000)}ms`;
const usText = (ms: number) => `${Math.max(1, Math.round(ms * 1000))}us`;
const utc = (ms: number) => new Date(Math.floor(ms)).toISOString().replace('T', ' ').replace('Z', ' UTC');

export function inferScenario(history: SessionHistory, kpis: LogKpis, sources: ImportSources): Record<string, unknown> {
  const t0 = history.t0Ms;
  const rel = (atMs: number) => atMs - t0;
  const assumptions: string[] = [];
  const faults: Record<string, unknown>[] = [];
  const toUs = history.role === 'initiator' ? 'to-router' : 'to-venue';
  const toPeer = history.role === 'initiator' ? 'to-venue' : 'to-router';
  const peerSide = history.role === 'initiator' ? 'venue' : 'router';
  const heartbeatMs = (history.heartBtIntSec ?? 30) * 1000;
  const m = sources.messagesFile;
  assumptions.push(`${m}: written by ${history.us}, the ${history.role} (so the ${history.role === 'initiator' ? 'router' : 'venue'} here); times count from its first Logon at ${utc(t0)} (line ${history.frames[0].message.line}).`);
  assumptions.push('The market is not in a session log: the default CST flow stands in for it. Compare the FIX session KPIs with the log, not IS.');

  const oneWay = Object.values(kpis.oneWayLatencyMs);
  const allOneWay = history.frames.filter((f) => f.direction === 'in' && !f.seen.possDup).length;
  const p50 = oneWay.length ? nearestRankQuantile(oneWay.map((x) => x.p50), 0.5) : 0.1;
  const p99 = oneWay.length ? Math.max(...oneWay.map((x) => x.p99)) : 0.5;
  const latency = p99 > p50 * 1.05 ? { model: 'lognormal', median: usText(p50), p99: usText(p99) } : { model: 'constant', value: usText(p50) };
  assumptions.push(`One-way latency: each incoming message's log time less its SendingTime (p50 ${p50} ms, p99 ${p99} ms over ${allOneWay} messages, those that waited behind a replay left out), which assumes the two engines' clocks agree. A session has one latency model: the per-MsgType figures import prints are not in the scenario.`);

  history.gaps.forEach((gap, i) => {
    const n = gap.last - gap.first + 1;
    const fromMs = gap.missingSentFromMs ?? gap.detectedAtMs - heartbeatMs;
    const at = Math.max(0, rel(fromMs) - 1);
    const window = Math.max(gap.detectedAtMs - fromMs + 1, n * Math.max(1_000, heartbeatMs));
    faults.push({ kind: 'session-message-loss', at: msText(at), session: 's1', duration: msText(window), lossProbability: 1, direction: toUs, maxMessages: n });
    const asked = gap.request === undefined ? 'no ResendRequest' : `ResendRequest ${gap.request.beginSeqNo}..${gap.request.endSeqNo} at line ${gap.request.line}`;
    const when = gap.missingSentFromMs === undefined ? `a heartbeat interval before it was detected (nothing missing came back resent with an OrigSendingTime)` : `from the first missing message's original SendingTime (OrigSendingTime of its resend)`;
    assumptions.push(
      `Gap ${i + 1}, ${gap.first}..${gap.last} (${n} messages), detected at line ${gap.detectedLine}, ${asked}, closed at line ${gap.closedLine ?? 'never'}: the next ${n} messages to the ${toUs === 'to-router' ? 'router' : 'venue'} are lost ${when}. The log shows them as ${gap.missingTypes.length ? `MsgType ${gap.missingTypes.join(', ')}` : 'gap-filled (their types are not in the log)'}${gap.gapFilled ? `, ${gap.gapFilled} of them gap-filled` : ''}; the simulation loses the next ${n} of any type, since its traffic is its own.`,
    );
    const replay = gap.replay;
    const spanMs = replay.length > 1 ? replay[replay.length - 1].message.atMs - replay[0].message.atMs : 0;
    const rate = replay.length > 1 ? (replay.length - 1) / (spanMs / 1000) : undefined;
    if (rate !== undefined && spanMs >= MIN_SLOW_REPLAY_MS && spanMs / (replay.length - 1) > SLOW_REPLAY_FACTOR * p50) {
      const end = rel(replay[replay.length - 1].message.atMs);
      // Long enough to cover the replay however late the simulated gap opens within the loss window.
      faults.push({ kind: 'session-slow-replay', at: msText(at), session: 's1', side: peerSide, rateMsgsPerSec: Math.round(rate * 1000) / 1000, duration: msText(Math.max(end - at, window) + spanMs + 1_000) });
      assumptions.push(`Gap ${i + 1}'s replay came at ${rate.toFixed(2)} messages a second (${replay.length} messages, lines ${replay[0].message.line}..${replay[replay.length - 1].message.line}), far slower than the link: a slow replay on the ${peerSide} side at that rate.`);
    }
  });

  for (const request of history.peerRequests) {
    const begin = request.seen.beginSeqNo ?? 0;
    const sentBefore = history.frames.filter((f) => f.direction === 'out' && !f.seen.possDup && f.seen.seq !== undefined && f.message.atMs <= request.message.atMs);
    const last = Math.max(0, ...sentBefore.map((f) => f.seen.seq as number)) - 1;
    const firstMissing = sentBefore.find((f) => f.seen.seq === begin);
    if (last < begin || firstMissing === undefined) continue;
    faults.push({ kind: 'session-message-loss', at: msText(Math.max(0, rel(firstMissing.message.atMs) - 1)), session: 's1', duration: msText(request.message.atMs - firstMissing.message.atMs + 1), lossProbability: 1, direction: toPeer, maxMessages: last - begin + 1 });
    assumptions.push(`The peer asked for ${begin}..${request.seen.endSeqNo ?? 0} (line ${request.message.line}): the messages we sent from ${begin} (line ${firstMissing.message.line}) up to the one before the last it could have seen are taken as lost on the way (${last - begin + 1}); which of them it missed is not in our log.`);
  }

  history.connections.forEach((c, i) => {
    const next = history.connections[i + 1];
    if (c.endedAtMs === undefined || next === undefined) return;
    faults.push({ kind: 'session-disconnect', at: msText(rel(c.endedAtMs)), session: 's1', duration: msText(Math.max(1, next.logonAtMs - c.endedAtMs)) });
    assumptions.push(`The connection logged on at line ${c.logonLine} ended at ${c.endEvidence} and the next Logon is at line ${next.logonLine}: a disconnect for the outage between them (the reconnect backoff is the scenario's).`);
  });

  const orders = orderFrames(history).filter((f) => f.message.msgType === 'D');
  const qty = orders.reduce((n, f) => n + Number(f.message.fields.get(38) ?? 0), 0);
  const side = orders[0]?.message.fields.get(54) === '2' ? 'sell' : 'buy';
  const lastFaultEnd = Math.max(0, ...faults.map((f) => Number(String(f.at).replace('ms', '')) + Number(String(f.duration ?? '0ms').replace('ms', ''))));
  const start = orders.length ? rel(orders[0].message.atMs) : 1_000;
  const span = orders.length ? orders[orders.length - 1].message.atMs - orders[0].message.atMs : 0;
  const horizon = Math.max(span, lastFaultEnd - start) + 2_000;
  assumptions.push(
    orders.length
      ? `Order flow: ${kpis.orders} NewOrderSingles (lines ${orders[0].message.line}..${orders[orders.length - 1].message.line}), ${kpis.cancels} cancels, ${kpis.replaces} replaces, ${kpis.fills} fills of ${kpis.filledQty} shares. The parent is a TWAP ${side} of ${Math.max(100, qty)} shares over their span (plus what the faults need); the router's child sizes and prices are its policy's, not the log's.`
      : 'Order flow: the log has no NewOrderSingle; the parent is a placeholder of 1000 shares.',
  );
  assumptions.push(
    "Pacing: the router keeps the whole parent working (router.workingHorizon = the parent's horizon), so it sends its children as steadily as the log's engine sent orders; a schedule follower's default of 5 s ahead would go quiet once its passive children rest, and on a quiet session a loss of the next messages takes heartbeats and TestRequest answers (a disconnect) instead of the log's ExecutionReports.",
  );
  assumptions.push(`PersistMessages: assumed Y on both sides (the peer resent ${history.gaps.reduce((n, g) => n + g.resent, 0)} business messages; a store that kept nothing would have gap-filled them).`);
  const chunks = history.frames.filter((f) => f.direction === 'out' && f.message.msgType === '2' && (f.seen.endSeqNo ?? 0) !== 0).map((f) => (f.seen.endSeqNo as number) - (f.seen.beginSeqNo as number) + 1);
  const chunk = chunks.length > 0 && chunks.every((c) => c === chunks[0]) ? chunks[0] : 0;
  if (chunk > 0) assumptions.push(`Our ResendRequests asked for ${chunk} messages at a time: ResendRequestChunkSize ${chunk}.`);
  if (history.heartBtIntSec === undefined) assumptions.push('No HeartBtInt in the Logon: 30 s assumed.');
  const beginString = history.beginString === 'FIX.4.2' ? 'FIX.4.2' : 'FIX.4.4';
  if (beginString !== history.beginString) assumptions.push(`The log is ${history.beginString}; the simulated session speaks FIX.4.4, whose session layer is the same for these KPIs.`);

  return {
    name: sources.name,
    title: `Imported from ${sources.messagesFile.split('/').pop()}`,
    description: `${kpis.gaps} sequence gap(s), ${kpis.peerResendRequests} ResendRequest(s) from the peer and ${history.connections.length} connection(s) in the ${history.beginString} session ${history.us}-${history.peer}, from ${utc(t0)} to ${utc(history.frames[history.frames.length - 1].message.atMs)}, as its QuickFIX log shows them.`,
    kind: 'historical',
    playbook: '002',
    sources: [{ title: `QuickFIX messages log ${sources.messagesFile}`, ...(sources.eventsFile ? { note: `and event log ${sources.eventsFile}` } : {}) }],
    assumptions,
    market: { flow: { model: 'cst', intensity: 5 } },
    sessions: [{ id: 's1', gateway: 'gw1', beginString, heartbeat: `${history.heartBtIntSec ?? 30}s`, resendChunkSize: chunk, latency }],
    parent: { side, qtyShares: Math.max(100, qty || 1_000), start: msText(start), horizon: msText(horizon) },
    router: { workingHorizon: msText(horizon) },
    faults,
  };
}
