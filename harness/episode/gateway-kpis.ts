/**
 * Playbook 003's autoscaling KPIs (METRICS.md) for one incident run against its control run. Null when
 * the scenario has no gateway pool, or when the KPI has nothing to measure (no node joined).
 *
 * Choices where the seed leaves the definition open:
 * - A scale event is a node joining the pool (autoscaler scale-out, a cold start, a restart after a
 *   crash); it starts taking flow when it becomes trading-ready, so windows "after a scale event" open then.
 * - Trading-stable (WARMUP_T95_SEC): trading-ready with its mean warm-up multiplier within the pool's
 *   warm band of steady, checked every 100 ms; a node that never got there counts with the time it
 *   was observed (a lower bound), so a curve with no steady state shows as a long time, not a gap.
 * - A p99 breach (TAIL_BREACH_AFTER_SCALE) is a router order, decided inside the guard window after a
 *   scale event, whose decision-to-wire latency exceeded the control run's p99 (the matched baseline),
 *   or that never reached the wire.
 * - POST_SCALE_IS_BPS_DELTA: the cost of the fills from the first scale event to the horizon against
 *   the decision price, bps of the parent's notional, incident minus control over the same window.
 * Units: seconds, fractions, counts, bps as named.
 */
import { NS_PER_MS, NS_PER_S, quantile } from '../../sim/index.ts';
import { accruedCostCurve } from './trajectory.ts';
import type { WorldRun } from './world.ts';

export const GATEWAY_KPI_NAMES = ['WARMUP_T95_SEC', 'COLD_FLOW_SHARE', 'COLD_FLOW_SHARE_AFTER_SCALE', 'TAIL_BREACH_AFTER_SCALE', 'POST_SCALE_IS_BPS_DELTA', 'SCALE_EVENTS', 'GATEWAY_LOST_MSGS'] as const;

export function gatewayKpis(run: WorldRun, control: WorldRun): Record<(typeof GATEWAY_KPI_NAMES)[number], number | null> {
  const pool = run.orderEntry.gatewayPool;
  const controlPool = control.orderEntry.gatewayPool;
  if (pool === undefined || controlPool === undefined) return Object.fromEntries(GATEWAY_KPI_NAMES.map((name) => [name, null])) as Record<(typeof GATEWAY_KPI_NAMES)[number], null>;
  const lastSampleNs = pool.samples.length ? pool.samples[pool.samples.length - 1].atNs : run.parentEndNs;
  const joins = pool.joins;
  const toStable = joins.map((join) => ((join.stableAtNs ?? lastSampleNs) - join.bootAtNs) / NS_PER_S);

  const orders = pool.routerOrders;
  const controlLatencies = controlPool.routerOrders.flatMap((o) => (o.decisionToWireNs === undefined ? [] : [o.decisionToWireNs]));
  const baselineP99 = controlLatencies.length ? quantile(controlLatencies, 0.99) : undefined;
  const windows = joins.flatMap((join) => (join.tradingReadyAtNs === undefined ? [] : [[join.tradingReadyAtNs, join.tradingReadyAtNs + pool.spec.guardWindow]]));
  const inWindow = (t: number) => windows.some(([from, to]) => t >= from && t < to);
  const breaches =
    baselineP99 === undefined ? null : orders.filter((o) => inWindow(o.decisionAtNs) && (o.decisionToWireNs === undefined || o.decisionToWireNs > baselineP99)).length;

  // While some node that joined is trading-ready but not yet warm: the flow a warm-up-aware router would hold back.
  const coldPeriods = joins.flatMap((join) => (join.tradingReadyAtNs === undefined ? [] : [[join.tradingReadyAtNs, join.warmAtNs ?? lastSampleNs] as const]));
  const afterScale = orders.filter((o) => coldPeriods.some(([from, to]) => o.decisionAtNs >= from && o.decisionAtNs < to));

  const firstScaleNs = windows.length ? Math.min(...windows.map(([from]) => from)) : undefined;
  let postScaleDelta: number | null = null;
  if (firstScaleNs !== undefined && firstScaleNs < run.parentEndNs) {
    const window = [firstScaleNs, run.parentEndNs];
    const [before, after] = accruedCostCurve(run, run.parentSide, run.parentQtyShares, window);
    const [controlBefore, controlAfter] = accruedCostCurve(control, control.parentSide, control.parentQtyShares, window);
    postScaleDelta = after - before - (controlAfter - controlBefore);
  }
  return {
    WARMUP_T95_SEC: toStable.length ? quantile(toStable, 0.95) : null,
    COLD_FLOW_SHARE: orders.length ? orders.filter((o) => o.cold).length / orders.length : null,
    COLD_FLOW_SHARE_AFTER_SCALE: afterScale.length ? afterScale.filter((o) => o.cold).length / afterScale.length : null,
    TAIL_BREACH_AFTER_SCALE: windows.length ? breaches : null,
    POST_SCALE_IS_BPS_DELTA: postScaleDelta,
    SCALE_EVENTS: joins.length,
    GATEWAY_LOST_MSGS: pool.routerMessagesLost,
  };
}

