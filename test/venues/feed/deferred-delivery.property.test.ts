// Deferred delivery (receiver.ts): a path that hands the receiver its packets with their delivery
// times, and a reader that catches the receiver up before reading, see exactly what one event per
// packet gives, through loss windows, lossy re-requests, snapshots and every recovery strategy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnyLoss, RandomLossWindow, RetransmitOrSnapshot, RetransmitRecovery, SnapshotRecovery } from '../../../venues/feed/index.ts';
import { LogNormalLatency } from '../../../venues/gateway/latency-model.ts';
import { MS, US, buildFeedWorld } from './feed-world.ts';

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  windows: fc.array(fc.record({ probability: fc.double({ min: 0, max: 0.6, noNaN: true }), fromMs: fc.integer({ min: 0, max: 150 }), lengthMs: fc.integer({ min: 0, max: 80 }) }), { maxLength: 3 }),
  strategy: fc.integer({ min: 0, max: 2 }),
  publishRatePerSec: fc.integer({ min: 200, max: 5000 }),
  probesMs: fc.array(fc.integer({ min: 1, max: 220 }), { maxLength: 8 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function observe(s: Scenario, deferred: boolean) {
  const strategies = [RetransmitRecovery, SnapshotRecovery, new RetransmitOrSnapshot(20)];
  const world = buildFeedWorld({
    seed: s.seed,
    latency: new LogNormalLatency(50 * US, 400 * US),
    loss: new AnyLoss(s.windows.map((w) => new RandomLossWindow(w.probability, w.fromMs * MS, (w.fromMs + w.lengthMs) * MS))),
    recovery: strategies[s.strategy],
    publishRatePerSec: s.publishRatePerSec,
    publishUntilNs: 200 * MS,
    deferred,
  });
  const reads: unknown[] = [];
  for (const ms of s.probesMs) {
    world.kernel.schedule(ms * MS, () => {
      world.receiver.catchUp(world.kernel.now);
      reads.push({ recovering: world.receiver.isRecovering, ageNs: world.receiver.bookAgeNs(world.kernel.now), delivered: world.consumer.delivered.length });
    });
  }
  const { eventsRun } = world.kernel.run({ until: 250 * MS });
  world.receiver.catchUp(world.kernel.now);
  return { seen: { delivered: world.consumer.delivered, snapshots: world.consumer.snapshots, episodes: world.receiver.episodes, reads }, eventsRun };
}

describe('deferred feed delivery', () => {
  it('gives every read and the whole delivered stream exactly as one event per packet does, with fewer events', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const deferred = observe(s, true);
        const eager = observe(s, false);
        expect(deferred.seen).toEqual(eager.seen);
        // Not vacuous: quiet packets took no event of their own.
        expect(deferred.eventsRun).toBeLessThan(eager.eventsRun);
      }),
      { numRuns: 60 },
    );
  });
});
