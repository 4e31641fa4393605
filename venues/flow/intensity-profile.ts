/**
 * How busy the background flow is over the trading day (seed 002, "Open/close amplification": the
 * same incident costs far more near the open, the close or an auction transition, because the market
 * is moving faster while state is being repaired).
 *
 * A profile gives two multipliers at each instant: `intensity` scales every rate of the flow (more
 * events per second; with all rates scaled alike the price diffuses faster, its variance per second
 * growing in proportion), and `aggression` further scales the market order rate alone (thinner
 * queues, so the price moves more per event). Profiles are piecewise constant: the flow redraws its
 * next event at every change, which is exact for a Markov flow.
 * Leaves out: auction uncrossing itself (no call auction is run; only the surrounding intensity is
 * modelled), and intraday seasonality beyond the bursts below.
 * Units: times in ns of simulation time; multipliers dimensionless (1 = the model's own rates).
 */
import { invariant, type Ns } from '../../sim/index.ts';

export interface IntensityProfile {
  intensityAt(timeNs: Ns): number;
  aggressionAt(timeNs: Ns): number;
  /** The first time after `timeNs` at which either multiplier changes; +Infinity if none does. */
  nextChangeAfter(timeNs: Ns): Ns;
}

export class ConstantIntensity implements IntensityProfile {
  constructor(
    readonly intensity = 1,
    readonly aggression = 1,
  ) {
    invariant(intensity >= 0 && aggression >= 0, 'intensity and aggression must be >= 0');
  }
  intensityAt(): number {
    return this.intensity;
  }
  aggressionAt(): number {
    return this.aggression;
  }
  nextChangeAfter(): Ns {
    return Number.POSITIVE_INFINITY;
  }
}

export interface IntensitySegment {
  startNs: Ns;
  intensity: number;
  aggression: number;
}

/** Segments in increasing start time; each holds until the next one starts. Before the first, the flow is off. */
export class PiecewiseIntensity implements IntensityProfile {
  private readonly startsNs: Float64Array;
  private cursor = 0;

  constructor(readonly segments: readonly IntensitySegment[]) {
    invariant(segments.length > 0, 'a piecewise intensity needs at least one segment');
    segments.forEach((s, i) => {
      invariant(s.intensity >= 0 && s.aggression >= 0, () => `segment ${i}: intensity and aggression must be >= 0`);
      invariant(i === 0 || s.startNs > segments[i - 1].startNs, () => `segment ${i}: start times must increase`);
    });
    this.startsNs = Float64Array.from(segments, (s) => s.startNs);
  }

  intensityAt(timeNs: Ns): number {
    const index = this.indexAt(timeNs);
    return index < 0 ? 0 : this.segments[index].intensity;
  }

  aggressionAt(timeNs: Ns): number {
    const index = this.indexAt(timeNs);
    return index < 0 ? 1 : this.segments[index].aggression;
  }

  nextChangeAfter(timeNs: Ns): Ns {
    const next = this.indexAt(timeNs) + 1;
    return next < this.startsNs.length ? this.startsNs[next] : Number.POSITIVE_INFINITY;
  }

  /** Index of the segment holding `timeNs`, or -1 before the first. Time mostly moves forward, so a cursor is tried first. */
  private indexAt(timeNs: Ns): number {
    const starts = this.startsNs;
    let i = this.cursor;
    if (starts[i] > timeNs) i = 0;
    if (starts[i] > timeNs) return -1;
    while (i + 1 < starts.length && starts[i + 1] <= timeNs) i++;
    this.cursor = i;
    return i;
  }
}

/** A burst of activity: multipliers that start at their peak and relax geometrically to 1 in `steps` equal steps. */
export interface Burst {
  durationNs: Ns;
  peakIntensity: number;
  peakAggression: number;
  /** Number of constant steps approximating the relaxation; 6 if omitted. */
  steps?: number;
}

export interface TradingDay {
  openNs: Ns;
  closeNs: Ns;
  /** Relaxes after the open. */
  open?: Burst;
  /** Builds up into the close (the burst run backwards in time, peaking at the close). */
  close?: Burst;
  /** Auction transitions, halt reopenings: bursts that start at `atNs` and relax. */
  transitions?: ReadonlyArray<Burst & { atNs: Ns }>;
}

/**
 * The usual U-shaped day: off before the open and from the close, bursts after the open, into the
 * close and after each transition, 1 in between. Where bursts overlap, their multipliers multiply.
 */
export function tradingDayIntensity(day: TradingDay): PiecewiseIntensity {
  invariant(day.closeNs > day.openNs, 'the close must come after the open');
  const rising = day.close ? [{ burst: day.close, startNs: day.closeNs - day.close.durationNs }] : [];
  const decaying = [...(day.open ? [{ burst: day.open, startNs: day.openNs }] : []), ...(day.transitions ?? []).map((t) => ({ burst: t, startNs: t.atNs }))];
  const breaks = new Set<Ns>([0, day.openNs, day.closeNs]);
  for (const { burst, startNs } of [...rising, ...decaying]) {
    const steps = burst.steps ?? 6;
    invariant(Number.isInteger(steps) && steps >= 1 && burst.durationNs > 0, 'a burst needs a positive duration and at least one step');
    for (let k = 0; k <= steps; k++) breaks.add(Math.max(0, startNs + Math.ceil((k * burst.durationNs) / steps)));
  }
  const at = (timeNs: Ns) => {
    if (timeNs < day.openNs || timeNs >= day.closeNs) return { startNs: timeNs, intensity: 0, aggression: 1 };
    let intensity = 1;
    let aggression = 1;
    const apply = (burst: Burst, fractionToPeak: number) => {
      intensity *= Math.pow(burst.peakIntensity, fractionToPeak);
      aggression *= Math.pow(burst.peakAggression, fractionToPeak);
    };
    for (const { burst, startNs } of decaying) {
      const step = stepIndex(burst, startNs, timeNs);
      if (step !== undefined) apply(burst, 1 - step / (burst.steps ?? 6));
    }
    for (const { burst, startNs } of rising) {
      const step = stepIndex(burst, startNs, timeNs);
      if (step !== undefined) apply(burst, (step + 1) / (burst.steps ?? 6));
    }
    return { startNs: timeNs, intensity, aggression };
  };
  const segments = [...breaks].sort((a, b) => a - b).map(at);
  return new PiecewiseIntensity(segments.filter((s, i) => i === 0 || s.intensity !== segments[i - 1].intensity || s.aggression !== segments[i - 1].aggression));
}

function stepIndex(burst: Burst, startNs: Ns, timeNs: Ns): number | undefined {
  if (timeNs < startNs || timeNs >= startNs + burst.durationNs) return undefined;
  const steps = burst.steps ?? 6;
  return Math.min(steps - 1, Math.floor(((timeNs - startNs) * steps) / burst.durationNs));
}
