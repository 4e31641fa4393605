import { describe, expect, it } from 'vitest';
import type { EpisodeTrajectory } from '../../../../harness/episode/trajectory.ts';
import { explorerEpisode, regimeSpans, windowsOf } from '../../../../harness/report/html/index.ts';
import { record } from '../../compare/records.ts';

const S = 1e9;

describe('windowsOf', () => {
  const tNs = [1, 2, 3, 4, 5, 6].map((s) => s * S);

  it('turns runs of 1 into windows from the end of the bucket before to the end of the last flagged bucket', () => {
    expect(windowsOf([0, 1, 1, 0, 1, 0], tNs)).toEqual([
      [1, 3],
      [4, 5],
    ]);
  });

  it('starts a window flagged from the first bucket at that bucket and closes one still open at the last', () => {
    expect(windowsOf([1, 0, 0, 0, 1, 1], tNs)).toEqual([
      [1, 1],
      [4, 6],
    ]);
  });

  it('gives no window for a series of zeros or an empty one', () => {
    expect(windowsOf([0, 0, 0, 0, 0, 0], tNs)).toEqual([]);
    expect(windowsOf([], [])).toEqual([]);
  });
});

describe('regimeSpans', () => {
  it('ends each regime where the next starts and the last at the end of the record, marked open', () => {
    const spans = regimeSpans(
      [
        { atNs: 2 * S, regime: 'CLEAN' },
        { atNs: 15.25 * S, regime: 'GAP_OPEN' },
        { atNs: 22.75 * S, regime: 'CLEAN' },
      ],
      40 * S,
    );
    expect(spans).toEqual([
      { regime: 'CLEAN', fromS: 2, toS: 15.25, durationS: 13.25, open: false },
      { regime: 'GAP_OPEN', fromS: 15.25, toS: 22.75, durationS: 7.5, open: false },
      { regime: 'CLEAN', fromS: 22.75, toS: 40, durationS: 17.25, open: true },
    ]);
  });

  it('gives a last regime that starts after the record ends zero length, not a negative one', () => {
    expect(regimeSpans([{ atNs: 5 * S, regime: 'X' }], 0)[0]).toMatchObject({ fromS: 5, toS: 5, durationS: 0 });
  });
});

describe('explorerEpisode', () => {
  const trajectory: EpisodeTrajectory = {
    tNs: [1 * S, 2 * S, 3 * S],
    liveSetSimilarity: [1, 0.5, 1],
    residualBelievedShares: [100, 80, 50],
    residualTrueShares: [100, 70, 50],
    routerReplayBacklogMsgs: [0, 4, 0],
    venueBacklogMsgs: [0, 2, 0],
    sessionDown: [0, 1, 0],
    gapOpen: [0, 1, 1],
    accruedCostBps: [0, 1.5, 2],
    controlAccruedCostBps: [0, 0.5, 1],
    children: [{ atNs: 1_234_567_890, qtyShares: 30, priceTicks: 100, placement: 'passive', purpose: 'catchup' }],
    fills: [{ atNs: 2_500_000_000, qtyShares: 20, priceTicks: 100 }],
    omitted: { children: 0, fills: 3 },
    faults: [
      { kind: 'session-disconnect', atNs: 1.5 * S, durationNs: 1 * S },
      { kind: 'primary-crash', atNs: 2 * S, durationNs: null },
    ],
  };

  it('keeps the series, times in seconds, windows for the 0/1 series, and the record identity under the column label', () => {
    const base = record('gap-recovery', 7, { IS_BPS: 3 });
    const episode = explorerEpisode({ ...base, timeline: { regimes: [{ atNs: 0, regime: 'CLEAN' }], runbook: { gapDetectedMs: 12 } }, trajectory }, 2, 'gap-recovery[x=1]');
    expect(episode).toMatchObject({ scenario: 2, policy: 'gap-recovery[x=1]', seed: 7, status: 'ok', error: null, replay: base.replay, metrics: { IS_BPS: 3 } });
    expect(episode.runbook).toEqual({ gapDetectedMs: 12 });
    expect(episode.regimes).toEqual([{ regime: 'CLEAN', fromS: 0, toS: 3, durationS: 3, open: true }]);
    const t = episode.trajectory;
    expect(t?.tS).toEqual([1, 2, 3]);
    expect(t?.residualBelievedShares).toEqual([100, 80, 50]);
    expect(t?.sessionDown).toEqual([[1, 2]]);
    expect(t?.gapOpen).toEqual([[1, 3]]);
    expect(t?.children).toEqual([[1.235, 30, 'catchup', 100]]);
    expect(t?.fills).toEqual([[2.5, 20, 100]]);
    expect(t?.market).toBeNull();
    expect(episode).toMatchObject({ timeZeroS: null, playbook: '002' });
    expect(t?.omitted).toEqual({ children: 0, fills: 3 });
    expect(t?.faults).toEqual([
      { kind: 'session-disconnect', fromS: 1.5, toS: 2.5 },
      { kind: 'primary-crash', fromS: 2, toS: null },
    ]);
  });

  it('shows a crashed episode with its error and no trajectory, and names broken invariants with their detail', () => {
    const crashed = explorerEpisode(record('naive', 3, {}, { crash: true }), 0, 'naive');
    expect(crashed).toMatchObject({ status: 'failed', error: 'crash: boom', trajectory: null, regimes: [] });
    const broken = explorerEpisode({ ...record('naive', 4, {}), invariants: [{ name: 'a', ok: true }, { name: 'position-reconciles', ok: false, detail: 'off by 100' }] }, 0, 'naive');
    expect(broken.brokenInvariants).toEqual(['position-reconciles: off by 100']);
  });
});
