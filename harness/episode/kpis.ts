/**
 * The state, replay and recovery KPIs of METRICS.md for one incident run (with its control run where
 * the definition compares). Every number is computed from what the
 * run recorded: state samples every 100 ms (truth beside belief), the router's decisions and child
 * orders, the router's session events, and the venue's sequencer. A KPI that does not apply to the
 * run (no fault, no recovery) is null, never zero by default. Each playbook's runbook timeline is in
 * harness/playbooks.
 * Units: times in ms unless the name says otherwise, quantities in shares.
 */
import { NS_PER_MS, NS_PER_S, quantile, type Ns } from '../../sim/index.ts';
import { gapFillRatio } from '../metrics/gap-fill-ratio.ts';
import { converged, earliest, leftNormalAt, normalRegimeAt, routerClean } from '../playbooks/playbook.ts';
import { failoverKpis, gatewayKpis, orderServerKpis } from './gateway-kpis.ts';
import { reconnectKpis } from './reconnect-kpis.ts';
import { accruedCostCurve } from './trajectory.ts';
import type { StateSample, WorldRun } from './world.ts';

/** METRICS.md BSR: a decision on a book older than this is a stale-book decision. */
const BOOK_FRESHNESS_BOUND_NS = 250 * NS_PER_MS;
/** The stale-book rule, one for BSR, the first signal the router could see and explain's triggers. */
export const staleBook = (bookAgeNs: Ns): boolean => bookAgeNs > BOOK_FRESHNESS_BOUND_NS;
const SAMPLE_MS = 100;
/** CATCHUP_OVERSHOOT: catch-up beyond the true need by more than this margin. */
export const OVERSHOOT_MARGIN = 0.1;
/** ROR's denominator is at least one round lot: catch-up against a need of a few shares is measured per lot. */
export const ROR_MIN_NEED_SHARES = 100;
/** RWS: the replay window's "immediate aftermath" (seed 002), after the router's state is authoritative again. */
export const REPLAY_AFTERMATH_NS = 30 * NS_PER_S;

const ms = (ns: Ns | undefined): number | null => (ns === undefined ? null : ns / NS_PER_MS);
const p95 = (values: number[]): number | null => (values.length ? quantile(values, 0.95) : null);

/** What the router sees of the market is stale or recovering: playbook 001's signal of a venue in trouble. */
const marketDisturbed = (s: StateSample) => s.marketRecovering || staleBook(Math.max(s.marketAgeNs, s.marketLastChangeAgeNs));

/** The schedule's target at a time, as a share of the parent: what "the true need" is measured against. */
export type TargetShare = (timeNs: Ns) => number;

/**
 * What clearing the backlog and the replay window cost (METRICS.md BCU, RWS_BPS), from the first signal:
 * - BCU_BPS: mean cost per share, bps of the decision price, of the incident's catch-up and clean-up fills
 *   (children sent after the first signal), minus the control run's mean cost per share over the same
 *   window: the extra paid per unit of backlog cleared; null without catch-up;
 * - RWS_BPS: the IS of the fills from the first signal to REPLAY_AFTERMATH_NS after the router's state was
 *   authoritative again (or the horizon), incident minus control over the same window.
 */
export function backlogCosts(run: WorldRun, control: WorldRun, firstSignal: Ns | undefined, recovered: Ns | undefined): { BCU_BPS: number | null; RWS_BPS: number | null } {
  if (firstSignal === undefined) return { BCU_BPS: null, RWS_BPS: null };
  const end = run.endNs;
  const sign = run.parentSide === 'buy' ? 1 : -1;
  const bps = (w: WorldRun, ticks: number) => (sign * (ticks - w.decisionPriceTicks) * 1e4) / w.decisionPriceTicks;
  const catchupIds = new Set(run.router.childLog.filter((c) => c.sentAtNs >= firstSignal && (c.purpose === 'catchup' || c.purpose === 'cleanup')).map((c) => c.clOrdId));
  const catchupFills = run.truth.fills.filter((f) => catchupIds.has(run.orderEntry.rootClOrdIdOf(f.ownerId, f.orderId) ?? ''));
  const controlFills = control.truth.fills.filter((f) => f.atNs >= firstSignal && f.atNs <= end);
  const meanCost = (w: WorldRun, fills: typeof catchupFills) => fills.reduce((sum, f) => sum + f.qtyShares * bps(w, f.priceTicks), 0) / fills.reduce((n, f) => n + f.qtyShares, 0);
  const bcu = catchupFills.length && controlFills.length ? meanCost(run, catchupFills) - meanCost(control, controlFills) : null;
  const windowEnd = Math.min(end, (recovered ?? run.parentEndNs) + REPLAY_AFTERMATH_NS);
  const window = [firstSignal, windowEnd];
  const [before, after] = accruedCostCurve(run, run.parentSide, run.parentQtyShares, window);
  const [controlBefore, controlAfter] = accruedCostCurve(control, control.parentSide, control.parentQtyShares, window);
  return { BCU_BPS: bcu, RWS_BPS: after - before - (controlAfter - controlBefore) };
}

