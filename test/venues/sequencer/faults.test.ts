// Each fault kind's observable timeline (what an outside observer sees) and its internal truth.
// Arrivals are periodic (one per ms, one output each) so counts are known without the code under test.
import { describe, expect, it } from 'vitest';
import {
  GracefulFailover,
  LaggedEntriesLost,
  LaggedEntriesRederived,
  LaggingBackupTakeover,
  PrimaryCrash,
  PrimaryStall,
  RejectDuringTransition,
} from '../../../venues/sequencer/index.ts';
import { MS, ToyMachine, buildWorld } from './toy.ts';

const HEARTBEAT_NS = 10 * MS;

function gapFree(seqs: number[]): boolean {
  return seqs.every((seq, i) => i === 0 || seq === seqs[i - 1] + 1);
}

describe('primary stall', () => {
  const world = buildWorld({ faults: [new PrimaryStall(100 * MS + 500_000, 50 * MS)], fanout: 1, arrivalsUntilNs: 300 * MS });
  world.kernel.run({ until: 400 * MS });
  const { observer, recorder, sequencer } = world;

  it('shows the observer one heartbeat silence spanning the stall and nothing else', () => {
    const gaps = observer.ofKind('heartbeat-gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0].fromNs).toBe(100 * MS);
    expect(gaps[0].toNs).toBe(160 * MS);
    expect(observer.ofKind('sequence-jump')).toHaveLength(0);
    expect(observer.ofKind('session-reset')).toHaveLength(0);
    expect(observer.ofKind('node-change')).toHaveLength(0);
  });

  it('publishes nothing while stalled, then a burst of the 50 messages that queued', () => {
    const during = recorder.published.filter((o) => o.producedAtNs > 100 * MS + 500_000 && o.producedAtNs < 150 * MS + 500_000);
    expect(during).toHaveLength(0);
    const stallEnd = sequencer.truth.events('stall-end')[0];
    expect(stallEnd.backlog).toBe(50);
    // Drained at the normal service rate (10 us each), not the replay rate.
    const burst = recorder.published.filter((o) => o.producedAtNs >= 150 * MS + 500_000 && o.producedAtNs <= 151 * MS);
    expect(burst.length).toBeGreaterThanOrEqual(50);
  });

  it('loses nothing: every input is journaled once and sequence numbers are gap-free', () => {
    expect(sequencer.journal.length).toBe(world.submitted.length);
    expect(gapFree(recorder.published.map((o) => o.seq))).toBe(true);
    expect(sequencer.truth.events('takeover')).toHaveLength(0);
  });
});

describe('primary crash with takeover after a detection delay', () => {
  const crashAt = 100 * MS + 500_000;
  const world = buildWorld({
    faults: [new PrimaryCrash(crashAt, 20 * MS, 30 * MS)],
    fanout: 1,
    arrivalsUntilNs: 300 * MS,
    transitionInbound: RejectDuringTransition,
  });
  world.kernel.run({ until: 400 * MS });
  const { observer, recorder, sequencer } = world;

  it('shows a heartbeat silence, a node change and a session reset at takeover, with no sequence jump', () => {
    const takeoverAt = crashAt + 50 * MS;
    expect(observer.ofKind('heartbeat-gap')).toEqual([{ kind: 'heartbeat-gap', fromNs: 100 * MS, toNs: takeoverAt + HEARTBEAT_NS - 500_000 }]);
    const resets = observer.ofKind('session-reset');
    expect(resets).toHaveLength(1);
    expect(resets[0].atNs).toBe(takeoverAt);
    expect(resets[0].node).toBe('B');
    expect(resets[0].resumeSeq).toBe(101);
    expect(observer.ofKind('node-change')).toHaveLength(1);
    expect(observer.ofKind('sequence-jump')).toHaveLength(0);
  });

  it('queues arrivals before detection and refuses them between detection and takeover', () => {
    // Arrivals at 101..120 ms queue (nobody knows yet); those at 121..150 ms are refused.
    expect(recorder.rejected.map((r) => r.input.id)).toEqual(Array.from({ length: 30 }, (_, i) => 121 + i));
    const takeover = sequencer.truth.events('takeover')[0];
    expect(takeover.backlog).toBe(20);
  });

  it('drains the backlog at the replay rate after takeover', () => {
    const takeoverAt = crashAt + 50 * MS;
    // 20 queued at 1000 msgs/s while live arrivals keep coming at 1000/s: the first 20 take 20 ms.
    const firstAfter = recorder.published.filter((o) => o.producedAtNs > takeoverAt);
    expect(firstAfter[0].producedAtNs).toBe(takeoverAt + 1 * MS);
    expect(firstAfter[19].producedAtNs).toBe(takeoverAt + 20 * MS);
    // Arrivals equal the replay rate, so the backlog of 20 stays until arrivals stop at 299 ms:
    // 20 queued + 149 live (151..299 ms) served 1 ms apart from the takeover.
    expect(sequencer.truth.events('replay-drained').map((e) => e.atNs)).toEqual([takeoverAt + 169 * MS]);
  });
});

describe('takeover by a backup whose journal lags by K entries', () => {
  const crashAt = 100 * MS + 500_000;
  const build = (lost: boolean) => {
    const world = buildWorld({
      faults: [new LaggingBackupTakeover(crashAt, 10 * MS, 0, 5, lost ? LaggedEntriesLost : LaggedEntriesRederived)],
      fanout: 1,
      arrivalsUntilNs: 200 * MS,
      replayRateMsgsPerSec: 10_000,
    });
    world.kernel.run({ until: 300 * MS });
    return world;
  };

  it('lost: the observer sees an epoch change and the sequence rewind by K; truth holds the K lost entries', () => {
    const { observer, sequencer } = build(true);
    const resets = observer.ofKind('session-reset');
    expect(resets[0].resumeSeq).toBe(96);
    expect(observer.ofKind('epoch-change')).toEqual([{ kind: 'epoch-change', atNs: crashAt + 10 * MS, from: 1, to: 2 }]);
    const jumps = observer.ofKind('sequence-jump');
    expect(jumps).toHaveLength(1);
    expect(jumps[0]).toMatchObject({ expectedSeq: 101, seenSeq: 96, epoch: 2 });
    expect(sequencer.truth.lostEntries.map((e) => (e.input as { id: number }).id)).toEqual([96, 97, 98, 99, 100]);
    expect(sequencer.journal.length + sequencer.truth.lostEntries.length).toBe(200 - 1);
  });

  it('rederived: no rewind is visible, but new outputs wait until the K inputs are re-applied', () => {
    const { observer, recorder, sequencer } = build(false);
    expect(observer.ofKind('sequence-jump')).toHaveLength(0);
    expect(observer.ofKind('epoch-change')).toHaveLength(0);
    expect(observer.ofKind('session-reset')[0].resumeSeq).toBe(101);
    const takeoverAt = crashAt + 10 * MS;
    const firstAfter = recorder.published.find((o) => o.producedAtNs > takeoverAt);
    // 5 re-derived at 100 us each, then the first of the 10 that queued.
    expect(firstAfter?.producedAtNs).toBe(takeoverAt + 6 * 100_000);
    expect(firstAfter?.seq).toBe(101);
    expect(sequencer.truth.lostEntries).toHaveLength(0);
    expect(recorder.published.map((o) => o.seq)).toEqual(Array.from({ length: recorder.published.length }, (_, i) => i + 1));
  });

  it('rederived: the rebuilt primary reaches the same state as replaying the whole journal', () => {
    const { sequencer } = build(false);
    const rebuilt = sequencer.journal.replay() as ToyMachine;
    expect((sequencer.replica as ToyMachine).state).toBe(rebuilt.state);
  });
});

describe('graceful failover', () => {
  const at = 100 * MS + 500_000;
  const world = buildWorld({ faults: [new GracefulFailover(at, 5 * MS)], fanout: 1, arrivalsUntilNs: 200 * MS });
  world.kernel.run({ until: 300 * MS });
  const { observer, sequencer } = world;

  it('announces the failover, then resets the session at handover with no sequence jump', () => {
    expect(observer.ofKind('failover-announced')).toEqual([{ kind: 'failover-announced', atNs: at, node: 'A' }]);
    expect(observer.ofKind('session-reset')).toEqual([{ kind: 'session-reset', atNs: at + 5 * MS, node: 'B', resumeSeq: 101 }]);
    expect(observer.ofKind('sequence-jump')).toHaveLength(0);
    expect(sequencer.truth.events('takeover')[0].backlog).toBe(5);
    expect(sequencer.journal.length).toBe(world.submitted.length);
  });
});
