/**
 * The router's position when its session comes back, for the facts that speak of "reconnect" (seed
 * 000: "Queue position is lost and catch-up urgency rises near horizon end", "Treating 'socket
 * reconnected' as equivalent to 'state recovered'"; playbook 002: cancel-all "after reconnect").
 * The reconnect is the router's first logon on a session after that session disconnected, from the
 * first fault on: the backup's logon in a gateway failover, the session's in a disconnect, the order
 * server's return in playbook 004 (its gateway session drops while it is down).
 * - DEFICIT_AT_RECONNECT: the schedule's target share at the reconnect minus the share truly filled by
 *   then (a fraction of the parent; negative when ahead of schedule).
 * - RESTING_AT_RECONNECT: the router's orders resting at the venue at the last state sample before it
 *   (what a cancel-all at reconnect gives up its queue place for).
 * - LSS_AFTER_RECONNECT: live-set similarity at the first state sample after it (below 1: the session
 *   is back but the router's picture of its working orders is not yet right).
 * All null when no session of the router went down and came back. State samples are 100 ms apart.
 */
import type { Ns } from '../../sim/index.ts';
import type { TargetShare } from './kpis.ts';
import type { WorldRun } from './world.ts';

export const RECONNECT_KPI_NAMES = ['DEFICIT_AT_RECONNECT', 'RESTING_AT_RECONNECT', 'LSS_AFTER_RECONNECT'] as const;

type ReconnectKpis = Record<(typeof RECONNECT_KPI_NAMES)[number], number | null>;

/** The first logon, on any of the router's sessions, after that session's disconnect at or after `fromNs`. */
export function firstReconnectNs(run: WorldRun, fromNs: Ns): Ns | undefined {
  const logons = run.orderEntry.ports.flatMap((port) => {
    const down = port.events.find((e) => e.atNs >= fromNs && e.event.type === 'disconnected');
    const back = down === undefined ? undefined : port.events.find((e) => e.atNs >= down.atNs && e.event.type === 'logged-on');
    return back === undefined ? [] : [back.atNs];
  });
  return logons.length === 0 ? undefined : Math.min(...logons);
}

export function reconnectKpis(run: WorldRun, parentQtyShares: number, targetShare: TargetShare): ReconnectKpis {
  const firstFault = run.faults[0]?.atNs;
  const reconnect = firstFault === undefined ? undefined : firstReconnectNs(run, firstFault);
  if (reconnect === undefined) return { DEFICIT_AT_RECONNECT: null, RESTING_AT_RECONNECT: null, LSS_AFTER_RECONNECT: null };
  const filled = run.truth.fills.filter((fill) => fill.atNs <= reconnect).reduce((total, fill) => total + fill.qtyShares, 0);
  const before = run.samples.filter((s) => s.atNs <= reconnect).at(-1);
  const after = run.samples.find((s) => s.atNs > reconnect);
  return {
    DEFICIT_AT_RECONNECT: targetShare(reconnect) - filled / parentQtyShares,
    RESTING_AT_RECONNECT: before?.trueWorkingOrders ?? null,
    LSS_AFTER_RECONNECT: after?.liveSetSimilarity ?? null,
  };
}
