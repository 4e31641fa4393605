import { describe, expect, it } from 'vitest';
import { firstReconnectNs, reconnectKpis } from '../../../harness/episode/reconnect-kpis.ts';
import type { StateSample, WorldRun } from '../../../harness/episode/world.ts';
import { runEpisode } from '../../../harness/episode/run-episode.ts';

const S = 1e9;

/** Only what the reconnect KPIs read of a run: its faults, its ports' session events, its fills and state samples. */
function handBuilt(events: { atS: number; type: string }[][], fills: { atS: number; qtyShares: number }[], samples: Partial<StateSample>[]): WorldRun {
  return {
    faults: [{ atNs: 50 * S }],
    orderEntry: { ports: events.map((port) => ({ events: port.map((e) => ({ atNs: e.atS * S, event: { type: e.type } })) })) },
    truth: { fills: fills.map((f) => ({ ...f, atNs: f.atS * S })) },
    samples: samples.map((s) => ({ liveSetSimilarity: 1, trueWorkingOrders: 0, ...s })),
  } as unknown as WorldRun;
}

// A 100 s parent from t = 0: the schedule's target share at t is t / 100 s.
const target = (ns: number) => ns / (100 * S);

describe('reconnect KPIs', () => {
  const run = handBuilt(
    [
      [{ atS: 0, type: 'logged-on' }, { atS: 40, type: 'disconnected' }, { atS: 41, type: 'logged-on' }, { atS: 55, type: 'disconnected' }, { atS: 70, type: 'logged-on' }],
      [{ atS: 0, type: 'logged-on' }],
    ],
    [{ atS: 30, qtyShares: 3000 }, { atS: 60, qtyShares: 1000 }, { atS: 70.05, qtyShares: 500 }],
    [{ atNs: 69.9 * S, trueWorkingOrders: 4, liveSetSimilarity: 1 }, { atNs: 70 * S, trueWorkingOrders: 3 }, { atNs: 70.1 * S, liveSetSimilarity: 0.5 }],
  );

  it('takes the first logon after a disconnect at or after the first fault, not an earlier one', () => {
    expect(firstReconnectNs(run, 50 * S)).toBe(70 * S);
  });

  it('reads the deficit, the resting orders and the live-set similarity around it', () => {
    // At 70 s the target is 70% and 4,000 of 10,000 shares are filled (the fill at 70.05 s comes after).
    expect(reconnectKpis(run, 10_000, target)).toEqual({ DEFICIT_AT_RECONNECT: 0.7 - 0.4, RESTING_AT_RECONNECT: 3, LSS_AFTER_RECONNECT: 0.5 });
  });

  it('is null when no session went down and came back after the first fault', () => {
    const steady = handBuilt([[{ atS: 0, type: 'logged-on' }, { atS: 60, type: 'disconnected' }]], [], []);
    expect(reconnectKpis(steady, 10_000, target)).toEqual({ DEFICIT_AT_RECONNECT: null, RESTING_AT_RECONNECT: null, LSS_AFTER_RECONNECT: null });
  });

  it('is measured in an episode whose session drops and reconnects', () => {
    const record = runEpisode({ scenarioFile: 'scenarios/000-order-entry-divergence.yaml', policy: 'naive', params: {}, seed: 1 });
    const { DEFICIT_AT_RECONNECT: deficit, RESTING_AT_RECONNECT: resting, LSS_AFTER_RECONNECT: lss } = record.metrics;
    expect(deficit).toBeGreaterThan(-1);
    expect(deficit).toBeLessThan(1);
    expect(Number.isInteger(resting)).toBe(true);
    expect(lss).toBeGreaterThanOrEqual(0);
    expect(lss).toBeLessThanOrEqual(1);
  }, 30_000);
});
