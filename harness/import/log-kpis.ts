/**
 * The KPIs a session's own log shows (the numbers `execdrill import` prints, to check a replay against the
 * log): gaps and the ranges asked for, detection lag (the first missing message's original SendingTime to
 * our ResendRequest), resend round trip (our ResendRequest to the first replayed message), replay length and
 * rate, recovery time (gap detected to closed), GFR (of the numbers recovered, the share gap-filled rather
 * than resent), the peer's ResendRequests, connections, heartbeats and test requests, order flow, and
 * latency per message type (a message's arrival in the log less its SendingTime: one way, if the two
 * engines' clocks agree). Units: ms; rates per second.
 */
import { parseUtcTimestampMs } from '../../venues/fix/codec/index.ts';
import { gapFillRatio } from '../metrics/gap-fill-ratio.ts';
import type { HistoryFrame, SessionHistory } from './session-history.ts';

export interface LogKpis {
  gaps: number;
  gapSizes: number[];
  resendRanges: string[];
  detectionLagMs: (number | null)[];
  resendRoundTripMs: (number | null)[];
  replayFrames: number[];
  replayRatePerSec: (number | null)[];
  recoveryMs: (number | null)[];
  gfr: number | null;
  peerResendRequests: number;
  connections: number;
  heartBtIntSec: number | null;
  testRequests: number;
  orders: number;
  cancels: number;
  replaces: number;
  fills: number;
  filledQty: number;
  ackLatencyP50Ms: number | null;
  oneWayLatencyMs: Record<string, { p50: number; p99: number; n: number }>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const RECOVERY_TAIL_MS = 50;

/** Nearest rank (Hyndman & Fan type 1), not sim/stats' type 7: a log's p50 and p99 are latencies the log shows, never a blend of two. */
export function nearestRankQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Who sends the orders: the router side, the initiator. */
export function orderFrames(history: SessionHistory): HistoryFrame[] {
  const direction = history.role === 'initiator' ? 'out' : 'in';
  return history.frames.filter((f) => f.direction === direction && !f.seen.possDup);
}

export function logKpis(history: SessionHistory): LogKpis {
  const gaps = history.gaps;
  const resent = gaps.reduce((n, g) => n + g.resent, 0);
  const filled = gaps.reduce((n, g) => n + g.gapFilled, 0);
  const gfr = gapFillRatio(filled, resent);
  const orders = orderFrames(history);
  const reportsAll = history.frames.filter((f) => f.message.msgType === '8' && f.direction !== (history.role === 'initiator' ? 'out' : 'in'));
  const reports = reportsAll.filter((f) => !f.seen.possDup);
  // A fill counts once by its ExecID, first sent or resent.
  const fillsById = new Map(reportsAll.filter((f) => ['1', '2', 'F'].includes(f.seen.execType ?? '')).map((f) => [f.message.fields.get(17) ?? `line ${f.message.line}`, f]));
  const fills = [...fillsById.values()];
  const acks: number[] = [];
  for (const order of orders.filter((f) => f.message.msgType === 'D')) {
    const ack = reports.find((r) => r.seen.clOrdId === order.seen.clOrdId && r.message.atMs >= order.message.atMs);
    if (ack !== undefined) acks.push(ack.message.atMs - order.message.atMs);
  }
  // Messages that waited behind a replay (arriving while a gap was open, or right behind a replayed one) say
  // nothing of the link.
  const replayedAt = history.frames.filter((f) => f.direction === 'in' && f.seen.possDup).map((f) => f.message.atMs);
  const recovering = (atMs: number) => gaps.some((g) => atMs >= g.detectedAtMs && atMs <= (g.closedAtMs ?? Infinity)) || replayedAt.some((t) => atMs >= t && atMs <= t + RECOVERY_TAIL_MS);
  const oneWay = new Map<string, number[]>();
  for (const f of history.frames.filter((x) => x.direction === 'in' && !x.seen.possDup && x.message.msgType !== 'A' && !recovering(x.message.atMs))) {
    const sent = parseUtcTimestampMs(f.message.fields.get(52) ?? '');
    if (sent === undefined) continue;
    const list = oneWay.get(f.message.msgType) ?? [];
    list.push(Math.max(0, f.message.atMs - sent));
    oneWay.set(f.message.msgType, list);
  }
  return {
    gaps: gaps.length,
    gapSizes: gaps.map((g) => g.last - g.first + 1),
    resendRanges: gaps.map((g) => (g.request === undefined ? 'never asked' : `${g.request.beginSeqNo}..${g.request.endSeqNo}`)),
    detectionLagMs: gaps.map((g) => (g.request === undefined || g.missingSentFromMs === undefined ? null : round(g.request.atMs - g.missingSentFromMs))),
    resendRoundTripMs: gaps.map((g) => (g.request === undefined || g.replay.length === 0 ? null : round(g.replay[0].message.atMs - g.request.atMs))),
    replayFrames: gaps.map((g) => g.replay.length),
    replayRatePerSec: gaps.map((g) => (g.replay.length < 2 ? null : round((g.replay.length - 1) / ((g.replay[g.replay.length - 1].message.atMs - g.replay[0].message.atMs) / 1000)))),
    recoveryMs: gaps.map((g) => (g.closedAtMs === undefined ? null : round(g.closedAtMs - g.detectedAtMs))),
    gfr: gfr === null ? null : round(gfr),
    peerResendRequests: history.peerRequests.length,
    connections: history.connections.length,
    heartBtIntSec: history.heartBtIntSec ?? null,
    testRequests: history.frames.filter((f) => f.message.msgType === '1').length,
    orders: orders.filter((f) => f.message.msgType === 'D').length,
    cancels: orders.filter((f) => f.message.msgType === 'F').length,
    replaces: orders.filter((f) => f.message.msgType === 'G').length,
    fills: fills.length,
    filledQty: fills.reduce((n, f) => n + Number(f.message.fields.get(32) ?? 0), 0),
    ackLatencyP50Ms: acks.length ? round(nearestRankQuantile(acks, 0.5)) : null,
    oneWayLatencyMs: Object.fromEntries([...oneWay].map(([type, values]) => [type, { p50: round(nearestRankQuantile(values, 0.5)), p99: round(nearestRankQuantile(values, 0.99)), n: values.length }])),
  };
}
