/** Faults of the venue itself: its sequencer (seed 001) and its market-data feed. */
import { z } from 'zod';
import { duration, positiveInt, probability } from '../primitives.ts';
import { faultTiming } from './common.ts';

export const venueFaults = [
  z.strictObject({ kind: z.literal('sequencer-stall'), ...faultTiming, duration }),
  z.strictObject({ kind: z.literal('sequencer-crash'), ...faultTiming, detectionDelay: duration, promotion: duration.prefault('100ms') }),
  z.strictObject({
    kind: z.literal('sequencer-lagging-backup'),
    ...faultTiming,
    detectionDelay: duration,
    promotion: duration.prefault('100ms'),
    lagMessages: positiveInt,
    /** What becomes of the backup's missing entries: lost (truth rewinds) or re-derived from the input log. */
    missingEntries: z.enum(['lost', 'rederived']),
  }),
  z.strictObject({ kind: z.literal('sequencer-graceful-failover'), ...faultTiming, handover: duration.prefault('50ms') }),
  z.strictObject({ kind: z.literal('feed-loss'), ...faultTiming, duration, lossProbability: probability }),
] as const;
