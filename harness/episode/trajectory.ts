/**
 * An episode's trajectory: the incident run's state over time, compact enough to ride in every record,
 * so charts, the HTML report's explorer and `explain` need no rerun. The world samples its state every
 * 100 ms; here samples are merged into at most `MAX_POINTS` buckets, each keeping what a reader must not
 * miss: the worst live-set similarity, the largest backlogs, whether a gap or a session outage touched
 * the bucket, and the residuals and accrued costs at the bucket's end.
 *
 * Accrued cost (the event-study curve, playbook 000) is the cost of the fills so far against the decision
 * price, bps of the paper notional: sum of sign x (fill price - decision price) x paper shares, over
 * parent quantity x decision price. Fills beyond the parent quantity are left to the horizon's overfill
 * unwind, and the missed-trade term only exists at the horizon, so the last point is not IS_BPS itself.
 *
 * The market: the venue's best bid and ask at each bucket's end, in the incident run and in the control run,
 * for the price panel. They are stored as whole ticks from `baseTicks` (the first bid of the incident run), so
 * a bucket costs a few characters of JSON: about 3 KB per record of 300 buckets (a 002 record is about 30 KB).
 * `marketPrices` turns them back into prices.
 */
import type { Ns } from '../../sim/index.ts';
import type { ChildPurpose } from '../router/router.ts';
import type { Placement } from '../../policies/index.ts';
import type { StateSample, WorldRun } from './world.ts';

export const MAX_POINTS = 300;
/** Child orders and fills kept per record; a record says when more happened. */
export const MAX_ORDERS = 600;

export interface EpisodeTrajectory {
  /** Bucket end times, ns of simulated time; every series below has one value per bucket. */
  tNs: Ns[];
  liveSetSimilarity: number[];
  residualBelievedShares: number[];
  residualTrueShares: number[];
  routerReplayBacklogMsgs: number[];
  venueBacklogMsgs: number[];
  /** 1 when a session was down or a sequence gap open at any sample in the bucket. */
  sessionDown: number[];
  gapOpen: number[];
  accruedCostBps: number[];
  controlAccruedCostBps: number[];
  children: { atNs: Ns; qtyShares: number; priceTicks: number; placement: Placement; purpose: ChildPurpose }[];
  fills: { atNs: Ns; qtyShares: number; priceTicks: number }[];
  /** Child orders and fills the run had beyond `MAX_ORDERS` (not listed). */
  omitted: { children: number; fills: number };
  faults: { kind: string; atNs: Ns; durationNs: Ns | null }[];
  /** Best bid and ask per bucket (absent from records written before it was added). */
  market?: TrajectoryMarket;
  /**
   * Playbook 003's pool, per node, one value per bucket (its last sample; null before the node existed or
   * after it left): capacity factor (1 / mean warm-up multiplier, 0 when not serving) and its share of
   * the router's flow. Absent without a gateway pool.
   */
  gateways?: { id: string; capacityFactor: (number | null)[]; flowShare: (number | null)[] }[];
}

export interface TrajectoryMarket {
  /** Currency per tick: a price is ticks x tickSize. */
  tickSize: number;
  /** What every series below is relative to, in ticks. */
  baseTicks: number;
  /** Per bucket, ticks from baseTicks at the bucket's end; null when that side of the book was empty. */
  incident: { bid: (number | null)[]; ask: (number | null)[] };
  control: { bid: (number | null)[]; ask: (number | null)[] };
}

/** The market of a trajectory in prices (currency): best bid, best ask and mid of both runs, per bucket. */
export interface MarketPrices {
  bid: (number | null)[];
  ask: (number | null)[];
  mid: (number | null)[];
  controlBid: (number | null)[];
  controlAsk: (number | null)[];
  controlMid: (number | null)[];
}

export function marketPrices(market: TrajectoryMarket): MarketPrices {
  const price = (ticks: number | null) => (ticks === null ? null : round((market.baseTicks + ticks) * market.tickSize, 6));
  const mid = (bid: (number | null)[], ask: (number | null)[]) =>
    bid.map((b, i) => (b === null || ask[i] === null ? null : round((market.baseTicks + (b + (ask[i] as number)) / 2) * market.tickSize, 6)));
  return {
    bid: market.incident.bid.map(price),
    ask: market.incident.ask.map(price),
    mid: mid(market.incident.bid, market.incident.ask),
    controlBid: market.control.bid.map(price),
    controlAsk: market.control.ask.map(price),
    controlMid: mid(market.control.bid, market.control.ask),
  };
}

/** Both runs' best bid and ask at the incident's bucket ends (the runs sample at the same instants). */
function marketSeries(incident: WorldRun, control: WorldRun, tickSize: number): TrajectoryMarket {
  const size = bucketSize(incident.samples.length);
  const base = incident.samples.find((s) => s.bestBidTicks !== null)?.bestBidTicks ?? 0;
  const at = (run: WorldRun, read: (s: StateSample) => number | null) =>
    bucketed(incident.samples).map((_, b) => {
      const sample = run.samples[Math.min(run.samples.length - 1, (b + 1) * size - 1)];
      const ticks = sample === undefined ? null : read(sample);
      return ticks === null ? null : ticks - base;
    });
  const sides = (run: WorldRun) => ({ bid: at(run, (s) => s.bestBidTicks), ask: at(run, (s) => s.bestAskTicks) });
  return { tickSize, baseTicks: base, incident: sides(incident), control: sides(control) };
}

