// The chaos proxy between two engines of this project over real TCP on 127.0.0.1: the faults reach the
// session as the scenario says, the verdict passes a healthy engine and flags one with a deliberate defect.
import { describe, expect, test } from 'vitest';
import { failures, proxiedRun } from './proxied-run.ts';

describe('chaos proxy with this project engine on both sides', () => {
  test('loss of ExecutionReports towards the initiator: one gap, asked for from its first number, recovered; verdict pass', async () => {
    const { verdict, client } = await proxiedRun(["{ kind: session-message-loss, at: 500ms, session: s1, duration: 2s, lossProbability: 1, direction: to-router, msgTypes: ['8'], maxMessages: 3 }"], 'initiator');
    expect(failures(verdict)).toEqual([]);
    expect(verdict.exitCode).toBe(0);
    expect(verdict.gaps).toHaveLength(1);
    expect(verdict.gaps[0].last - verdict.gaps[0].first + 1).toBe(3);
    expect(verdict.gaps[0].requested[0].beginSeqNo).toBe(verdict.gaps[0].first);
    expect(new Set(client.reports).size).toBe(20); // every report of 10 orders (New + Fill) arrived once
    expect(verdict.kpis.GAPS).toBe(1);
  }, 20_000);

  test('an acceptor that ignores ResendRequests is flagged (exit 1); the healthy one passes the same faults', async () => {
    const faults = ["{ kind: session-message-loss, at: 500ms, session: s1, duration: 2s, lossProbability: 1, direction: to-router, msgTypes: ['8'], maxMessages: 2 }"];
    const broken = await proxiedRun(faults, 'acceptor', { broken: { ignoreResendRequests: true } });
    expect(broken.verdict.exitCode).toBe(1);
    expect(failures(broken.verdict)).toEqual(expect.arrayContaining([expect.stringMatching(/^answers ResendRequests \[ResendRequest \d+\.\.0 at \d+ ms\]: answered 0 of \d+ numbers$/)]));
    const healthy = await proxiedRun(faults, 'acceptor');
    expect(failures(healthy.verdict)).toEqual([]);
    expect(healthy.verdict.rules.filter((r) => r.rule === 'answers ResendRequests' && r.status === 'pass').length).toBeGreaterThan(0);
  }, 30_000);

  test('an acceptor that applies PossDup duplicates is flagged; the healthy one drops them', async () => {
    const faults = ["{ kind: session-duplicate, at: 500ms, session: s1, duration: 2s, possDup: true, direction: to-venue, msgTypes: ['D'], maxMessages: 2 }"];
    const broken = await proxiedRun(faults, 'acceptor', { broken: { applyPossDupDuplicates: true } });
    expect(broken.verdict.exitCode).toBe(1);
    expect(failures(broken.verdict)).toEqual([expect.stringMatching(/drops PossDup duplicates \[PossDup duplicate of D \d+ \(ClOrdID O\d\)\]: acknowledged ClOrdID O\d twice/), expect.stringMatching(/drops PossDup duplicates/)]);
    expect(broken.venueOrders.length).toBe(12);
    const healthy = await proxiedRun(faults, 'acceptor');
    expect(failures(healthy.verdict)).toEqual([]);
    expect(healthy.venueOrders.length).toBe(10);
  }, 30_000);

  test('an unmarked duplicate ends the session (Logout MsgSeqNum too low); the initiator logs on again', async () => {
    const { verdict } = await proxiedRun(["{ kind: session-duplicate, at: 500ms, session: s1, duration: 2s, possDup: false, direction: to-router, msgTypes: ['8'], maxMessages: 1 }"], 'initiator');
    expect(failures(verdict)).toEqual([]);
    expect(verdict.rules.find((r) => r.rule === 'ends the session on an unmarked duplicate')?.detail).toMatch(/Logout "MsgSeqNum too low, expecting \d+ but received \d+"/);
    expect(verdict.kpis.CONNECTIONS).toBeGreaterThanOrEqual(2);
  }, 20_000);

  test('reordering, delay, a sequence reset, GapFills over business messages and a slow replay: a healthy initiator passes', async () => {
    const { verdict, touched } = await proxiedRun(
      [
        "{ kind: session-reorder, at: 400ms, session: s1, duration: 300ms, direction: to-router, msgTypes: ['8'], maxMessages: 1 }",
        '{ kind: session-delay, at: 800ms, session: s1, duration: 300ms, extraLatency: 50ms, jitter: 20ms, direction: both }',
        '{ kind: session-sequence-reset, at: 1200ms, session: s1, side: venue, jump: 7 }',
        "{ kind: session-message-loss, at: 1500ms, session: s1, duration: 1s, lossProbability: 1, direction: to-router, msgTypes: ['8'], maxMessages: 4 }",
        '{ kind: session-gapfill-business, at: 1500ms, session: s1, side: venue, duration: 3s }',
        '{ kind: session-slow-replay, at: 1500ms, session: s1, side: venue, rateMsgsPerSec: 20, duration: 3s }',
      ],
      'initiator',
      { orders: 20, intervalMs: 100, runMs: 4_500 },
    );
    expect(failures(verdict)).toEqual([]);
    expect(verdict.rules.filter((r) => r.status === 'inconclusive')).toEqual([]);
    const actions = new Set(touched.flatMap((t) => t.actions.map((a) => a.action.replace(/ to \d+$/, ''))));
    expect([...actions].sort()).toEqual(['delayed', 'dropped', 'held back', 'paced', 'renumbered', 'rewritten as GapFill', 'SequenceReset-Reset'].sort());
    expect(verdict.rules.some((r) => r.rule === 'applies SequenceReset' && r.status === 'pass')).toBe(true);
    expect(verdict.gaps.length).toBeGreaterThanOrEqual(2); // the reorder's and the loss's
  }, 30_000);
});
