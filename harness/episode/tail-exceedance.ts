/**
 * TEX95 (METRICS.md): the rate at which realised slippage exceeds its predicted q95, the prediction
 * being the harness's regime-conditional quantile fitted on the episode's control run (same seed,
 * no faults). Realised slippage is per filled child order: sign x (its volume-weighted fill price -
 * the mid when the venue accepted it), bps of that mid. A child is judged against the control's q95
 * for the regime it was sent in when the control run sent at least `MIN_FIT_CHILDREN` children in
 * that regime, else against the control's pooled q95 (incident regimes such as GAP_OPEN rarely occur
 * without faults). With the incident equal to its control, TEX95 is about 0.05; well above says the
 * incident pushed slippage into a tail the calm-market model does not predict. Null when the control
 * filled fewer than `MIN_FIT_CHILDREN` children.
 */
import { quantile } from '../../sim/index.ts';
import type { WorldRun } from './world.ts';

export const MIN_FIT_CHILDREN = 20;

interface ChildSlippage {
  regime: string;
  slippageBps: number;
}

type Regimes = readonly { atNs: number; regime: string }[];

function regimeAt(regimes: Regimes, atNs: number): string {
  let regime = regimes[0]?.regime ?? '';
  for (const change of regimes) {
    if (change.atNs > atNs) break;
    regime = change.regime;
  }
  return regime;
}

export function childSlippages(run: WorldRun, side: 'buy' | 'sell'): ChildSlippage[] {
  const sign = side === 'buy' ? 1 : -1;
  const sentAt = new Map(run.router.childLog.map((child) => [child.clOrdId, child.sentAtNs]));
  const byChild = new Map<string, { qty: number; notionalTicks: number; arrivalMidTicks: number; sentAtNs: number }>();
  for (const fill of run.truth.fills) {
    const clOrdId = run.orderEntry.rootClOrdIdOf(fill.ownerId, fill.orderId);
    const sentAtNs = clOrdId === undefined ? undefined : sentAt.get(clOrdId);
    const arrivalMidTicks = run.truth.orders.get(fill.orderId)?.arrivalMidTicks;
    if (clOrdId === undefined || sentAtNs === undefined || arrivalMidTicks === undefined || !Number.isFinite(arrivalMidTicks)) continue;
    const entry = byChild.get(clOrdId) ?? { qty: 0, notionalTicks: 0, arrivalMidTicks, sentAtNs };
    entry.qty += fill.qtyShares;
    entry.notionalTicks += fill.qtyShares * fill.priceTicks;
    byChild.set(clOrdId, entry);
  }
  return [...byChild.values()].map((c) => ({
    regime: regimeAt(run.regimes, c.sentAtNs),
    slippageBps: ((sign * (c.notionalTicks / c.qty - c.arrivalMidTicks)) / c.arrivalMidTicks) * 1e4,
  }));
}

/** Regimes are the acting policy's on both runs (`WorldRun.regimes`: a reused run is labelled anew, kept-runs.ts). */
export function tailExceedanceRate(incident: WorldRun, control: WorldRun, side: 'buy' | 'sell'): number | null {
  const fitted = childSlippages(control, side);
  if (fitted.length < MIN_FIT_CHILDREN) return null;
  const pooled = quantile(fitted.map((c) => c.slippageBps), 0.95);
  const byRegime = new Map<string, number>();
  for (const regime of new Set(fitted.map((c) => c.regime))) {
    const sample = fitted.filter((c) => c.regime === regime).map((c) => c.slippageBps);
    if (sample.length >= MIN_FIT_CHILDREN) byRegime.set(regime, quantile(sample, 0.95));
  }
  const judged = childSlippages(incident, side);
  if (judged.length === 0) return null;
  return judged.filter((c) => c.slippageBps > (byRegime.get(c.regime) ?? pooled)).length / judged.length;
}
