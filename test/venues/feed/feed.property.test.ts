// Properties of the feed under random loss (windows of random loss, bursts, lossy re-request
// replies), random latency and every recovery strategy; and the latency models' calibration.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AnyLoss,
  BurstLoss,
  RandomLossWindow,
  RetransmitOrSnapshot,
  RetransmitRecovery,
  SnapshotRecovery,
} from '../../../venues/feed/index.ts';
import { ConstantLatency, LogNormalLatency } from '../../../venues/gateway/latency-model.ts';
import { MS, S, US, buildFeedWorld } from './feed-world.ts';

const lossWindow = fc.record({
  probability: fc.double({ min: 0, max: 0.6, noNaN: true }),
  fromMs: fc.integer({ min: 0, max: 400 }),
  lengthMs: fc.integer({ min: 0, max: 200 }),
});
const burst = fc.record({ atMs: fc.integer({ min: 0, max: 450 }), lengthMs: fc.integer({ min: 0, max: 60 }) });

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  windows: fc.array(lossWindow, { maxLength: 3 }),
  bursts: fc.array(burst, { maxLength: 3 }),
  replyLossProbability: fc.double({ min: 0, max: 0.5, noNaN: true }),
  strategy: fc.integer({ min: 0, max: 2 }),
  lognormal: fc.boolean(),
  maxMessagesPerPacket: fc.integer({ min: 1, max: 8 }),
  maxMessagesPerRequest: fc.integer({ min: 1, max: 50 }),
  publishRatePerSec: fc.integer({ min: 200, max: 5000 }),
});

describe('feed receiver under random loss', () => {
  it('ends with the published stream: in order, each message once, with its venue time', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const publishUntilNs = 500 * MS;
        const world = buildFeedWorld({
          seed: s.seed,
          loss: new AnyLoss([
            ...s.windows.map((w) => new RandomLossWindow(w.probability, w.fromMs * MS, (w.fromMs + w.lengthMs) * MS)),
            ...s.bursts.map((b) => new BurstLoss(b.atMs * MS, b.lengthMs * MS)),
          ]),
          replyLoss: new RandomLossWindow(s.replyLossProbability, 0, publishUntilNs),
          recovery: [RetransmitRecovery, SnapshotRecovery, new RetransmitOrSnapshot(20)][s.strategy],
          latency: s.lognormal ? new LogNormalLatency(80 * US, 600 * US) : new ConstantLatency(100 * US),
          maxMessagesPerPacket: s.maxMessagesPerPacket,
          maxMessagesPerRequest: s.maxMessagesPerRequest,
          requestTimeoutNs: 3 * MS,
          heartbeatIntervalNs: 5 * MS,
          publishRatePerSec: s.publishRatePerSec,
          publishUntilNs,
        });
        world.kernel.run({ until: publishUntilNs + 1 * S });
        const { receiver, consumer, published, publishedAtNs } = world;

        expect(receiver.isRecovering).toBe(false);
        expect(receiver.episodes.every((e) => e.recoveredAtNs !== undefined && e.recoveredAtNs >= e.detectedAtNs)).toBe(true);
        expect(receiver.lastDeliveredSeq).toBe(published.length);
        expect(consumer.book).toEqual(published);

        // Delivered messages come in sequence order, never twice, stamped with the time the venue
        // produced them and a local time no earlier.
        for (let i = 0; i < consumer.delivered.length; i++) {
          const d = consumer.delivered[i];
          if (i > 0) expect(d.seq).toBeGreaterThan(consumer.delivered[i - 1].seq);
          expect(d.payload).toBe(d.seq);
          expect(d.venueNs).toBe(publishedAtNs[d.seq - 1]);
          expect(d.localNs).toBeGreaterThanOrEqual(d.venueNs);
        }
        // Retransmission alone recovers every message itself: the delivered stream is the published one.
        if (s.strategy === 0) expect(consumer.delivered.map((d) => d.payload)).toEqual(published);
      }),
      { numRuns: 80 },
    );
  });

  it('never reorders packets on one path, whatever the latency draws', () => {
    const world = buildFeedWorld({ seed: 7, latency: new LogNormalLatency(50 * US, 2 * MS), publishRatePerSec: 20_000, publishUntilNs: 200 * MS });
    world.kernel.run({ until: 300 * MS });
    expect(world.receiver.episodes).toEqual([]);
    expect(world.consumer.delivered.map((d) => d.payload)).toEqual(world.published);
  });
});
