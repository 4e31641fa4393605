/**
 * Implementation shortfall of one run from venue truth, and its split by what each child order was
 * for (playbook 000: normal flow, re-entry after cancel, catch-up, forced clean-up), plus missed trade and
 * overfill unwind. Fills count toward the paper portfolio in venue time order, as in `shortfall.ts`, so
 * the purpose costs and the missed-trade and unwind terms add up to the total exactly.
 * Units: bps of the paper notional (parent quantity x decision price).
 */
import type { ChildPurpose } from '../router/router.ts';
import { implementationShortfall, type Shortfall } from '../metrics/index.ts';
import type { WorldRun } from './world.ts';

export type PurposeCosts = Record<ChildPurpose, number>;

export interface RunCost {
  shortfall: Shortfall;
  /** Cost of the fills of each purpose against the decision price, bps. */
  byPurposeBps: PurposeCosts;
  /** Shares filled for each purpose. */
  sharesByPurpose: PurposeCosts;
}

export function runCost(run: WorldRun, tickSize: number, side: 'buy' | 'sell', qtyShares: number): RunCost {
  const sign = side === 'buy' ? 1 : -1;
  const decisionPrice = run.decisionPriceTicks * tickSize;
  const purposeOf = new Map(run.router.childLog.map((child) => [child.clOrdId, child.purpose]));
  const fills = run.truth.fills.map((fill) => {
    const order = run.truth.orders.get(fill.orderId);
    const root = run.orderEntry.rootClOrdIdOf(fill.ownerId, fill.orderId);
    const purpose = (root !== undefined ? purposeOf.get(root) : undefined) ?? 'normal';
    return { qtyShares: fill.qtyShares, price: fill.priceTicks * tickSize, arrivalPrice: (order?.arrivalMidTicks ?? run.decisionPriceTicks) * tickSize, purpose };
  });
  const shortfall = implementationShortfall({
    side,
    qtyShares,
    decisionPrice,
    fills,
    finalPrice: remainderPriceTicks(run, side, qtyShares - Math.min(qtyShares, run.truth.filledShares)) * tickSize,
    unwindPrice: remainderPriceTicks(run, side === 'buy' ? 'sell' : 'buy', Math.max(0, run.truth.filledShares - qtyShares)) * tickSize,
  });
  const byPurposeBps: PurposeCosts = { normal: 0, reentry: 0, catchup: 0, cleanup: 0 };
  const sharesByPurpose: PurposeCosts = { normal: 0, reentry: 0, catchup: 0, cleanup: 0 };
  let room = qtyShares;
  const notional = qtyShares * decisionPrice;
  for (const fill of fills) {
    const counted = Math.min(fill.qtyShares, room);
    room -= counted;
    byPurposeBps[fill.purpose] += ((sign * (fill.price - decisionPrice) * counted) / notional) * 1e4;
    sharesByPurpose[fill.purpose] += fill.qtyShares;
  }
  return { shortfall, byPurposeBps, sharesByPurpose };
}

/**
 * What trading `qtyShares` on `side` at the horizon would have cost per share (Perold's missed-trade
 * price; docs/MARKET-MODEL.md): the far touch at the horizon plus the impact the block would add, from the run's
 * impact model at its end (after any clean-up). Without an impact model, the far touch alone.
 */
function remainderPriceTicks(run: WorldRun, side: 'buy' | 'sell', qtyShares: number): number {
  const farTouch = side === 'buy' ? run.horizon.askTicks : run.horizon.bidTicks;
  const signed = side === 'buy' ? qtyShares : -qtyShares;
  return farTouch + (run.market?.impact.blockImpactTicks(run.endNs, signed) ?? 0);
}

/**
 * Playbook 000's decomposition IS_FO = C_divergence + C_queue_reset + C_throttle + C_catchup + residual:
 * C_divergence is what not knowing cost (incident minus oracle); the rest splits oracle minus control
 * by purpose: re-entry flow is queue reset, catch-up and clean-up flow and overfill unwinding are
 * catch-up, missed trade is throttle (under-participation); the residual is the normal flow's
 * difference, the market's doing, reported rather than hidden.
 */
export function attribute(incident: RunCost, control: RunCost, oracle: RunCost) {
  const isFo = incident.shortfall.bps.total - control.shortfall.bps.total;
  const divergence = incident.shortfall.bps.total - oracle.shortfall.bps.total;
  const queueReset = oracle.byPurposeBps.reentry - control.byPurposeBps.reentry;
  const catchupOf = (c: RunCost) => c.byPurposeBps.catchup + c.byPurposeBps.cleanup + c.shortfall.bps.overfillUnwind;
  const catchup = catchupOf(oracle) - catchupOf(control);
  const throttle = oracle.shortfall.bps.missedTrade - control.shortfall.bps.missedTrade;
  return {
    IS_FO_BPS: isFo,
    C_DIVERGENCE_BPS: divergence,
    C_QUEUE_RESET_BPS: queueReset,
    C_THROTTLE_BPS: throttle,
    C_CATCHUP_BPS: catchup,
    ATTRIBUTION_RESIDUAL_BPS: isFo - divergence - queueReset - throttle - catchup,
  };
}
