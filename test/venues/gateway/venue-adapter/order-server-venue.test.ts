// The order server (seed 004) against the real venue: its faults (crash, disk loss, link loss, a GTC
// order filling while the gateway is away) played on the real book through the sequencer.
import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../../../sim/index.ts';
import { PrimaryCrash, RejectDuringTransition } from '../../../../venues/sequencer/index.ts';
import { auditOrderAccounting } from '../../../../venues/gateway/order-server/order-audit.ts';
import { ASK_TICKS, BID_TICKS, GATEWAY, HUMAN_DELAY_NS, PREVIOUS_SESSION, SESSION, SESSION_OPENS_NS, buildWorld, restPreviousSessionOrder, type World } from './world.ts';

function started(): World {
  const world = buildWorld();
  world.server.start();
  world.kernel.run({ until: SESSION_OPENS_NS });
  expect(world.server.status()).toMatchObject({ process: 'running', exchangeLink: 'connected' });
  return world;
}

const after = (world: World, ns: number) => world.kernel.run({ until: world.kernel.now + ns });
const audit = (world: World) => auditOrderAccounting(world.router.sent, world.router.beliefView(), world.adapter.truth(), world.registry);

describe('order server venue adapter on the real book', () => {
  it('enters the router order in the book; the maker crossing it fills it; ack and fill reach the router', () => {
    const world = started();
    world.router.newOrder('o1', 300, SESSION);
    after(world, 10 * NS_PER_MS);
    expect(world.venue.bestBidTicks()).toBe(BID_TICKS);
    expect(world.router.reports.map((r) => r.kind)).toEqual(['order-book', 'ack']);
    world.maker('sell', BID_TICKS, 200);
    after(world, 10 * NS_PER_MS);
    expect(world.router.beliefs.get('o1')).toMatchObject({ working: true, cumQtyShares: 200 });
    expect(world.adapter.truth().get('o1')).toEqual({ working: true, cumQtyShares: 200, acceptedCount: 1 });
    expect(audit(world)).toEqual([]);
  });

  it('a buy priced through the ask takes the maker liquidity and is done: filled in the book, filled at the router', () => {
    const world = started();
    world.maker('sell', ASK_TICKS, 500);
    world.terms.set('x1', { side: 'buy', orderType: 'ioc', priceTicks: ASK_TICKS });
    world.router.newOrder('x1', 200, SESSION);
    after(world, 10 * NS_PER_MS);
    expect(world.router.beliefs.get('x1')).toMatchObject({ working: false, cumQtyShares: 200 });
    expect(world.venue.book.levels('sell')).toEqual([expect.objectContaining({ priceTicks: ASK_TICKS, qtyShares: 300 })]);
  });

  it('a cancel that loses the race with a fill is rejected too late, and the fill stands', () => {
    const world = started();
    world.router.newOrder('o1', 100, SESSION);
    after(world, 10 * NS_PER_MS);
    world.maker('sell', BID_TICKS, 100);
    world.router.cancel('o1');
    after(world, 10 * NS_PER_MS);
    expect(world.router.reports.filter((r) => r.kind === 'cancel-rejected')).toEqual([{ kind: 'cancel-rejected', clOrdId: 'o1', reason: 'too-late' }]);
    expect(world.router.beliefs.get('o1')).toMatchObject({ working: false, cumQtyShares: 100 });
  });

  it('crash: fills the book made while the server was down reach it on reconnect, once', () => {
    const world = started();
    world.router.newOrder('o1', 300, SESSION);
    after(world, 10 * NS_PER_MS);
    world.server.crash();
    world.maker('sell', BID_TICKS, 120);
    world.maker('sell', BID_TICKS, 80);
    after(world, 1 * NS_PER_S);
    expect(world.router.beliefs.get('o1')?.cumQtyShares).toBe(0);
    world.server.start();
    after(world, 5 * NS_PER_S);
    expect(world.router.beliefs.get('o1')).toMatchObject({ working: true, cumQtyShares: 200 });
    expect(world.log.fills.map((f) => f.qtyShares)).toEqual([120, 80]);
    expect(audit(world)).toEqual([]);
  });

  it('disk loss: the order stays in the book, invisible to the router, until the phone call cancels it', () => {
    const world = started();
    world.router.newOrder('o1', 300, SESSION);
    after(world, 10 * NS_PER_MS);
    world.server.loseDisk();
    world.desk.callExchangeLater(world.server);
    world.server.start();
    after(world, 5 * NS_PER_S);
    expect(world.router.beliefs.get('o1')?.working).toBe(false);
    expect(world.venue.bestBidTicks()).toBe(BID_TICKS);
    expect(world.registry.recordsFor('o1').map((r) => r.reason)).toEqual(['order-log-lost']);
    after(world, HUMAN_DELAY_NS);
    expect(world.venue.bestBidTicks()).toBeUndefined();
    expect(world.adapter.workingOrderIds(GATEWAY)).toEqual([]);
    // The phone call's cancel then reaches the server as an unsolicited cancel of an order it cannot attribute.
    expect(world.registry.recordsFor('o1').map((r) => [r.reason, r.detail])).toEqual([
      ['order-log-lost', 'working, filled 0 of 300'],
      ['found-by-phone', 'cancelled by phone after 0 of 300 filled'],
      ['order-log-lost', 'venue sent cancel'],
    ]);
    expect(world.desk.calls).toEqual([expect.objectContaining({ ordersReported: 1, cancelled: 1 })]);
    expect(audit(world)).toEqual([]);
  });

  it('a GTC order filled in the book while the gateway is away: the fill is never sent and the order is unverifiable', () => {
    const world = buildWorld();
    restPreviousSessionOrder(world, 'gtc1', 100);
    world.server.start();
    world.kernel.run({ until: 1.5 * NS_PER_S });
    world.server.crash();
    world.maker('sell', BID_TICKS, 100);
    world.kernel.run({ until: SESSION_OPENS_NS + 1 * NS_PER_S });
    world.server.start();
    after(world, 5 * NS_PER_S);
    expect(world.adapter.truth().get('gtc1')).toMatchObject({ working: false, cumQtyShares: 100 });
    expect(world.router.reports.some((r) => r.kind === 'fill')).toBe(false);
    expect(world.registry.recordsFor('gtc1')).toEqual([expect.objectContaining({ reason: 'previous-session-unverifiable', detail: `session ${PREVIOUS_SESSION}, server has it working` })]);
    expect(audit(world)).toEqual([]);
  });

  it('the venue dropping the link: the server cycles reconnects, downloads the book and goes on', () => {
    const world = started();
    world.router.newOrder('o1', 300, SESSION);
    after(world, 10 * NS_PER_MS);
    world.adapter.reachable = false;
    world.adapter.dropLink(GATEWAY);
    world.maker('sell', BID_TICKS, 50);
    after(world, 2 * NS_PER_S);
    expect(world.server.status()).toMatchObject({ exchangeLink: 'feed-down' });
    world.adapter.reachable = true;
    after(world, 2 * NS_PER_S);
    expect(world.server.status()).toMatchObject({ exchangeLink: 'connected' });
    expect(world.router.beliefs.get('o1')).toMatchObject({ working: true, cumQtyShares: 50 });
    expect(audit(world)).toEqual([]);
  });

  it('a new order refused by the venue during its sequencer failover comes back rejected "venue-unavailable"', () => {
    const crashAtNs = SESSION_OPENS_NS + 100 * NS_PER_MS;
    const world = buildWorld(1, { faults: [new PrimaryCrash(crashAtNs, 10 * NS_PER_MS, 50 * NS_PER_MS)], transitionInbound: RejectDuringTransition });
    world.server.start();
    world.kernel.run({ until: crashAtNs + 20 * NS_PER_MS });
    world.router.newOrder('o1', 100, SESSION);
    after(world, 1 * NS_PER_S);
    expect(world.router.reports.filter((r) => r.kind === 'rejected')).toEqual([{ kind: 'rejected', clOrdId: 'o1', reason: 'venue-unavailable' }]);
    expect(world.adapter.truth().get('o1')).toMatchObject({ working: false, cumQtyShares: 0 });
    expect(audit(world)).toEqual([]);
  });
});
