// The receiver's observable timeline for each recovery path. Messages are published one per
// instant at fixed spacing and every latency is constant, so each expected time is worked out by
// hand in the comments from the parameters, not taken from the code under test.
import { describe, expect, it } from 'vitest';
import {
  BurstLoss,
  SnapshotRecovery,
} from '../../../venues/feed/index.ts';
import { ConstantLatency } from '../../../venues/gateway/latency-model.ts';
import { MS, US, buildFeedWorld } from './feed-world.ts';

describe('gap recovery by retransmission', () => {
  // Seq k is sent at k ms and arrives 100 us later; packets sent in [10, 13) ms are lost (seqs 10-12).
  const world = buildFeedWorld({ loss: new BurstLoss(10 * MS, 3 * MS), publishUntilNs: 30 * MS });
  const probe: { recovering: boolean; ageNs: number }[] = [];
  world.kernel.schedule(13 * MS + 200 * US, () => probe.push({ recovering: world.receiver.isRecovering, ageNs: world.receiver.bookAgeNs(world.kernel.now) }));
  world.kernel.run({ until: 40 * MS });

  it('detects the gap when seq 13 arrives and fills it one round trip later', () => {
    // Detected at 13.1 ms; request reaches the server at 13.2 ms; the reply lands at 13.3 ms.
    expect(world.receiver.episodes).toEqual([
      { session: 1, detectedAtNs: 13.1 * MS, firstMissingSeq: 10, missingAtDetection: 3, recoveredAtNs: 13.3 * MS, retransmitRequests: 1, snapshotRequests: 0, sessionReset: false },
    ]);
  });

  it('reports the book stale while recovering: as of seq 9, produced at 9 ms', () => {
    expect(probe).toEqual([{ recovering: true, ageNs: 13.2 * MS - 9 * MS }]);
  });

  it('stamps each message with the venue time and the local delivery time', () => {
    const bySeq = new Map(world.consumer.delivered.map((d) => [d.seq, d]));
    expect(bySeq.get(5)).toEqual({ payload: 5, seq: 5, venueNs: 5 * MS, localNs: 5.1 * MS });
    for (const seq of [10, 11, 12, 13]) expect(bySeq.get(seq)).toEqual({ payload: seq, seq, venueNs: seq * MS, localNs: 13.3 * MS });
    expect(world.consumer.book).toEqual(world.published);
  });
});

describe('retransmission is bounded per request and rate-limited', () => {
  // Seqs 10..109 lost; at most 10 messages per request; the server answers 1000 requests/s.
  const world = buildFeedWorld({
    loss: new BurstLoss(10 * MS, 100 * MS),
    maxMessagesPerRequest: 10,
    requestsPerSec: 1000,
    publishUntilNs: 150 * MS,
  });
  world.kernel.run({ until: 200 * MS });

  it('needs ten requests, each waiting for the next free slot of the server, 1 ms apart', () => {
    // Detected at 110.1 ms; request k is served at 110.2 + (k - 1) ms; the tenth reply lands at 119.3 ms.
    const [episode] = world.receiver.episodes;
    expect(episode.detectedAtNs).toBe(110.1 * MS);
    expect(episode.retransmitRequests).toBe(10);
    expect(episode.recoveredAtNs).toBeCloseTo(119.3 * MS, -1);
    expect(world.server.messagesRetransmitted).toBe(100);
    expect(world.consumer.book).toEqual(world.published);
  });
});

describe('gap recovery by snapshot', () => {
  // Seq k is sent at 50k us and arrives 110 us later; seqs 20-22 (sent in [1000, 1150) us) are lost.
  // The snapshot channel takes 300 us each way.
  const world = buildFeedWorld({
    loss: new BurstLoss(1000 * US, 150 * US),
    latency: new ConstantLatency(110 * US),
    snapshotLatency: new ConstantLatency(300 * US),
    recovery: SnapshotRecovery,
    publishEveryNs: 50 * US,
    publishUntilNs: 5 * MS,
  });
  world.kernel.run({ until: 10 * MS });

  it('replaces the book with the snapshot, then applies the buffered messages after its sequence', () => {
    // Gap seen at 1260 us (seq 23); snapshot taken at 1560 us holds seqs up to 31; it lands at 1860 us,
    // when seqs 23..35 (sent up to 1750 us) have arrived: 23..31 are dropped, 32..35 applied at once.
    expect(world.consumer.snapshots).toEqual([{ lastSeq: 31, venueNs: 1560 * US, localNs: 1860 * US }]);
    const after = world.consumer.delivered.filter((d) => d.seq > 19);
    expect(after.slice(0, 5).map((d) => [d.seq, d.venueNs, d.localNs])).toEqual([
      [32, 1600 * US, 1860 * US],
      [33, 1650 * US, 1860 * US],
      [34, 1700 * US, 1860 * US],
      [35, 1750 * US, 1860 * US],
      [36, 1800 * US, 1910 * US],
    ]);
    expect(world.receiver.episodes[0]).toMatchObject({ detectedAtNs: 1260 * US, recoveredAtNs: 1860 * US, snapshotRequests: 1 });
    expect(world.consumer.book).toEqual(world.published);
  });
});

describe('loss of the last packet', () => {
  // Seqs 1..19 sent at 1..19 ms; seq 19 is lost and nothing follows it but heartbeats (every 10 ms
  // of silence): the heartbeat at 30 ms announces next seq 20, arriving at 30.1 ms.
  const world = buildFeedWorld({ loss: new BurstLoss(19 * MS, 1 * MS), heartbeatIntervalNs: 10 * MS, publishUntilNs: 20 * MS });
  world.kernel.run({ until: 50 * MS });

  it('is detected from a heartbeat and recovered', () => {
    expect(world.receiver.episodes).toMatchObject([{ detectedAtNs: 30.1 * MS, firstMissingSeq: 19, missingAtDetection: 1, recoveredAtNs: 30.3 * MS }]);
    expect(world.consumer.book).toEqual(world.published);
  });

  it('counts the book as fresh as the last heartbeat once nothing is missing', () => {
    // Heartbeats at 30 and 40 ms (no data since 19 ms); the one sent at 40 ms arrives at 40.1 ms.
    expect(world.receiver.bookAsOfVenueNs).toBe(40 * MS);
  });
});

describe('a new feed session', () => {
  const world = buildFeedWorld({ publishUntilNs: 100 * MS });
  world.kernel.schedule(50 * MS + 500 * US, () => world.publisher.newSession());
  world.kernel.run({ until: 120 * MS });

  it('makes the receiver discard its book state and rebuild from a snapshot of the new session', () => {
    const resets = world.receiver.episodes.filter((e) => e.sessionReset);
    // The first session-2 packet (seq 1, sent at 51 ms) arrives at 51.1 ms; the snapshot lands 200 us later.
    expect(resets).toMatchObject([{ session: 2, detectedAtNs: 51.1 * MS, snapshotRequests: 1, recoveredAtNs: 51.3 * MS }]);
    expect(world.receiver.session).toBe(2);
    expect(world.consumer.book).toEqual(world.published);
  });
});
