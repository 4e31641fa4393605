import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../harness/scenario/index.ts';
import { findPolicy } from '../../../harness/episode/policy-loader.ts';
import { runWorld } from '../../../harness/episode/world.ts';
import { childSlippages, tailExceedanceRate } from '../../../harness/episode/tail-exceedance.ts';
import { resolveParams } from '../../../policies/index.ts';

const FILE = 'test/fixtures/scenarios/tiny-gap.yaml';

function worlds(seed: number) {
  const loaded = loadScenarioFile(FILE);
  if (!loaded.ok) throw new Error('fixture does not validate');
  const policy = findPolicy('naive').definition;
  const params = resolveParams(policy, {});
  return {
    control: runWorld(loaded.scenario, FILE, policy, params, seed, 'control'),
    again: runWorld(loaded.scenario, FILE, policy, params, seed, 'control'),
  };
}

describe('TEX95 (METRICS.md: realised slippage above the control-fitted q95)', () => {
  const { control, again } = worlds(3);

  it('measures one slippage per filled child, in bps of the mid at acceptance', () => {
    const slippages = childSlippages(control, 'buy');
    expect(slippages.length).toBeGreaterThanOrEqual(20);
    // A buy child fills at or inside a few ticks of the mid it met: far from thousands of bps.
    expect(slippages.every((c) => Math.abs(c.slippageBps) < 200)).toBe(true);
  });

  it('is the share above the fitted q95 (at most 5% plus ties, type 7) when the judged run is the control itself', () => {
    const rate = tailExceedanceRate(again, control, 'buy')!;
    const n = childSlippages(control, 'buy').length;
    expect(rate).toBeGreaterThanOrEqual(0);
    expect(rate).toBeLessThanOrEqual(Math.ceil(0.05 * n) / n);
  });

  it('reads 1 when every judged child slipped beyond the fitted tail, 0 when none did', () => {
    const shifted = { ...control, truth: { ...control.truth, fills: control.truth.fills.map((f) => ({ ...f, priceTicks: f.priceTicks + 1000 })) } } as typeof control;
    expect(tailExceedanceRate(shifted, control, 'buy')).toBe(1);
    const better = { ...control, truth: { ...control.truth, fills: control.truth.fills.map((f) => ({ ...f, priceTicks: f.priceTicks - 1000 })) } } as typeof control;
    expect(tailExceedanceRate(better, control, 'buy')).toBe(0);
  });
});