/**
 * Playbook 004's order-server KPIs. METRICS.md names none for playbook 004, so these follow the seed's own
 * words; null when the scenario has no order server, or nothing happened to measure.
 * - OS_OUTAGE_SEC: the first outage, from the process going down to the router's next order book
 *   (the gateway as the traders see it: "cannot submit orders via the CFE Gateway").
 * - OS_STARTUP_SEC / OS_LOG_RECORDS: that restart's log read ("large *_Mode_orders.tbl files can slow
 *   Order Server startup by up to several minutes") and the records it read.
 * - OS_MISSED_FILL_SHARES: fills the router learnt only through recovery (the order book's fills, the
 *   phone desk's answer): filled at the venue while the gateway could not report them.
 * - ORPHANED_ORDERS: distinct orders in the administrator's inbox and the phone desk's log.
 * - PHONE_CANCELLED_ORDERS: working orders the exchange cancelled on the phone.
 * - OS_REFUSED_ACTIONS: router actions refused (gateway down or starting) or rejected with the exchange link down.
 */
export const ORDER_SERVER_KPI_NAMES = ['OS_OUTAGE_SEC', 'OS_STARTUP_SEC', 'OS_LOG_RECORDS', 'OS_MISSED_FILL_SHARES', 'ORPHANED_ORDERS', 'PHONE_CANCELLED_ORDERS', 'OS_REFUSED_ACTIONS'] as const;

export function orderServerKpis(run: WorldRun): Record<(typeof ORDER_SERVER_KPI_NAMES)[number], number | null> {
  const servers = run.orderEntry.orderServers;
  if (servers.length === 0) return Object.fromEntries(ORDER_SERVER_KPI_NAMES.map((name) => [name, null])) as Record<(typeof ORDER_SERVER_KPI_NAMES)[number], null>;
  const outage = servers.flatMap((side) => side.outages).sort((a, b) => a.downAtNs - b.downAtNs)[0];
  const seconds = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? null : (to - from) / NS_PER_S);
  const sum = (f: (side: (typeof servers)[number]) => number) => servers.reduce((total, side) => total + f(side), 0);
  return {
    OS_OUTAGE_SEC: outage === undefined ? null : seconds(outage.downAtNs, outage.bookAtNs),
    OS_STARTUP_SEC: outage === undefined ? null : seconds(outage.restartAtNs, outage.startupEndsAtNs),
    OS_LOG_RECORDS: outage?.recordsRead ?? null,
    OS_MISSED_FILL_SHARES: sum((side) => side.port.recoveredFillShares),
    ORPHANED_ORDERS: sum((side) => new Set(side.orphans.records.map((record) => record.clOrdId)).size),
    PHONE_CANCELLED_ORDERS: sum((side) => side.phone.calls.reduce((n, call) => n + call.cancelled, 0)),
    OS_REFUSED_ACTIONS: sum((side) => side.port.refusals),
  };
}

/**
 * Playbook 000's failover pair KPIs, from the pair's timeline (router-observable milestones) and its loss
 * records (truth); null when the scenario has no pair or its primary did not fail.
 * - FO_DETECTION_MS: primary failure to the controller's detection (the blind window).
 * - FO_TRANSPORT_MS: detection to the backup's logon (transport recovery).
 * - FO_STATE_MS: the backup's logon to the live set reconciled (state recovery; null when given up).
 * - FO_UNCERTAIN_ORDERS: orders uncertain at detection; FO_STATUS_REQUESTS: status requests the pair sent.
 * - FO_LOST_REQUESTS: router requests lost inside the primary or sent into the blind window.
 * - FO_LOST_REPORTS: venue reports lost on the primary's return path.
 * - FO_UNRESOLVED_ORDERS: orders still uncertain when state recovery gave up.
 */
export const FAILOVER_KPI_NAMES = ['FO_DETECTION_MS', 'FO_TRANSPORT_MS', 'FO_STATE_MS', 'FO_UNCERTAIN_ORDERS', 'FO_STATUS_REQUESTS', 'FO_LOST_REQUESTS', 'FO_LOST_REPORTS', 'FO_UNRESOLVED_ORDERS'] as const;

export function failoverKpis(run: WorldRun): Record<(typeof FAILOVER_KPI_NAMES)[number], number | null> {
  const pair = run.orderEntry.failovers.find((side) => side.gateway.timeline.failedAtNs !== undefined)?.gateway;
  if (pair === undefined) return Object.fromEntries(FAILOVER_KPI_NAMES.map((name) => [name, null])) as Record<(typeof FAILOVER_KPI_NAMES)[number], null>;
  const t = pair.timeline;
  const msBetween = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? null : (to - from) / NS_PER_MS);
  const count = (reasons: readonly string[]) => pair.losses.filter((loss) => reasons.includes(loss.reason)).length;
  return {
    FO_DETECTION_MS: msBetween(t.failedAtNs, t.detectedAtNs),
    FO_TRANSPORT_MS: msBetween(t.detectedAtNs, t.backupLoggedOnAtNs),
    FO_STATE_MS: msBetween(t.backupLoggedOnAtNs, t.liveSetReconciledAtNs),
    FO_UNCERTAIN_ORDERS: t.uncertainAtDetection,
    FO_STATUS_REQUESTS: t.statusRequestsSent,
    FO_LOST_REQUESTS: count(['inside-primary', 'sent-to-dead-primary']),
    FO_LOST_REPORTS: count(['report-inside-primary']),
    FO_UNRESOLVED_ORDERS: count(['unresolved']),
  };
}
