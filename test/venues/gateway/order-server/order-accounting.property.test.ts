// Property (seed 004): across any schedule of crashes, restarts, disk losses and link faults, no order
// is lost or duplicated: every order the router sent is in the end known to the router or recorded as
// orphaned with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditOrderAccounting } from '../../../../venues/gateway/order-server/order-audit.ts';
import { driveFaultSchedule, faultStep, type FaultStep } from './fault-schedule.ts';
import { SESSION, SESSION_OPENS_NS, buildWorld, seedPreviousSessionOrder } from './world.ts';

function runSchedule(previousSessionOrders: number, steps: readonly FaultStep[]) {
  const world = buildWorld();
  const { kernel, venue, router, server, desk } = world;
  for (let i = 0; i < previousSessionOrders; i++) seedPreviousSessionOrder(world, `gtc${i}`, 100 * (i + 1));
  server.start();
  kernel.run({ until: SESSION_OPENS_NS });
  driveFaultSchedule(
    {
      kernel,
      router,
      server,
      desk,
      session: SESSION,
      fill: (pick, qty) => {
        const working = venue.workingOrderIds();
        if (working.length > 0) venue.fill(working[pick % working.length], qty);
      },
      dropLink: () => venue.dropLink(server.gatewayId),
      setReachable: (reachable) => (venue.reachable = reachable),
    },
    steps,
  );
  return world;
}

describe('order server accounting under faults (seed 004)', () => {
  it('no order is lost or duplicated across any crash / restart / disk-loss / link-fault schedule', () => {
    const reasonsSeen = new Map<string, number>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.array(faultStep, { maxLength: 60 }), (gtcCount, steps) => {
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
      fc.property(fc.array(fc.oneof(faultStep.filter((s) => s.kind === 'new' || s.kind === 'fill' || s.kind === 'cancel' || s.kind === 'wait')), { maxLength: 40 }), (steps) => {
        const world = runSchedule(2, steps);
        expect(world.registry.records).toEqual([]);
        expect(auditOrderAccounting(world.router.sent, world.router.beliefView(), world.venue.truth(), world.registry)).toEqual([]);
      }),
      { numRuns: 100, seed: 4005 },
    );
  });
});
