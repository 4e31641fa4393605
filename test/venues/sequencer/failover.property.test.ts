// Properties over random failover schedules (stalls, crashes, lagging backups with either fate,
// graceful handovers at random times), random arrival rates, interleaves and transition policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BacklogFirst,
  GracefulFailover,
  LaggedEntriesLost,
  LaggedEntriesRederived,
  LaggingBackupTakeover,
  LiveFirst,
  PrimaryCrash,
  PrimaryStall,
  QueueDuringTransition,
  RejectDuringTransition,
  WeightedInterleave,
  type SequencedOutput,
  type SequencerFault,
} from '../../../venues/sequencer/index.ts';
import { MS, S, ToyMachine, buildWorld, type ToyInput, type ToyOutput } from './toy.ts';

const faultSpec = fc.record({
  kind: fc.integer({ min: 0, max: 4 }),
  gapMs: fc.integer({ min: 1, max: 150 }),
  durationMs: fc.integer({ min: 0, max: 40 }),
  detectMs: fc.integer({ min: 0, max: 20 }),
  lagEntries: fc.integer({ min: 0, max: 30 }),
});

function buildSchedule(specs: readonly { kind: number; gapMs: number; durationMs: number; detectMs: number; lagEntries: number }[]): SequencerFault[] {
  const faults: SequencerFault[] = [];
  let after = 0;
  for (const spec of specs) {
    const at = after + spec.gapMs * MS + 1;
    const duration = spec.durationMs * MS;
    const detect = spec.detectMs * MS;
    const fault = [
      () => new PrimaryStall(at, duration),
      () => new PrimaryCrash(at, detect, duration),
      () => new LaggingBackupTakeover(at, detect, duration, spec.lagEntries, LaggedEntriesLost),
      () => new LaggingBackupTakeover(at, detect, duration, spec.lagEntries, LaggedEntriesRederived),
      () => new GracefulFailover(at, duration),
    ][spec.kind]();
    faults.push(fault);
    after = fault.outageEndNs;
  }
  return faults;
}

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  faults: fc.array(faultSpec, { maxLength: 6 }),
  interleave: fc.integer({ min: 0, max: 2 }),
  reject: fc.boolean(),
  arrivalRatePerSec: fc.integer({ min: 200, max: 3000 }),
  replayRateMsgsPerSec: fc.integer({ min: 3500, max: 20_000 }),
});

const outputKey = (o: SequencedOutput<ToyOutput>): string => `${o.epoch}:${o.seq}:${JSON.stringify(o.payload)}`;

describe('sequencer under random failover schedules', () => {
  it('keeps sequence numbers gap-free, publishes every output exactly once, and accounts for every input', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const faults = buildSchedule(s.faults);
        const lastEnd = faults.length > 0 ? faults[faults.length - 1].outageEndNs : 0;
        const arrivalsUntilNs = lastEnd + 100 * MS;
        const world = buildWorld({
          seed: s.seed,
          faults,
          interleave: [new BacklogFirst(), new LiveFirst(), new WeightedInterleave(3)][s.interleave],
          transitionInbound: s.reject ? RejectDuringTransition : QueueDuringTransition,
          arrivalRatePerSec: s.arrivalRatePerSec,
          replayRateMsgsPerSec: s.replayRateMsgsPerSec,
          arrivalsUntilNs,
        });
        world.kernel.run({ until: arrivalsUntilNs + 5 * S });
        const { sequencer, recorder } = world;
        expect(sequencer.backlogLength).toBe(0);

        // The surviving journal numbers its outputs 1..N without a gap.
        const journalOutputs: SequencedOutput<ToyOutput>[] = sequencer.journal.entries.flatMap((e) => [...e.outputs]);
        expect(journalOutputs.map((o) => o.seq)).toEqual(journalOutputs.map((_, i) => i + 1));

        // Every output, surviving or lost, was published exactly once; nothing else was published. The journal
        // regenerates outputs by replay, so they are compared by value: epoch, sequence number and payload.
        const lostOutputs = sequencer.truth.lostEntries.flatMap((e) => [...e.outputs]);
        const publishedKeys = recorder.published.map(outputKey);
        const published = new Set(publishedKeys);
        expect(published.size).toBe(publishedKeys.length);
        expect(recorder.published.length).toBe(journalOutputs.length + lostOutputs.length);
        for (const output of [...journalOutputs, ...lostOutputs]) expect(published.has(outputKey(output))).toBe(true);

        // Within an epoch the published stream is gap-free; a rewind happens only with a new epoch.
        for (let i = 1; i < recorder.published.length; i++) {
          const [previous, current] = [recorder.published[i - 1], recorder.published[i]];
          if (current.epoch === previous.epoch) expect(current.seq).toBe(previous.seq + 1);
          else expect(current.epoch).toBeGreaterThan(previous.epoch);
        }
        const surviving = new Set(journalOutputs.map(outputKey));
        expect(recorder.published.filter((o) => surviving.has(outputKey(o))).map((o) => o.seq)).toEqual(journalOutputs.map((o) => o.seq));

        // Every input was journaled, lost or refused, exactly once.
        const fate = new Map<ToyInput, number>();
        const count = (input: ToyInput) => fate.set(input, (fate.get(input) ?? 0) + 1);
        sequencer.journal.entries.forEach((e) => count(e.input));
        sequencer.truth.lostEntries.forEach((e) => count(e.input));
        recorder.rejected.forEach((r) => count(r.input));
        expect(fate.size).toBe(world.submitted.length);
        for (const input of world.submitted) expect(fate.get(input)).toBe(1);

        // The venue's state is what replaying its journal gives.
        const rebuilt = sequencer.journal.replay() as ToyMachine;
        expect((sequencer.replica as ToyMachine).state).toBe(rebuilt.state);
      }),
      { numRuns: 120 },
    );
  });

  it('gives the same published stream for the same seed and schedule', () => {
    const run = () => {
      const world = buildWorld({
        seed: 42,
        faults: [new PrimaryStall(50 * MS, 10 * MS), new LaggingBackupTakeover(100 * MS, 5 * MS, 5 * MS, 12, LaggedEntriesLost)],
        arrivalRatePerSec: 2000,
        arrivalsUntilNs: 300 * MS,
      });
      world.kernel.run({ until: 1 * S });
      return world.recorder.published.map((o) => `${o.epoch}:${o.seq}@${o.producedAtNs}`).join(',');
    };
    expect(run()).toBe(run());
  });
});
