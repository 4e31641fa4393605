/**
 * How many kernel events one run of a scenario is estimated to take, source by source, for the
 * events-per-run limit (limits.ts, where the rates come from). Each source names the field that
 * drives it, so the limit's message can point at the heartbeat of 1 ns rather than at the scenario.
 */
import { NS_PER_S } from '../../sim/index.ts';
import type { ScenarioParts } from './cross-references.ts';
import { EVENTS_PER_MESSAGE, FLOW_EVENTS_PER_SEC_PER_INTENSITY, perSecond, periodic, type EventSource } from './limits.ts';

/** The router's and the harness's own timers: 100 ms samples, the sequencer's 10 ms samples. */
const FIXED_EVENTS_PER_SEC = 10 + 100;

export function eventSources(p: ScenarioParts): EventSource[] {
  if (p.parent === undefined || p.settle === undefined) return [];
  const runNs = p.parent.start + p.parent.horizon + p.settle;
  const sources: EventSource[] = [{ path: '', what: 'the fixed samplers', events: perSecond(FIXED_EVENTS_PER_SEC, runNs) }];
  const flow = p.market?.flow;
  if (flow?.model === 'cst') {
    const windows = Math.max(1, ...p.market!.intensityWindows.map((w) => w.intensity));
    const perSec = (FLOW_EVENTS_PER_SEC_PER_INTENSITY * flow.intensity * windows * NS_PER_S) / Math.max(1, flow.timeUnit);
    sources.push({ path: 'market.flow.intensity', what: 'the background flow', events: perSecond(perSec, runNs) });
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
