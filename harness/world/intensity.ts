/**
 * The background flow's intensity over an episode: the session phase's profile (seed 002's open/close
 * amplification: the open relaxes from a burst, the close builds into one, an auction transition is a
 * burst at the parent's start) times any explicit windows in the scenario.
 * Phase burst sizes are assumptions, stated here: 4x intensity and 2x aggression at the peak, over
 * ten minutes, in six steps.
 */
import { NS_PER_MIN, type Ns } from '../../sim/index.ts';
import { ConstantIntensity, PiecewiseIntensity, tradingDayIntensity, type Burst, type IntensityProfile } from '../../venues/flow/index.ts';
import type { Scenario } from '../scenario/index.ts';

const PHASE_BURST: Burst = { durationNs: 10 * NS_PER_MIN, peakIntensity: 4, peakAggression: 2, steps: 6 };

class ProductIntensity implements IntensityProfile {
  constructor(private readonly a: IntensityProfile, private readonly b: IntensityProfile) {}
  intensityAt(timeNs: Ns): number {
    return this.a.intensityAt(timeNs) * this.b.intensityAt(timeNs);
  }
  aggressionAt(timeNs: Ns): number {
    return this.a.aggressionAt(timeNs) * this.b.aggressionAt(timeNs);
  }
  nextChangeAfter(timeNs: Ns): Ns {
    return Math.min(this.a.nextChangeAfter(timeNs), this.b.nextChangeAfter(timeNs));
  }
}

export function buildIntensity(scenario: Scenario, episodeEndNs: Ns): IntensityProfile {
  const closeNs = episodeEndNs + 1;
  let phase: IntensityProfile;
  switch (scenario.phase) {
    case 'midday':
      phase = new ConstantIntensity();
      break;
    case 'open':
      phase = tradingDayIntensity({ openNs: 0, closeNs, open: PHASE_BURST });
      break;
    case 'close':
      phase = tradingDayIntensity({ openNs: 0, closeNs, close: { ...PHASE_BURST, durationNs: Math.min(PHASE_BURST.durationNs, closeNs - 1) } });
      break;
    case 'auction':
      phase = tradingDayIntensity({ openNs: 0, closeNs, transitions: [{ ...PHASE_BURST, atNs: scenario.parent.start }] });
      break;
  }
  const base = scenario.market.flow.model === 'cst' ? new ConstantIntensity(scenario.market.flow.intensity) : new ConstantIntensity();
  let profile: IntensityProfile = new ProductIntensity(phase, base);
  for (const window of scenario.market.intensityWindows) {
    profile = new ProductIntensity(
      profile,
      new PiecewiseIntensity([
        ...(window.from > 0 ? [{ startNs: 0, intensity: 1, aggression: 1 }] : []),
        { startNs: window.from, intensity: window.intensity, aggression: window.aggression },
        { startNs: window.to, intensity: 1, aggression: 1 },
      ]),
    );
  }
  return profile;
}
