/**
 * The state, replay and recovery KPIs of METRICS.md for one incident run (with its control run where
 * the definition compares), and seed 002's runbook timeline. Every number is computed from what the
 * run recorded: state samples every 100 ms (truth beside belief), the router's decisions and child
 * orders, the router's session events, and the venue's sequencer. A KPI that does not apply to the
 * run (no fault, no recovery) is null, never zero by default.
 * Units: times in ms unless the name says otherwise, quantities in shares.
 */
import { NS_PER_MS, quantile, type Ns } from '../../sim/index.ts';
import { failoverKpis, gatewayKpis, orderServerKpis } from './gateway-kpis.ts';
import { reconnectKpis } from './reconnect-kpis.ts';
import type { StateSample, WorldRun } from './world.ts';

/** METRICS.md BSR: a decision on a book older than this is a stale-book decision. */
export const BOOK_FRESHNESS_BOUND_NS = 250 * NS_PER_MS;
const SAMPLE_MS = 100;
/** CATCHUP_OVERSHOOT: catch-up beyond the true need by more than this margin. */
export const OVERSHOOT_MARGIN = 0.1;

const ms = (ns: Ns | undefined): number | null => (ns === undefined ? null : ns / NS_PER_MS);
const p95 = (values: number[]): number | null => (values.length ? quantile(values, 0.95) : null);

/** The router's state is authoritative: sessions up, no gap, no child of unknown fate. */
const routerClean = (s: StateSample) => !s.anySessionDown && !s.anyGapOpen && s.unknownChildren === 0;
/** Belief equals truth: same working orders, same residual. */
const converged = (s: StateSample) => s.liveSetSimilarity === 1 && s.residualObsShares === s.residualTrueShares;

export interface Runbook {
  gapDetectedMs: number | null;
  resendRequestedMs: number | null;
  replayStartedMs: number | null;
  replayClearedMs: number | null;
  authoritativeResidualRestoredMs: number | null;
  normalControllerReenabledMs: number | null;
}

export function runbookTimeline(run: WorldRun): Runbook {
  const firstFault = run.faults[0]?.atNs;
  const events = run.orderEntry.ports.flatMap((p) => p.events).filter((e) => firstFault !== undefined && e.atNs >= firstFault);
  const first = (type: string) => events.find((e) => e.event.type === type)?.atNs;
  const detected = Math.min(first('gap-detected') ?? Infinity, first('disconnected') ?? Infinity);
  const gapDetected = Number.isFinite(detected) ? detected : undefined;
  const replayStarted = gapDetected === undefined ? undefined : run.orderEntry.ports.flatMap((p) => p.possDupTimesNs).find((t) => t >= gapDetected);
  const replayCleared = gapDetected === undefined ? undefined : events.find((e) => e.event.type === 'gap-closed' && e.atNs >= gapDetected)?.atNs;
  // Restored: the first clean, converged sample after the first one that was not.
  const disturbed = gapDetected === undefined ? undefined : run.samples.find((s) => s.atNs >= gapDetected && !(routerClean(s) && converged(s)))?.atNs;
  const restored = disturbed === undefined ? undefined : run.samples.find((s) => s.atNs > disturbed && routerClean(s) && converged(s))?.atNs;
  const normalRegime = run.router.regimeTimeline[0]?.regime;
  const reenabled = restored === undefined ? undefined : run.router.regimeTimeline.find((r) => r.atNs >= (gapDetected as number) && r.regime === normalRegime)?.atNs;
  const relative = (t: Ns | undefined) => (t === undefined || firstFault === undefined ? null : ms(t - firstFault));
  return {
    gapDetectedMs: relative(gapDetected),
    resendRequestedMs: relative(first('resend-requested')),
    replayStartedMs: relative(replayStarted),
    replayClearedMs: relative(replayCleared),
    authoritativeResidualRestoredMs: relative(restored),
    normalControllerReenabledMs: relative(reenabled),
  };
}

/** The schedule's target at a time, as a share of the parent: what "the true need" is measured against. */
export type TargetShare = (timeNs: Ns) => number;

export function stateKpis(run: WorldRun, control: WorldRun, parentQtyShares: number, targetShare: TargetShare): Record<string, number | null> {
  const samples = run.samples.filter((s) => s.atNs <= run.parentEndNs);
  const firstFault = run.faults[0]?.atNs;
  const recovering = samples.filter((s) => !routerClean(s) || !converged(s) || s.venueBacklogMsgs > 0);
  const lss = samples.map((s) => s.liveSetSimilarity);

  // FDS and detection lag: fault injection -> first signal the router could see -> policy leaves its normal regime.
  const normalRegime = run.router.regimeTimeline[0]?.regime;
  const signal = firstFault === undefined ? undefined : samples.find((s) => s.atNs >= firstFault && !routerClean(s))?.atNs;
  const sessionSignal = firstFault === undefined ? undefined : run.orderEntry.ports.flatMap((p) => p.events).find((e) => e.atNs >= firstFault && e.event.type !== 'logged-on')?.atNs;
  const firstSignal = [signal, sessionSignal].filter((t): t is number => t !== undefined).sort((a, b) => a - b)[0];
  const policyEntry = firstSignal === undefined ? undefined : run.router.regimeTimeline.find((r) => r.atNs >= firstSignal && r.regime !== normalRegime)?.atNs;
  const cleanAgain = firstSignal === undefined ? undefined : samples.find((s) => s.atNs > firstSignal && routerClean(s))?.atNs;
  const backToNormal = cleanAgain === undefined ? undefined : run.router.regimeTimeline.find((r) => r.atNs >= cleanAgain && r.regime === normalRegime)?.atNs;
  const convergedAgain = firstSignal === undefined ? undefined : samples.find((s) => s.atNs > firstSignal && routerClean(s) && converged(s))?.atNs;

  // Replay at the venue.
  const venueRecovery = samples.filter((s) => s.venueBacklogMsgs > 0);

  // Decisions on stale books, ack latency against control.
  const decisions = run.router.decisionLog.filter((d) => d.atNs <= run.parentEndNs);
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
    ror = catchupAfter === 0 && trueNeed === 0 ? 0 : catchupAfter / Math.max(trueNeed, 1);
  }
  return {
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
    CID: run.router.book.reportsReceived ? run.router.book.causalityInversions / run.router.book.reportsReceived : null,
    BSR: decisions.length ? decisions.filter((d) => d.marketAgeNs > BOOK_FRESHNESS_BOUND_NS).length / decisions.length : null,
    AAT95_MS: incidentAck === null || controlAck === null ? null : incidentAck - controlAck,
    GRS: samples.length ? samples.filter((s) => s.anyGapOpen).length / samples.length : null,
    PES: inRecovery ? possDup / inRecovery : null,
    GFR: gapFilled + resent ? gapFilled / (gapFilled + resent) : null,
    FIX_REPLAY_BACKLOG_MAX: venueStats.reduce((max, s) => Math.max(max, s.outboundBacklogMax), 0),
    ROR: ror,
    CATCHUP_OVERSHOOT: ror === null ? null : Number(ror > 1 + OVERSHOOT_MARGIN),
    ...gatewayKpis(run, control),
    ...orderServerKpis(run),
    ...failoverKpis(run),
    ...reconnectKpis(run, parentQtyShares, targetShare),
  };
}
