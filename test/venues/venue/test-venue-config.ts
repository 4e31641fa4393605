/**
 * The venue configuration the venue, FIX and gateway tests start from: a 5 us constant sequencer
 * service time, replay at 20,000 msgs/s backlog first, inbound queued during a transition, no faults,
 * 10 ms sequencer and 5 ms feed heartbeats. A test overrides only what it is about.
 */
import { Constant, NS_PER_MS, NS_PER_US, type RandomStreams } from '../../../sim/index.ts';
import { BacklogFirst, QueueDuringTransition } from '../../../venues/sequencer/index.ts';
import type { VenueConfig } from '../../../venues/venue/index.ts';

export function testVenueConfig(
  streams: RandomStreams,
  overrides: { sequencer?: Partial<VenueConfig['sequencer']>; feed?: Partial<VenueConfig['feed']> } & Omit<Partial<VenueConfig>, 'sequencer' | 'feed'> = {},
): VenueConfig {
  const { sequencer, feed, ...rest } = overrides;
  return {
    sequencer: {
      serviceTimeNs: new Constant(5 * NS_PER_US),
      serviceRng: streams.get('venue.sequencer.service'),
      replayRateMsgsPerSec: 20_000,
      interleave: new BacklogFirst(),
      transitionInbound: QueueDuringTransition,
      heartbeatIntervalNs: 10 * NS_PER_MS,
      faults: [],
      sampleIntervalNs: 0,
      ...sequencer,
    },
    feed: { maxMessagesPerPacket: 8, heartbeatIntervalNs: 5 * NS_PER_MS, ...feed },
    ...rest,
  };
}
