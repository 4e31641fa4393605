/**
 * A run's trace hash: the arrival mid, every child order, the acting policy's regime changes, every
 * fill, gateway join and failover, and the end state, in that order. It is hashed from the finished
 * run rather than as the run goes because the regime labels are the policy's own: a run kept for one
 * policy serves another that acts the same on it (kept-runs.ts), and is then hashed with the serving
 * policy's labels; every other record is the run's and does not change.
 */
import { Trace } from '../../sim/index.ts';
import type { WorldRun } from './world.ts';

type RegimeChange = WorldRun['regimes'][number];

type FinishedRun = Pick<WorldRun, 'parentStartNs' | 'decisionPriceTicks' | 'router' | 'truth' | 'orderEntry' | 'venueSide' | 'endNs'>;

export function traceHashOf(run: FinishedRun, regimes: readonly RegimeChange[]): string {
  const { router, truth, orderEntry } = run;
  const trace = new Trace();
  trace.record(run.parentStartNs, 'arrival-mid', run.decisionPriceTicks);
  for (const child of router.childLog) trace.record(child.sentAtNs, 'child', child.clOrdId, child.qtyShares, child.priceTicks, child.placement, child.purpose);
  for (const change of regimes) trace.record(change.atNs, 'regime', change.regime);
  for (const fill of truth.fills) trace.record(fill.atNs, 'fill', fill.orderId, fill.qtyShares, fill.priceTicks);
  for (const join of orderEntry.gatewayPool?.joins ?? []) trace.record(join.bootAtNs, 'gateway-join', join.nodeId, join.tradingReadyAtNs ?? -1);
  for (const side of orderEntry.failovers) {
    const t = side.gateway.timeline;
    if (t.failedAtNs !== undefined) trace.record(t.failedAtNs, 'gateway-failover', t.detectedAtNs ?? -1, t.backupLoggedOnAtNs ?? -1, t.liveSetReconciledAtNs ?? -1, side.gateway.losses.length);
  }
  // Nothing runs after the kernel stops, so the venue's book is the end state whenever this is read.
  trace.record(run.endNs, 'end', truth.filledShares, router.book.filledQtyShares, run.venueSide.venue.book.stateHash());
  return trace.digest();
}
