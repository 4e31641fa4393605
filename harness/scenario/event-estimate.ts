/**
 * How many kernel events one run of a scenario is estimated to take, source by source, for the
 * events-per-run limit (limits.ts, where the rates come from). Each source names the field that
 * drives it, so the limit's message can point at the heartbeat of 1 ns rather than at the scenario.
 */
import { NS_PER_S } from '../../sim/index.ts';
import { CST_2010_PARAMETERS } from '../../venues/flow/index.ts';
import type { ScenarioParts } from './cross-references.ts';
import { EVENTS_PER_MESSAGE, FLOW_EVENTS_PER_SEC_PER_INTENSITY, perSecond, periodic, type EventSource } from './limits.ts';

/** The router's and the harness's own timers: 100 ms samples, the sequencer's 10 ms samples. */
const FIXED_EVENTS_PER_SEC = 10 + 100;

type CstFlow = Pick<Extract<NonNullable<ScenarioParts['market']>['flow'], { model: 'cst' }>, 'k' | 'alpha' | 'mu' | 'theta' | 'maxDistanceTicks'>;

/** The flow FLOW_EVENTS_PER_SEC_PER_INTENSITY was measured on: the paper's fit, five levels (the schema's defaults). */
const CST_DEFAULTS: CstFlow = {
  k: CST_2010_PARAMETERS.limitRateK,
  alpha: CST_2010_PARAMETERS.limitRateAlpha,
  mu: CST_2010_PARAMETERS.marketRate,
  theta: [...CST_2010_PARAMETERS.cancelHazards],
  maxDistanceTicks: 5,
};

/** Levels summed term by term; beyond them the sum of i^-alpha is its integral (a million levels cost no more than a thousand). */
const LEVELS_SUMMED = 1_000;

/** The sum of i^-alpha for i = from..to. */
function powerSum(alpha: number, from: number, to: number): number {
  let sum = 0;
  const summedTo = Math.min(to, from + LEVELS_SUMMED - 1);
  for (let i = from; i <= summedTo; i++) sum += i ** -alpha;
  if (to <= summedTo) return sum;
  const [a, b] = [summedTo + 0.5, to + 0.5];
  return sum + (alpha === 1 ? Math.log(b / a) : (b ** (1 - alpha) - a ** (1 - alpha)) / (1 - alpha));
}

/**
 * Orders a CST flow sends per unit of its time at intensity 1, both sides: limit orders within
 * maxDistanceTicks (k / i^alpha each level), market orders (mu), and about as many cancellations as
 * limit orders (the book's steady state). The events estimate scales with it: a k, mu or depth far
 * above the paper's is as busy as an intensity far above 1.
 */
function cstOrdersPerUnit(flow: CstFlow): number {
  const limitOrders = flow.k * powerSum(flow.alpha, 1, flow.maxDistanceTicks);
  return 2 * (2 * limitOrders + flow.mu);
}

/** Orders the book starts with (venues/flow/cst-parameters.ts initialDepthOrders, without its rounding): k / i^alpha / theta(i) each level, both sides. */
function cstStartingOrders(flow: CstFlow): number {
  const listed = Math.min(flow.theta.length, flow.maxDistanceTicks);
  let orders = 0;
  for (let i = 1; i <= listed; i++) orders += (flow.k * i ** -flow.alpha) / flow.theta[i - 1];
  // Beyond the table, every level has its last value.
  if (flow.maxDistanceTicks > listed) orders += (flow.k * powerSum(flow.alpha, listed + 1, flow.maxDistanceTicks)) / flow.theta[flow.theta.length - 1];
  return 2 * orders;
}

export function eventSources(p: ScenarioParts): EventSource[] {
  if (p.parent === undefined || p.settle === undefined) return [];
  const runNs = p.parent.start + p.parent.horizon + p.settle;
  const sources: EventSource[] = [{ path: '', what: 'the fixed samplers', events: perSecond(FIXED_EVENTS_PER_SEC, runNs) }];
  const flow = p.market?.flow;
  if (flow?.model === 'cst') {
    const windows = Math.max(1, ...p.market!.intensityWindows.map((w) => w.intensity));
    const rates = cstOrdersPerUnit(flow) / cstOrdersPerUnit(CST_DEFAULTS);
    const perSec = (FLOW_EVENTS_PER_SEC_PER_INTENSITY * flow.intensity * windows * rates * NS_PER_S) / Math.max(1, flow.timeUnit);
    sources.push({ path: 'market.flow.intensity', what: 'the background flow', events: perSecond(perSec, runNs) });
    sources.push({ path: 'market.flow.theta', what: "the flow's starting book (limit rate / cancellation rate, each level)", events: cstStartingOrders(flow) });
  }
  if (p.router !== undefined) sources.push(periodic('router.decisionInterval', 'policy decisions', p.router.decisionInterval, runNs));
  if (p.venue !== undefined) {
    sources.push(periodic('venue.sequencer.heartbeatInterval', 'sequencer heartbeats', p.venue.sequencer.heartbeatInterval, runNs));
    sources.push(periodic('venue.feed.heartbeatInterval', 'feed heartbeats', p.venue.feed.heartbeatInterval, runNs));
  }
  p.sessions.forEach((session, i) => {
    // Both ends beat, and each beat crosses the wire.
    if (session !== undefined) sources.push(periodic(`sessions[${i}].heartbeat`, `session ${session.id}'s heartbeats`, session.heartbeat, runNs, 2 * EVENTS_PER_MESSAGE));
  });
  const gateways = p.gateways;
  const pool = gateways?.pool;
  if (pool !== undefined) {
    sources.push({ path: 'gateways.pool.backgroundRatePerSec', what: "other desks' orders", events: perSecond(pool.backgroundRatePerSec * EVENTS_PER_MESSAGE, runNs) });
    if (pool.autoscaler !== undefined) sources.push(periodic('gateways.pool.autoscaler.syncPeriod', 'autoscaler syncs', pool.autoscaler.syncPeriod, runNs));
  }
  if (gateways?.failover !== undefined) sources.push(periodic('gateways.failover.controllerHeartbeat', 'controller heartbeats', gateways.failover.controllerHeartbeat, runNs, 2));
  p.faults.forEach((fault, i) => {
    if (fault?.kind === 'load-spike') sources.push({ path: `faults[${i}].ratePerSec`, what: "a load spike's orders", events: perSecond(fault.ratePerSec * EVENTS_PER_MESSAGE, fault.duration) });
    if (fault?.kind === 'session-resend-storm') sources.push(periodic(`faults[${i}].interval`, "a resend storm's requests", fault.interval, fault.duration, EVENTS_PER_MESSAGE));
  });
  return sources;
}