/** The pool's samples, taken with the state samples, bucketed the same way. */
function gatewaySeries(run: WorldRun, bucketSize: number, bucketCount: number): EpisodeTrajectory['gateways'] {
  const pool = run.orderEntry.gatewayPool;
  if (pool === undefined) return undefined;
  const ids = [...new Set(pool.samples.flatMap((sample) => sample.nodes.map((node) => node.id)))];
  return ids.map((id) => {
    const capacityFactor: (number | null)[] = [];
    const flowShare: (number | null)[] = [];
    for (let b = 0; b < bucketCount; b++) {
      const sample = pool.samples[Math.min(pool.samples.length - 1, (b + 1) * bucketSize - 1)];
      const node = sample?.nodes.find((n) => n.id === id);
      capacityFactor.push(node === undefined ? null : round(node.capacityFactor, 3));
      flowShare.push(node === undefined ? null : round(node.flowShare, 3));
    }
    return { id, capacityFactor, flowShare };
  });
}

const round = (value: number, places: number) => {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
};

/** Accrued cost at each of `times` (ascending), from a run's truth fills in venue time order. */
export function accruedCostCurve(run: WorldRun, side: 'buy' | 'sell', qtyShares: number, times: readonly Ns[]): number[] {
  const sign = side === 'buy' ? 1 : -1;
  const decision = run.decisionPriceTicks;
  const fills = [...run.truth.fills].sort((a, b) => a.atNs - b.atNs);
  const curve: number[] = [];
  let index = 0;
  let paperShares = 0;
  let cost = 0;
  for (const t of times) {
    while (index < fills.length && fills[index].atNs <= t) {
      const fill = fills[index++];
      const inPaper = Math.min(fill.qtyShares, Math.max(0, qtyShares - paperShares));
      paperShares += fill.qtyShares;
      cost += sign * (fill.priceTicks - decision) * inPaper;
    }
    curve.push(Number.isFinite(decision) && decision !== 0 ? round((cost / (qtyShares * decision)) * 1e4, 3) : 0);
  }
  return curve;
}

const bucketSize = (count: number) => Math.max(1, Math.ceil(count / MAX_POINTS));

function bucketed(samples: readonly StateSample[]): StateSample[][] {
  const size = bucketSize(samples.length);
  const buckets: StateSample[][] = [];
  for (let i = 0; i < samples.length; i += size) buckets.push(samples.slice(i, i + size));
  return buckets;
}

const maxOf = (bucket: readonly StateSample[], read: (s: StateSample) => number) => bucket.reduce((m, s) => Math.max(m, read(s)), -Infinity);

export function episodeTrajectory(incident: WorldRun, control: WorldRun, side: 'buy' | 'sell', qtyShares: number, tickSize: number): EpisodeTrajectory {
  const buckets = bucketed(incident.samples);
  const tNs = buckets.map((b) => b[b.length - 1].atNs);
  const last = (b: readonly StateSample[]) => b[b.length - 1];
  const children = incident.router.childLog;
  const fills = incident.truth.fills;
  return {
    tNs,
    liveSetSimilarity: buckets.map((b) => round(b.reduce((m, s) => Math.min(m, s.liveSetSimilarity), 1), 3)),
    residualBelievedShares: buckets.map((b) => last(b).residualObsShares),
    residualTrueShares: buckets.map((b) => last(b).residualTrueShares),
    routerReplayBacklogMsgs: buckets.map((b) => maxOf(b, (s) => s.routerReplayBacklogMsgs)),
    venueBacklogMsgs: buckets.map((b) => maxOf(b, (s) => s.venueBacklogMsgs)),
    sessionDown: buckets.map((b) => (b.some((s) => s.anySessionDown) ? 1 : 0)),
    gapOpen: buckets.map((b) => (b.some((s) => s.anyGapOpen) ? 1 : 0)),
    accruedCostBps: accruedCostCurve(incident, side, qtyShares, tNs),
    controlAccruedCostBps: accruedCostCurve(control, side, qtyShares, tNs),
    children: children.slice(0, MAX_ORDERS).map((c) => ({ atNs: c.sentAtNs, qtyShares: c.qtyShares, priceTicks: c.priceTicks, placement: c.placement, purpose: c.purpose })),
    fills: fills.slice(0, MAX_ORDERS).map((f) => ({ atNs: f.atNs, qtyShares: f.qtyShares, priceTicks: f.priceTicks })),
    omitted: { children: Math.max(0, children.length - MAX_ORDERS), fills: Math.max(0, fills.length - MAX_ORDERS) },
    faults: incident.faults.map((f) => ({ kind: f.kind, atNs: f.atNs, durationNs: 'duration' in f ? f.duration : null })),
    market: marketSeries(incident, control, tickSize),
    ...(incident.orderEntry.gatewayPool === undefined ? {} : { gateways: gatewaySeries(incident, bucketSize(incident.samples.length), buckets.length) }),
  };
}
