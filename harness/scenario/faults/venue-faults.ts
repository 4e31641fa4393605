/** Faults of the venue itself: its sequencer (playbook 001) and its market-data feed. */
import { z } from 'zod';
import { duration, positiveInt, probability } from '../primitives.ts';
import { faultTiming } from './common.ts';

const detectionDelay = duration.describe('From the crash to the backup sequencer being told to take over.');
const promotion = duration.prefault('100ms').describe('From the takeover order to the backup sequencing.');

export const venueFaults = [
  z
    .strictObject({ kind: z.literal('sequencer-stall').describe('The sequencer stops sequencing for a while, then resumes where it was.'), ...faultTiming, duration: duration.describe('How long the sequencer is stalled.') })
    .describe('A sequencer stall (playbook 001).'),
  z
    .strictObject({ kind: z.literal('sequencer-crash').describe('The primary sequencer dies; an up-to-date backup takes over.'), ...faultTiming, detectionDelay, promotion })
    .describe('A sequencer crash with a clean takeover (playbook 001).'),
  z
    .strictObject({
      kind: z.literal('sequencer-lagging-backup').describe('The primary sequencer dies and a backup that lags it takes over (playbook 001\'s replay backlog).'),
      ...faultTiming,
      detectionDelay,
      promotion,
      lagMessages: positiveInt.describe('How many of the primary\'s last sequenced messages the backup lacks.'),
      missingEntries: z.enum(['lost', 'rederived']).describe('What becomes of the backup\'s missing entries: lost (truth rewinds) or re-derived from the input log.'),
    })
    .describe('A sequencer takeover by a lagging backup (playbook 001).'),
  z
    .strictObject({
      kind: z.literal('sequencer-graceful-failover').describe('A planned handover from the primary sequencer to the backup.'),
      ...faultTiming,
      handover: duration.prefault('50ms').describe('How long the handover pauses sequencing.'),
    })
    .describe('A graceful sequencer failover (playbook 001).'),
  z
    .strictObject({
      kind: z.literal('feed-loss').describe('Market-data packets are lost on the way to the router: its book goes stale until it recovers the gap.'),
      ...faultTiming,
      duration: duration.describe('How long packets are lost.'),
      lossProbability: probability.describe('The chance that each packet is lost, 0..1.'),
    })
    .describe('Market-data loss.'),
] as const;
