// Properties of two FIX sessions (initiator and acceptor) over a simulated link under random fault schedules
// (message loss windows, connection cuts, refused reconnects): every application message is delivered once
// and in order, or recorded as lost by a sender that does not persist; a PossDup message is never applied
// twice; both sides end logged on with matching sequence numbers. METRICS.md "Invariants", seed 002.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FAULT_WINDOW_MS, runScenario, type Fault, type Recorder, type Scenario } from './fault-scenario.ts';

/** Delivered exactly once, in send order, or recorded lost by the sender; nothing else. */
function checkDirection(sender: Recorder, receiver: Recorder, senderPersists: boolean): void {
  expect(new Set(receiver.delivered).size).toBe(receiver.delivered.length);
  const lost = new Set(sender.lostIds);
  expect(receiver.delivered.filter((id) => lost.has(id))).toEqual([]);
  expect(receiver.delivered).toEqual(sender.sentIds.filter((id) => !lost.has(id)));
  if (senderPersists) expect(sender.lostIds).toEqual([]);
}

const faultArb: fc.Arbitrary<Fault> = fc.record({
  atMs: fc.integer({ min: 0, max: FAULT_WINDOW_MS }),
  kind: fc.constantFrom('cut' as const, 'loss' as const, 'refuse' as const),
  durationMs: fc.integer({ min: 50, max: 6_000 }),
  probability: fc.double({ min: 0.05, max: 1, noNaN: true }),
});
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  faults: fc.array(faultArb, { maxLength: 6 }),
  initiatorPersists: fc.boolean(),
  acceptorPersists: fc.boolean(),
  chunkSize: fc.constantFrom(0, 0, 1, 3, 10),
  messagesEach: fc.integer({ min: 1, max: 40 }),
});

describe('FIX sessions over a faulty simulated link', () => {
  test('every application message is delivered once and in order, or recorded lost by a non-persisting sender; sequence numbers agree at the end', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { initiator, acceptor, client, venue } = runScenario(scenario);
        expect(initiator.isLoggedOn && acceptor.isLoggedOn).toBe(true);
        checkDirection(client, venue, scenario.initiatorPersists);
        checkDirection(venue, client, scenario.acceptorPersists);
        expect(initiator.nextSenderSeqNum).toBe(acceptor.nextTargetSeqNum);
        expect(acceptor.nextSenderSeqNum).toBe(initiator.nextTargetSeqNum);
        expect(initiator.inGapRecovery || acceptor.inGapRecovery).toBe(false);
      }),
      { numRuns: Number(process.env.FIX_FAULT_RUNS ?? 120) },
    );
  });

  test('a PossDup replay is never applied twice: resends after a loss window deliver each message once', () => {
    const scenario: Scenario = { seed: 7, faults: [{ atMs: 2_000, kind: 'loss', durationMs: 3_000, probability: 0.7 }], initiatorPersists: true, acceptorPersists: true, chunkSize: 0, messagesEach: 40 };
    const { client, venue, initiator, acceptor } = runScenario(scenario);
    expect(initiator.stats.messagesResent + acceptor.stats.messagesResent).toBeGreaterThan(0); // the fault did force replays
    expect(client.deliveredPossDup.length + venue.deliveredPossDup.length).toBeGreaterThan(0);
    checkDirection(client, venue, true);
    checkDirection(venue, client, true);
  });

  test('same seed and fault schedule, same run', () => {
    const scenario: Scenario = { seed: 3, faults: [{ atMs: 5_000, kind: 'cut', durationMs: 100, probability: 1 }, { atMs: 9_000, kind: 'loss', durationMs: 2_000, probability: 0.5 }], initiatorPersists: false, acceptorPersists: true, chunkSize: 3, messagesEach: 30 };
    const a = runScenario(scenario);
    const b = runScenario(scenario);
    expect(b.venue.delivered).toEqual(a.venue.delivered);
    expect(b.client.delivered).toEqual(a.client.delivered);
    expect(b.initiator.stats).toEqual(a.initiator.stats);
    expect(b.link.messagesLost).toBe(a.link.messagesLost);
  });
});
