// Seed 004's accounting property on the real book: across any schedule of order server crashes,
// restarts, disk losses and exchange link faults, with the market maker trading against the router's
// orders through the venue's sequencer, every order the router sent ends known to the router or
// recorded as orphaned with a reason, and nothing is entered or counted twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditOrderAccounting } from '../../../../venues/gateway/order-server/order-audit.ts';
import { driveFaultSchedule, faultStep, type FaultStep } from '../order-server/fault-schedule.ts';
import { BID_TICKS, GATEWAY, SESSION, SESSION_OPENS_NS, buildWorld, restPreviousSessionOrder } from './world.ts';

function runSchedule(gtcCount: number, steps: readonly FaultStep[], brokenRouter = false) {
  const world = buildWorld();
  world.router.ignoreBooks = brokenRouter;
  const { kernel, adapter, router, server, desk } = world;
  for (let i = 0; i < gtcCount; i++) restPreviousSessionOrder(world, `gtc${i}`, 100 * (i + 1));
  server.start();
  kernel.run({ until: SESSION_OPENS_NS });
  driveFaultSchedule(
    {
      kernel,
      router,
      server,
      desk,
      session: SESSION,
      // The market maker sells into the bid, where the router's orders rest.
      fill: (_pick, qty) => world.maker('sell', BID_TICKS, qty),
      dropLink: () => adapter.dropLink(GATEWAY),
      setReachable: (reachable) => (adapter.reachable = reachable),
    },
    steps,
  );
  return world;
}

describe('order server accounting on the real book (seed 004)', () => {
  it('no order is lost or duplicated across crash / restart / disk-loss / link-fault schedules', () => {
    const reasonsSeen = new Set<string>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.array(faultStep, { maxLength: 50 }), (gtcCount, steps) => {
        const world = runSchedule(gtcCount, steps);
        for (const record of world.registry.records) reasonsSeen.add(record.reason);
        expect(world.server.status()).toMatchObject({ process: 'running', exchangeLink: 'connected' });
        expect(auditOrderAccounting(world.router.sent, world.router.beliefView(), world.adapter.truth(), world.registry)).toEqual([]);
      }),
      { numRuns: 200, seed: 4104 },
    );
    expect([...reasonsSeen].sort()).toEqual(['found-by-phone', 'order-log-lost', 'previous-session-unverifiable']);
  });

  it('fails for a router that ignores the order book after an outage (the checker can fail)', () => {
    // The order dies on its way to the server; only the order book's action watermark says so.
    const steps: FaultStep[] = [{ kind: 'new', qty: 300 }, { kind: 'crash' }, { kind: 'restart' }];
    const world = runSchedule(0, steps, true);
    expect(auditOrderAccounting(world.router.sent, world.router.beliefView(), world.adapter.truth(), world.registry)).not.toEqual([]);
  });
});
