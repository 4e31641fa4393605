// Seed 004's accounting property on the real book: across any schedule of order server crashes,
// restarts, disk losses and exchange link faults, with the market maker trading against the router's
// orders through the venue's sequencer, every order the router sent ends known to the router or
// recorded as orphaned with a reason, and nothing is entered or counted twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../../../sim/index.ts';
import { auditOrderAccounting } from '../../../../venues/gateway/order-server/order-audit.ts';
import { BID_TICKS, GATEWAY, SESSION, SESSION_OPENS_NS, buildWorld, restPreviousSessionOrder } from './world.ts';

type Step =
  | { kind: 'wait'; ms: number }
  | { kind: 'new'; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'hit'; qty: number }
  | { kind: 'crash' }
  | { kind: 'restart' }
  | { kind: 'disk-loss' }
  | { kind: 'link-drop' }
  | { kind: 'unreachable'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('new' as const), qty: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('hit' as const), qty: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crash' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'disk-loss' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'link-drop' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unreachable' as const), ms: fc.integer({ min: 1, max: 5000 }) }) },
);

function runSchedule(gtcCount: number, steps: readonly Step[], brokenRouter = false) {
  const world = buildWorld();
  world.router.ignoreBooks = brokenRouter;
  const { kernel, adapter, router, server, desk } = world;
  for (let i = 0; i < gtcCount; i++) restPreviousSessionOrder(world, `gtc${i}`, 100 * (i + 1));
  server.start();
  kernel.run({ until: SESSION_OPENS_NS });
  let next = 0;
  for (const s of steps) {
    if (s.kind === 'wait') kernel.run({ until: kernel.now + s.ms * NS_PER_MS });
    else if (s.kind === 'new' && router.canTrade) router.newOrder(`o${next++}`, s.qty, SESSION);
    else if (s.kind === 'cancel' && router.canTrade) {
      const working = router.workingIds();
      if (working.length > 0) router.cancel(working[s.pick % working.length]);
    } else if (s.kind === 'hit') world.maker('sell', BID_TICKS, s.qty);
    else if (s.kind === 'crash') server.crash();
    else if (s.kind === 'restart' && server.status().process === 'down') server.start();
    else if (s.kind === 'disk-loss' && server.status().process !== 'down') {
      server.loseDisk();
      desk.callExchangeLater(server);
    } else if (s.kind === 'link-drop') adapter.dropLink(GATEWAY);
    else if (s.kind === 'unreachable') {
      adapter.reachable = false;
      kernel.scheduleAfter(s.ms * NS_PER_MS, () => {
        adapter.reachable = true;
      });
    }
  }
  adapter.reachable = true;
  kernel.run({ until: kernel.now + 6 * NS_PER_S });
  if (server.status().process === 'down') server.start();
  kernel.run({ until: kernel.now + 120 * NS_PER_S });
  return world;
}

describe('order server accounting on the real book (seed 004)', () => {
  it('no order is lost or duplicated across crash / restart / disk-loss / link-fault schedules', () => {
    const reasonsSeen = new Set<string>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.array(step, { maxLength: 50 }), (gtcCount, steps) => {
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
    const steps: Step[] = [{ kind: 'new', qty: 300 }, { kind: 'crash' }, { kind: 'restart' }];
    const world = runSchedule(0, steps, true);
    expect(auditOrderAccounting(world.router.sent, world.router.beliefView(), world.adapter.truth(), world.registry)).not.toEqual([]);
  });
});
