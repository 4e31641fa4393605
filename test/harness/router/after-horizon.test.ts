// A child still unacknowledged at the horizon (a slow link, a cold gateway node) is cancelled once it turns
// out working, instead of resting past the parent's end and trading there (router.ts: cancelLateWorking).
import { describe, expect, it } from 'vitest';
import { runWorld } from '../../../harness/episode/world.ts';
import { parseScenario } from '../../../harness/scenario/load.ts';
import { findBundledPolicy, resolveParams } from '../../../policies/index.ts';

const S = 1_000_000_000;

function slowLinkScenario() {
  const loaded = parseScenario(
    [
      'name: slow-link',
      'title: t',
      'description: d',
      'kind: synthetic',
      'market: { flow: { model: cst, intensity: 5 } }',
      'sessions: [{ id: s1, gateway: gw1, latency: { model: constant, value: 1s } }]',
      'parent: { side: buy, qtyShares: 10000, start: 10s, horizon: 180s }',
    ].join('\n'),
    'slow-link.yaml',
  );
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('; '));
  return loaded.scenario;
}

describe('children after the horizon', () => {
  it('cancels a child acknowledged after the horizon: none of ours trades later than its cancel can arrive', () => {
    const scenario = slowLinkScenario();
    const naive = findBundledPolicy('naive');
    if (naive === undefined) throw new Error('naive');
    const horizonNs = scenario.parent.start + scenario.parent.horizon;
    // The ack of a child sent just before the horizon is back 2 s after it was sent; the next decision
    // interval cancels it, and the cancel is at the venue 1 s later.
    const latestFillNs = horizonNs + 2 * S + scenario.router.decisionInterval + 1 * S;
    let lateCancels = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const run = runWorld(scenario, 'slow-link.yaml', naive, resolveParams(naive, {}), seed, 'control');
      for (const fill of run.truth.fills) expect(fill.atNs).toBeLessThanOrEqual(latestFillNs);
      lateCancels += run.router.cancelsSent.filter((cancel) => cancel.reason === 'horizon' && cancel.atNs > horizonNs).length;
      expect(run.samples.at(-1)?.trueWorkingOrders).toBe(0);
    }
    // Not vacuous: some seeds had a child in flight at the horizon.
    expect(lateCancels).toBeGreaterThan(0);
  });
});
