// METRICS.md invariant "no fill lost, none counted twice", at the FIX boundary: over random order flows
// (router limit/IOC/market orders, cancels, replaces, maker liquidity) and random disconnect schedules,
// with cancel-on-disconnect on or off, the fills the entry session delivers to the router by the end
// equal the venue's fills for the owner, order by order, each ExecID once; and the drop copy, after
// its own outage and catch-up, carries the same trade ExecIDs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Side } from '../../../../venues/book/index.ts';
import { CatchUpAfterOutage } from '../../../../venues/fix/drop-copy/index.ts';
import { LogNormalLatency } from '../../../../venues/gateway/latency-model.ts';
import { MAKER, MS, S, TICK, buildWorld, isTrade } from './world.ts';

const atMs = fc.integer({ min: 5, max: 1500 });
const side = fc.constantFrom<Side>('buy', 'sell');
const offset = fc.integer({ min: -2, max: 2 });
const qty = fc.integer({ min: 1, max: 10 });
const action = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('new' as const), atMs, side, offset, qty, type: fc.constantFrom('limit', 'limit', 'ioc', 'market') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), atMs, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), atMs, pick: fc.nat(), offset, qty }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('maker' as const), atMs, side, offset, qty }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('maker-market' as const), atMs, side, qty }) },
);
const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  actions: fc.array(action, { minLength: 30, maxLength: 80 }),
  cuts: fc.array(fc.record({ atMs, downMs: fc.integer({ min: 1, max: 600 }) }), { minLength: 1, maxLength: 4 }),
  codDelayMs: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  dropOutage: fc.record({ fromMs: atMs, lengthMs: fc.integer({ min: 1, max: 800 }) }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const MID_TICKS = 10_000;
const price = (offsetTicks: number) => Math.round((MID_TICKS + offsetTicks) * TICK * 100) / 100;

function runScenario(s: Scenario) {
  const world = buildWorld({
    seed: s.seed,
    cancelOnDisconnectDelayNs: s.codDelayMs === undefined ? undefined : s.codDelayMs * MS,
    dropCopy: {
      lag: new LogNormalLatency(1 * MS, 20 * MS),
      outages: [{ fromNs: s.dropOutage.fromMs * MS, untilNs: (s.dropOutage.fromMs + s.dropOutage.lengthMs) * MS }],
      recovery: new CatchUpAfterOutage(),
    },
  });
  // The router's chains: root ClOrdID -> [side, last ClOrdID sent].
  const chains: [Side, string][] = [];
  let ids = 0;
  for (const a of s.actions) {
    world.at(a.atMs * MS, () => {
      switch (a.kind) {
        case 'new': {
          const clOrdId = world.newOrder({ side: a.side, qty: a.qty, ordType: a.type === 'market' ? '1' : '2', price: a.type === 'market' ? undefined : price(a.offset), tif: a.type === 'ioc' ? '3' : undefined });
          if (a.type === 'limit') chains.push([a.side, clOrdId]);
          return;
        }
        case 'cancel':
        case 'replace': {
          if (chains.length === 0) return;
          const chain = chains[a.pick % chains.length];
          const clOrdId = `R${++ids}`;
          if (a.kind === 'cancel') world.cancel(chain[1], chain[0], clOrdId);
          else world.replace(chain[1], chain[0], price(a.offset), a.qty, clOrdId);
          chain[1] = clOrdId;
          return;
        }
        case 'maker':
          world.makerLimit(a.side, MID_TICKS + a.offset, a.qty);
          return;
        case 'maker-market':
          world.venue.submitMarket(world.venue.nextOrderId(), MAKER, a.side, a.qty);
          return;
      }
    });
  }
  for (const cut of s.cuts) world.at(cut.atMs * MS, () => world.cutEntry(cut.downMs * MS));
  world.run(6 * S);
  return world;
}

describe('fills across disconnects (property)', () => {
  it('the router is delivered exactly the venue fills of its owner, per order, each ExecID once; the drop copy the same ExecIDs', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const world = runScenario(s);
        expect(world.entry.router.session.isLoggedOn).toBe(true);
        const reports = world.entry.app.reports.map((r) => r.body);
        const trades = reports.filter(isTrade);
        expect(new Set(trades.map((r) => r.execId)).size).toBe(trades.length);

        const venueFills = world.venueFillsByOrder();
        const deliveredByOrder = new Map<number, number>();
        const lastCumQty = new Map<number, number>();
        for (const r of trades) deliveredByOrder.set(Number(r.orderId), (deliveredByOrder.get(Number(r.orderId)) ?? 0) + (r.lastQty ?? 0));
        for (const r of reports) if (r.orderId !== 'NONE') lastCumQty.set(Number(r.orderId), r.cumQty);
        expect(deliveredByOrder).toEqual(venueFills);
        for (const [orderId, filled] of venueFills) expect(lastCumQty.get(orderId)).toBe(filled);

        const copiedTrades = world.drop.app.reports.map((r) => r.body).filter(isTrade);
        expect(new Set(copiedTrades.map((r) => r.execId))).toEqual(new Set(trades.map((r) => r.execId)));
      }),
      { numRuns: 150, seed: 4004 },
    );
  });
});
