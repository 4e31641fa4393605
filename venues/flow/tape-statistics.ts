/**
 * What a market tape says about its own market (docs/MARKET-MODEL.md: "the flow's own sigma and V, measured from the
 * simulated tape, are the ones the impact law is calibrated with"): the realised variance of its mid over
 * a window, sampled at a step beyond the mid's bid-ask bounce, and the volume it traded there.
 * Units: ticks squared, shares, ns.
 */
import { invariant, type Ns } from '../../sim/index.ts';
import type { MarketTape } from './market-tape.ts';

export interface TapeWindowStatistics {
  /** Sum of squared mid changes over the window at the sampling step (ticks^2). */
  realisedVarianceTicks2: number;
  volumeShares: number;
}

export function tapeWindowStatistics(tape: MarketTape, fromNs: Ns, toNs: Ns, stepNs: Ns): TapeWindowStatistics {
  invariant(toNs > fromNs && stepNs > 0, 'a window needs from < to and a positive step');
  let variance = 0;
  let previous = tape.midTicksAt(fromNs);
  for (let t = fromNs + stepNs; t <= toNs; t += stepNs) {
    const mid = tape.midTicksAt(t);
    if (!Number.isNaN(mid) && !Number.isNaN(previous)) variance += (mid - previous) ** 2;
    if (!Number.isNaN(mid)) previous = mid;
  }
  return { realisedVarianceTicks2: variance, volumeShares: tape.tradedSharesBetween(fromNs, toNs) };
}
