// Property (seed 004): across any schedule of crashes, restarts, disk losses and link faults, no order
// is lost or duplicated: every order the router sent is in the end known to the router or recorded as
// orphaned with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../../../sim/index.ts';
import { auditOrderAccounting } from '../../../../venues/gateway/order-server/order-audit.ts';
import { SESSION, SESSION_OPENS_NS, buildWorld, seedPreviousSessionOrder } from './world.ts';

type Step =
  | { kind: 'wait'; ms: number }
  | { kind: 'new'; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'fill'; pick: number; qty: number }
  | { kind: 'crash' }
  | { kind: 'restart' }
  | { kind: 'disk-loss' }
  | { kind: 'link-drop' }
  | { kind: 'unreachable'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('new' as const), qty: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('fill' as const), pick: fc.nat(), qty: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crash' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'disk-loss' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'link-drop' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unreachable' as const), ms: fc.integer({ min: 1, max: 5000 }) }) },
);

function runSchedule(previousSessionOrders: number, steps: readonly Step[]) {
  const world = buildWorld();
  const { kernel, venue, router, server, desk } = world;
  for (let i = 0; i < previousSessionOrders; i++) seedPreviousSessionOrder(world, `gtc${i}`, 100 * (i + 1));
  server.start();
  kernel.run({ until: SESSION_OPENS_NS });
  let next = 0;
  for (const s of steps) {
    if (s.kind === 'wait') kernel.run({ until: kernel.now + s.ms * NS_PER_MS });
    else if (s.kind === 'new' && router.canTrade) router.newOrder(`o${next++}`, s.qty, SESSION);
    else if (s.kind === 'cancel' && router.canTrade) {
      const working = router.workingIds();
      if (working.length > 0) router.cancel(working[s.pick % working.length]);
    } else if (s.kind === 'fill') {
      const working = venue.workingOrderIds();
      if (working.length > 0) venue.fill(working[s.pick % working.length], s.qty);
    } else if (s.kind === 'crash') server.crash();
    else if (s.kind === 'restart' && server.status().process === 'down') server.start();
    else if (s.kind === 'disk-loss' && server.status().process !== 'down') {
      server.loseDisk();
      desk.callExchangeLater(server);
    } else if (s.kind === 'link-drop') venue.dropLink(server.gatewayId);
    else if (s.kind === 'unreachable') {
      venue.reachable = false;
      kernel.scheduleAfter(s.ms * NS_PER_MS, () => {
        venue.reachable = true;
      });
    }
  }
  // The end of the incident: the venue is reachable, the server is (re)started, people have called.
  venue.reachable = true;
  kernel.run({ until: kernel.now + 6 * NS_PER_S });
  if (server.status().process === 'down') server.start();
  kernel.run({ until: kernel.now + 120 * NS_PER_S });
  return world;
}

describe('order server accounting under faults (seed 004)', () => {
  it('no order is lost or duplicated across any crash / restart / disk-loss / link-fault schedule', () => {
    const reasonsSeen = new Map<string, number>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.array(step, { maxLength: 60 }), (gtcCount, steps) => {
        const world = runSchedule(gtcCount, steps);
        for (const reason of new Set(world.registry.records.map((r) => r.reason))) reasonsSeen.set(reason, (reasonsSeen.get(reason) ?? 0) + 1);
        expect(world.server.status()).toMatchObject({ process: 'running', exchangeLink: 'connected' });
        expect(world.router.canTrade).toBe(true);
        expect(auditOrderAccounting(world.router.sent, world.router.beliefView(), world.venue.truth(), world.registry)).toEqual([]);
      }),
      { numRuns: 1000, seed: 4004 },
    );
    // The schedules reach every way an order becomes an orphan, not only the easy ones.
    for (const reason of ['order-log-lost', 'found-by-phone', 'previous-session-unverifiable']) expect(reasonsSeen.get(reason) ?? 0).toBeGreaterThan(5);
  });

  it('orphans carry a reason only when the router really cannot know (no faults, no orphans)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(step.filter((s) => s.kind === 'new' || s.kind === 'fill' || s.kind === 'cancel' || s.kind === 'wait')), { maxLength: 40 }), (steps) => {
        const world = runSchedule(2, steps);
        expect(world.registry.records).toEqual([]);
        expect(auditOrderAccounting(world.router.sent, world.router.beliefView(), world.venue.truth(), world.registry)).toEqual([]);
      }),
      { numRuns: 100, seed: 4005 },
    );
  });
});
