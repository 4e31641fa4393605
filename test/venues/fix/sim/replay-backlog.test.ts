// Seed 002's replay backlog over the simulated link: a slow replay delays the live messages queued behind
// it, and a resend storm on the other side stacks replays of the same range, multiplying that delay.
import { describe, expect, test } from 'vitest';
import { runScenario, worstDeliveryLagNs, type Fault, type Scenario } from './fault-scenario.ts';

const loss: Fault = { atMs: 5_000, kind: 'loss', durationMs: 1_000, probability: 1 };
const slowVenueReplay: Fault = { atMs: 0, kind: 'slow-replay', durationMs: 60_000, side: 'venue', rateMsgsPerSec: 10 };
const clientStorm: Fault = { atMs: 0, kind: 'resend-storm', durationMs: 60_000, side: 'client', intervalMs: 250 };
const SEEDS = [2, 5, 8];

/** Summed over the seeds: the worst venue-to-client delivery lag (ns), resend requests, duplicates dropped. */
function measure(faults: Fault[]) {
  let lagNs = 0;
  let resendRequests = 0;
  let duplicatesDropped = 0;
  for (const seed of SEEDS) {
    // About 10 messages a second each way, so a 1 s loss window leaves a gap of about ten to replay.
    const scenario: Scenario = { seed, faults, initiatorPersists: true, acceptorPersists: true, chunkSize: 0, messagesEach: 200 };
    const { client, venue, initiator } = runScenario(scenario);
    expect(client.delivered).toEqual(venue.sentIds); // exactly once and in order, whatever the faults
    lagNs += worstDeliveryLagNs(venue, client);
    resendRequests += initiator.stats.resendRequestsSent;
    duplicatesDropped += initiator.stats.possDupIgnored;
  }
  return { lagNs, resendRequests, duplicatesDropped };
}

describe('replay backlog', () => {
  test('a slow replay makes the live messages queued behind it later than an immediate replay does', () => {
    expect(measure([loss, slowVenueReplay]).lagNs).toBeGreaterThan(measure([loss]).lagNs);
  });

  test('a resend storm against a slow replay multiplies the delay: the range is replayed again and again ahead of live traffic', () => {
    const slow = measure([loss, slowVenueReplay]);
    const stormed = measure([loss, slowVenueReplay, clientStorm]);
    expect(stormed.resendRequests).toBeGreaterThan(slow.resendRequests);
    expect(stormed.duplicatesDropped).toBeGreaterThan(slow.duplicatesDropped + 10 * SEEDS.length);
    expect(stormed.lagNs).toBeGreaterThan(2 * slow.lagNs);
  });
});
