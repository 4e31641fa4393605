import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_MS, NS_PER_S, RandomStreams } from '../../../sim/index.ts';
import { CstFlow } from '../../../venues/flow/index.ts';
import { PrimaryCrash, PrimaryStall } from '../../../venues/sequencer/index.ts';
import { SilenceWatch, Venue } from '../../../venues/venue/index.ts';
import { testVenueConfig } from './test-venue-config.ts';

describe('SilenceWatch', () => {
  it('pauses after the reaction time without a heartbeat and resumes at the next one', () => {
    const kernel = new Kernel();
    const calls: string[] = [];
    const watch = new SilenceWatch(kernel, NS_PER_S, { pause: () => calls.push(`pause@${kernel.now}`), resume: () => calls.push(`resume@${kernel.now}`) });
    watch.start();
    // Heartbeats every 100 ms until 2 s, silence until 5 s, then heartbeats again.
    for (let t = 100 * NS_PER_MS; t <= 2 * NS_PER_S; t += 100 * NS_PER_MS) kernel.schedule(t, () => watch.onHeartbeat(kernel.now));
    kernel.schedule(5 * NS_PER_S, () => watch.onHeartbeat(kernel.now));
    kernel.run({ until: 10 * NS_PER_S });
    expect(calls).toEqual([`pause@${3 * NS_PER_S}`, `resume@${5 * NS_PER_S}`, `pause@${6 * NS_PER_S}`]);
  });
});

describe('venue participants and a halted venue', () => {
  function venueWith(fault: PrimaryCrash | PrimaryStall, haltReactionNs: number | undefined) {
    const kernel = new Kernel();
    const streams = new RandomStreams(5);
    let flow: CstFlow | undefined;
    const venue = new Venue(
      kernel,
      testVenueConfig(streams, {
        sequencer: { faults: [fault] },
        haltReactionNs,
        backgroundFlow: (v) => {
          flow = new CstFlow({ timeUnitNs: NS_PER_S / 5, orderSizeShares: 100, maxDistanceTicks: 5, referencePriceTicks: 1000 }, v, v.ids, streams);
          flow.seedSide('buy', 1000, [3, 2, 2]);
          flow.seedSide('sell', 1001, [3, 2, 2]);
          return flow;
        },
      }),
    );
    venue.start();
    return { kernel, venue, flow: flow as CstFlow };
  }

  it('stops sending into a venue that never comes back: the backlog stops growing a reaction time after the crash', () => {
    const halted = venueWith(new PrimaryCrash(10 * NS_PER_S, 3600 * NS_PER_S, NS_PER_S), NS_PER_S);
    halted.kernel.run({ until: 12 * NS_PER_S });
    const backlogAfterReaction = halted.venue.sequencer.backlogLength;
    halted.kernel.run({ until: 60 * NS_PER_S });
    expect(halted.flow.isPaused).toBe(true);
    expect(halted.venue.sequencer.backlogLength).toBe(backlogAfterReaction);
    // Participants who never notice keep queueing orders for the whole outage.
    const oblivious = venueWith(new PrimaryCrash(10 * NS_PER_S, 3600 * NS_PER_S, NS_PER_S), undefined);
    oblivious.kernel.run({ until: 60 * NS_PER_S });
    expect(oblivious.venue.sequencer.backlogLength).toBeGreaterThan(10 * backlogAfterReaction);
  });

  it('queues orders sent before participants notice, and resumes the flow when the venue answers again', () => {
    const stalled = venueWith(new PrimaryStall(10 * NS_PER_S, 5 * NS_PER_S), NS_PER_S);
    stalled.kernel.run({ until: 10 * NS_PER_S + 900 * NS_PER_MS });
    expect(stalled.flow.isPaused).toBe(false);
    expect(stalled.venue.sequencer.backlogLength).toBeGreaterThan(0);
    stalled.kernel.run({ until: 14 * NS_PER_S });
    expect(stalled.flow.isPaused).toBe(true);
    const pausedOrders = stalled.flow.limitOrders;
    stalled.kernel.run({ until: 20 * NS_PER_S });
    expect(stalled.flow.isPaused).toBe(false);
    expect(stalled.flow.limitOrders).toBeGreaterThan(pausedOrders);
  });
});
