// The venue driving the default background flow (Cont-Stoikov-Talreja) through its sequencer,
// across a stall, a crash whose backup re-derives lagged entries, and a lossy takeover.
import { describe, expect, it } from 'vitest';
import { Constant, Kernel, RandomStreams } from '../../../sim/index.ts';
import { CstFlow } from '../../../venues/flow/index.ts';
import {
  BacklogFirst,
  LaggedEntriesLost,
  LaggedEntriesRederived,
  LaggingBackupTakeover,
  PrimaryStall,
  QueueDuringTransition,
} from '../../../venues/sequencer/index.ts';
import { Venue } from '../../../venues/venue/index.ts';
import { MS, S, US } from './venue-world.ts';

describe('venue with the CST background flow', () => {
  const kernel = new Kernel();
  const streams = new RandomStreams(11);
  let flow: CstFlow | undefined;
  const venue = new Venue(kernel, {
    sequencer: {
      serviceTimeNs: new Constant(5 * US),
      serviceRng: streams.get('venue.sequencer.service'),
      replayRateMsgsPerSec: 20_000,
      interleave: new BacklogFirst(),
      transitionInbound: QueueDuringTransition,
      heartbeatIntervalNs: 10 * MS,
      faults: [
        new PrimaryStall(200 * MS, 20 * MS),
        new LaggingBackupTakeover(400 * MS, 10 * MS, 10 * MS, 50, LaggedEntriesRederived),
        new LaggingBackupTakeover(700 * MS, 10 * MS, 10 * MS, 50, LaggedEntriesLost),
      ],
      sampleIntervalNs: 1 * MS,
    },
    feed: { maxMessagesPerPacket: 8, heartbeatIntervalNs: 5 * MS },
    backgroundFlow: (v) => {
      flow = new CstFlow({ timeUnitNs: 10 * MS, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: 1000 }, v, v.ids, streams);
      flow.seedSide('buy', 1000, [5, 5, 5]);
      flow.seedSide('sell', 1001, [5, 5, 5]);
      return flow;
    },
  });
  venue.start();
  kernel.run({ until: 1 * S });

  it('keeps the book uncrossed and rebuildable from its journal through every fault', () => {
    expect(flow?.limitOrders).toBeGreaterThan(1000);
    const bid = venue.book.bestBidTicks();
    const ask = venue.book.bestAskTicks();
    if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask);
    expect(venue.replayedBookHash()).toBe(venue.book.stateHash());
  });

  it('queues the flow during outages and records the backlog it drains', () => {
    const truth = venue.sequencer.truth;
    expect(truth.events('stall-end')[0].backlog).toBeGreaterThan(0);
    expect(truth.events('takeover').map((e) => e.entries)).toEqual([50, 50]);
    expect(truth.lostEntries).toHaveLength(50);
    let maxBacklog = 0;
    for (let i = 0; i < truth.series.length; i++) maxBacklog = Math.max(maxBacklog, truth.series.backlog(i));
    expect(maxBacklog).toBeGreaterThan(50);
  });
});
