// The venue assembly: routing of sequenced outputs to owners and the feed, refusals during a
// failover transition, journal replay rebuilding the same book, and the feed receiver's book
// matching the venue's after recovery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Constant, Kernel, RandomStreams } from '../../../sim/index.ts';
import { BurstLoss, RandomLossWindow } from '../../../venues/feed/index.ts';
import {
  
  GracefulFailover,
  LaggedEntriesLost,
  LaggedEntriesRederived,
  LaggingBackupTakeover,
  PrimaryCrash,
  PrimaryStall,
  
  RejectDuringTransition,
  type SequencerFault,
} from '../../../venues/sequencer/index.ts';
import { Venue, type VenueFeedMessage } from '../../../venues/venue/index.ts';
import { MS, RecordingOwner, S, US, asPairs, buildVenueWorld } from './venue-world.ts';
import { testVenueConfig } from './test-venue-config.ts';

describe('venue order entry', () => {
  const kernel = new Kernel();
  const venue = new Venue(kernel, testVenueConfig(new RandomStreams(1), { sequencer: { serviceTimeNs: new Constant(10 * US), replayRateMsgsPerSec: 10_000 } }));
  const maker = new RecordingOwner();
  const taker = new RecordingOwner();
  venue.connect(1, maker);
  venue.connect(2, taker);
  const feed: VenueFeedMessage[] = [];
  venue.feed.addPath({ onPacket: (p) => feed.push(...p.payloads) });
  venue.start();
  kernel.schedule(1 * MS, () => venue.submitLimit(101, 1, 'sell', 100, 5));
  kernel.schedule(2 * MS, () => venue.submitLimit(102, 2, 'buy', 100, 3));
  kernel.run({ until: 3 * MS });

  it('sends each owner its own acks and both sides of a fill, numbered by the sequencer', () => {
    expect(maker.outputs.map((o) => [o.seq, o.payload.type])).toEqual([
      [1, 'accepted'],
      [4, 'fill'],
    ]);
    expect(taker.outputs.map((o) => [o.seq, o.payload.type])).toEqual([
      [3, 'accepted'],
      [4, 'fill'],
    ]);
    expect(maker.outputs[1]).toMatchObject({ producedAtNs: 2 * MS + 10 * US, payload: { qtyShares: 3, priceTicks: 100, makerLeavesQtyShares: 2 } });
  });

  it('publishes level updates and an anonymous trade print on the feed', () => {
    expect(feed).toEqual([
      { type: 'level', side: 'sell', priceTicks: 100, qtyShares: 5, orderCount: 1 },
      { type: 'trade', priceTicks: 100, qtyShares: 3, aggressorSide: 'buy' },
      { type: 'level', side: 'sell', priceTicks: 100, qtyShares: 2, orderCount: 1 },
    ]);
  });

  it('counts an order waiting in the sequencer queue as open for its full quantity', () => {
    venue.submitLimit(103, 1, 'buy', 90, 7);
    expect(venue.leavesQtyShares(103)).toBe(7);
    kernel.run({ until: 4 * MS });
    expect(venue.leavesQtyShares(103)).toBe(7);
    expect(venue.book.leavesQtyShares(103)).toBe(7);
  });
});

describe('venue during a failover transition with refusals', () => {
  const world = buildVenueWorld({
    faults: [new PrimaryCrash(100 * MS, 20 * MS, 30 * MS)],
    transitionInbound: RejectDuringTransition,
    flowUntilNs: 300 * MS,
  });
  world.kernel.run({ until: 400 * MS });

  it('returns refused requests to their owners as unavailable, timed inside the transition only', () => {
    const refused = [...world.owners.values()].flatMap((o) => o.unavailable);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.atNs >= 120 * MS && r.atNs <= 150 * MS)).toBe(true);
    expect(refused.length).toBe(world.observer.rejectCount);
  });
});

const faultArbitrary = fc.array(
  fc.record({ kind: fc.integer({ min: 0, max: 4 }), gapMs: fc.integer({ min: 5, max: 80 }), lengthMs: fc.integer({ min: 0, max: 30 }), lag: fc.integer({ min: 0, max: 40 }) }),
  { maxLength: 4 },
);

function schedule(specs: { kind: number; gapMs: number; lengthMs: number; lag: number }[]): SequencerFault[] {
  const faults: SequencerFault[] = [];
  let after = 0;
  for (const spec of specs) {
    const at = after + spec.gapMs * MS + 7;
    const length = spec.lengthMs * MS;
    const fault = [
      () => new PrimaryStall(at, length),
      () => new PrimaryCrash(at, length, 1 * MS),
      () => new LaggingBackupTakeover(at, 2 * MS, length, spec.lag, LaggedEntriesLost),
      () => new LaggingBackupTakeover(at, 2 * MS, length, spec.lag, LaggedEntriesRederived),
      () => new GracefulFailover(at, length),
    ][spec.kind]();
    faults.push(fault);
    after = fault.outageEndNs;
  }
  return faults;
}

describe('venue properties under random failover schedules and feed loss', () => {
  it('replaying the journal rebuilds the same book, and the feed receiver ends with the venue book', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        faultArbitrary,
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        (seed, specs, lossProbability) => {
          const world = buildVenueWorld({
            seed,
            faults: schedule(specs),
            loss: new RandomLossWindow(lossProbability, 0, 250 * MS),
            flowUntilNs: 400 * MS,
          });
          world.kernel.run({ until: 400 * MS + 1 * S });
          const { venue, receiver, consumer } = world;
          expect(venue.replayedBookHash()).toBe(venue.book.stateHash());
          expect(receiver.isRecovering).toBe(false);
          expect(consumer.levels('buy')).toEqual(asPairs(venue.book.levels('buy')));
          expect(consumer.levels('sell')).toEqual(asPairs(venue.book.levels('sell')));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a lossy takeover starts a new feed session and receivers rebuild from a snapshot', () => {
    const world = buildVenueWorld({
      faults: [new LaggingBackupTakeover(100 * MS, 5 * MS, 5 * MS, 30, LaggedEntriesLost)],
      loss: new BurstLoss(50 * MS, 2 * MS),
      flowUntilNs: 300 * MS,
    });
    world.kernel.run({ until: 500 * MS });
    const { venue, receiver, consumer, observer } = world;
    expect(venue.sequencer.truth.lostEntries).toHaveLength(30);
    expect(venue.feed.session).toBe(2);
    expect(receiver.episodes.filter((e) => e.sessionReset)).toHaveLength(1);
    expect(observer.ofKind('epoch-change')).toHaveLength(1);
    expect(consumer.levels('sell')).toEqual(asPairs(venue.book.levels('sell')));
    expect(venue.replayedBookHash()).toBe(venue.book.stateHash());
  });
});