export function stateKpis(run: WorldRun, control: WorldRun, parentQtyShares: number, targetShare: TargetShare): Record<string, number | null> {
  const samples = run.samples.filter((s) => s.atNs <= run.parentEndNs);
  const firstFault = run.faults[0]?.atNs;
  const recovering = samples.filter((s) => !routerClean(s) || !converged(s) || s.venueBacklogMsgs > 0);
  const lss = samples.map((s) => s.liveSetSimilarity);

  // FDS and detection lag: fault injection -> first signal the router could see -> policy leaves its normal regime.
  const signal = firstFault === undefined ? undefined : samples.find((s) => s.atNs >= firstFault && (!routerClean(s) || marketDisturbed(s)))?.atNs;
  const sessionSignal = firstFault === undefined ? undefined : run.orderEntry.ports.flatMap((p) => p.events).find((e) => e.atNs >= firstFault && e.event.type !== 'logged-on')?.atNs;
  const firstSignal = earliest(signal, sessionSignal);
  const policyEntry = firstSignal === undefined ? undefined : leftNormalAt(run, firstSignal);
  const cleanAgain = firstSignal === undefined ? undefined : samples.find((s) => s.atNs > firstSignal && routerClean(s))?.atNs;
  const backToNormal = normalRegimeAt(run, cleanAgain);
  const convergedAgain = firstSignal === undefined ? undefined : samples.find((s) => s.atNs > firstSignal && routerClean(s) && converged(s))?.atNs;

  // Replay at the venue.
  const venueRecovery = samples.filter((s) => s.venueBacklogMsgs > 0);

  // Decisions on stale books, ack latency against control.
  const decisions = run.decisions.filter((d) => d.atNs <= run.parentEndNs);
  const ackP95 = (r: WorldRun) => p95(r.router.book.ackLatenciesNs.map((x) => x / NS_PER_MS));
  const incidentAck = ackP95(run);
  const controlAck = ackP95(control);

  // Session replay shares.
  const ports = run.orderEntry.ports;
  const inRecovery = ports.reduce((n, p) => n + p.appReceivedInRecovery, 0);
  const possDup = ports.reduce((n, p) => n + p.possDupInRecovery, 0);
  const venueStats = [...run.orderEntry.venueSessions.values()].map((s) => s.stats);
  const gapFilled = venueStats.reduce((n, s) => n + s.seqsGapFilled, 0);
  const resent = venueStats.reduce((n, s) => n + s.messagesResent, 0);

  // ROR: catch-up sent after recovery against the true deficit at that moment.
  let ror: number | null = null;
  if (convergedAgain !== undefined) {
    const atRecovery = samples.find((s) => s.atNs >= convergedAgain);
    const catchupAfter = run.router.childLog.filter((c) => c.sentAtNs >= convergedAgain && (c.purpose === 'catchup' || c.purpose === 'cleanup')).reduce((n, c) => n + c.qtyShares, 0);
    const trueNeed = atRecovery === undefined ? 0 : Math.max(0, parentQtyShares * targetShare(convergedAgain) - (parentQtyShares - atRecovery.residualTrueShares));
    ror = catchupAfter === 0 && trueNeed === 0 ? 0 : catchupAfter / Math.max(trueNeed, ROR_MIN_NEED_SHARES);
  }
  return {
    ...backlogCosts(run, control, firstSignal, convergedAgain),
    LSS_MIN: lss.length ? Math.min(...lss) : null,
    LSS_BELOW_099_MS: samples.filter((s) => s.liveSetSimilarity < 0.99).length * SAMPLE_MS,
    SUR_QTY: p95(recovering.map((s) => Math.abs(s.residualObsShares - s.residualTrueShares))),
    RWH_MAX: samples.reduce((max, s) => Math.max(max, s.routerReplayBacklogMsgs), 0),
    DETECTION_LAG_MS: firstFault === undefined || firstSignal === undefined ? null : ms(firstSignal - firstFault),
    FDS_MS: firstSignal === undefined || policyEntry === undefined ? null : ms(policyEntry - firstSignal),
    SDL_MS: cleanAgain === undefined || backToNormal === undefined ? null : ms(backToNormal - cleanAgain),
    RCL_MS: firstSignal === undefined || convergedAgain === undefined ? null : ms(convergedAgain - firstSignal),
    RBL95: p95(venueRecovery.map((s) => s.venueBacklogMsgs)),
    RLD95: p95(venueRecovery.map((s) => s.venueReplayLagNs / NS_PER_MS)),
    BUSTED_FILL_SHARES: run.truth.bustedFills.reduce((n, fill) => n + fill.qtyShares, 0),
    CID: run.router.book.reportsReceived ? run.router.book.causalityInversions / run.router.book.reportsReceived : null,
    BSR: decisions.length ? decisions.filter((d) => staleBook(d.marketAgeNs)).length / decisions.length : null,
    AAT95_MS: incidentAck === null || controlAck === null ? null : incidentAck - controlAck,
    GRS: samples.length ? samples.filter((s) => s.anyGapOpen).length / samples.length : null,
    PES: inRecovery ? possDup / inRecovery : null,
    GFR: gapFillRatio(gapFilled, resent),
    FIX_REPLAY_BACKLOG_MAX: venueStats.reduce((max, s) => Math.max(max, s.outboundBacklogMax), 0),
    ROR: ror,
    CATCHUP_OVERSHOOT: ror === null ? null : Number(ror > 1 + OVERSHOOT_MARGIN),
    ...gatewayKpis(run, control),
    ...orderServerKpis(run),
    ...failoverKpis(run),
    ...reconnectKpis(run, parentQtyShares, targetShare),
  };
}
