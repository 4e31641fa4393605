import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S, NS_PER_US } from '../../../../sim/index.ts';
import { auditOrderAccounting } from '../../../../venues/gateway/order-server/order-audit.ts';
import { PriceFeedLink } from '../../../../venues/gateway/order-server/price-feed-link.ts';
import { HUMAN_DELAY_NS, SESSION, buildWorld, seedPreviousSessionOrder } from './world.ts';

const START_NS = 1 * NS_PER_S;

describe('order server startup (seed 004)', () => {
  it('takes longer to start the bigger its log: base + ns per record', () => {
    const world = buildWorld();
    for (let i = 0; i < 5000; i++) world.log.append({ kind: 'new', order: { clOrdId: `old${i}`, qtyShares: 100, sessionId: SESSION } });
    world.server.start();
    const expected = START_NS + 5000 * 20 * NS_PER_US;
    expect(world.server.status().startupEndsAtNs).toBe(expected);
    world.kernel.run({ until: expected - 1 });
    expect(world.server.status().process).toBe('starting');
    world.kernel.run({ until: expected });
    expect(world.server.status().process).toBe('running');
  });

  it('refuses router actions at once, as values, while down or starting', () => {
    const world = buildWorld();
    expect(world.server.submitNew({ clOrdId: 'a', qtyShares: 1, sessionId: SESSION }, 1)).toBe('gateway-down');
    world.server.start();
    expect(world.server.submitCancel('a', 2)).toBe('gateway-starting');
  });

  it('rewrites its log with the active orders only', () => {
    const world = buildWorld();
    world.server.start();
    world.kernel.run({ until: 2 * NS_PER_S });
    for (const id of ['filled', 'cancelled', 'working']) world.router.newOrder(id, 100, SESSION);
    world.kernel.run({ until: 2.1 * NS_PER_S });
    world.venue.fill('filled', 100);
    world.router.cancel('cancelled');
    world.kernel.run({ until: 2.2 * NS_PER_S });
    expect(world.log.recordCount).toBeGreaterThan(3);
    world.server.crash();
    world.server.start();
    world.kernel.run({ until: 10 * NS_PER_S });
    expect(world.log.recordCount).toBe(1);
    expect(world.log.replay().get('working')?.state).toBe('working');
  });
});

describe('order server recovery', () => {
  it('receives the fills queued at the venue during an outage on reconnect, once', () => {
    const world = buildWorld();
    world.server.start();
    world.kernel.run({ until: 2 * NS_PER_S });
    world.router.newOrder('o1', 100, SESSION);
    world.kernel.run({ until: 2.1 * NS_PER_S });
    world.server.crash();
    world.venue.fill('o1', 30);
    world.venue.fill('o1', 20);
    world.kernel.run({ until: 5 * NS_PER_S });
    expect(world.router.beliefs.get('o1')?.cumQtyShares).toBe(0);
    world.server.start();
    world.kernel.run({ until: 10 * NS_PER_S });
    expect(world.router.beliefs.get('o1')).toMatchObject({ working: true, cumQtyShares: 50 });
    expect(auditOrderAccounting(world.router.sent, world.router.beliefView(), world.venue.truth(), world.registry)).toEqual([]);
  });

  it('cannot verify a GTC order from a previous session after an outage: not resent, recorded as unverifiable', () => {
    const world = buildWorld();
    seedPreviousSessionOrder(world, 'gtc1', 200);
    world.server.start();
    world.kernel.run({ until: 2 * NS_PER_S });
    expect(world.registry.records).toEqual([]);
    world.server.crash();
    world.venue.fill('gtc1', 200);
    world.server.start();
    world.kernel.run({ until: 10 * NS_PER_S });
    expect(world.router.beliefs.get('gtc1')).toMatchObject({ working: true, cumQtyShares: 0 });
    expect(world.venue.truth().get('gtc1')).toMatchObject({ working: false, cumQtyShares: 200 });
    expect(world.registry.recordsFor('gtc1').map((r) => r.reason)).toEqual(['previous-session-unverifiable']);
    const book = world.router.reports.filter((r) => r.kind === 'order-book').at(-1);
    expect(book?.kind === 'order-book' && book.activeOrders.find((o) => o.clOrdId === 'gtc1')?.verified).toBe(false);
  });

  it('after a disk loss leaves orders working at the venue, invisible to the router, until a phone call cancels them', () => {
    const world = buildWorld();
    seedPreviousSessionOrder(world, 'gtc1', 200);
    world.server.start();
    world.kernel.run({ until: 2 * NS_PER_S });
    world.router.newOrder('o1', 100, SESSION);
    world.kernel.run({ until: 2.1 * NS_PER_S });
    const lossAt = world.kernel.now;
    world.server.loseDisk();
    world.desk.callExchangeLater(world.server);
    world.server.start();
    world.kernel.run({ until: lossAt + 10 * NS_PER_S });
    expect(world.router.beliefs.get('o1')?.working).toBe(false);
    expect(world.venue.workingOrderIds().sort()).toEqual(['gtc1', 'o1']);
    expect(world.registry.recordsFor('o1').map((r) => r.reason)).toEqual(['order-log-lost']);
    expect(world.registry.has('gtc1')).toBe(false);
    world.kernel.run({ until: lossAt + HUMAN_DELAY_NS + 1 });
    expect(world.venue.workingOrderIds()).toEqual([]);
    expect(world.desk.calls).toMatchObject([{ atNs: lossAt + HUMAN_DELAY_NS, ordersReported: 2, cancelled: 2 }]);
    expect(world.registry.recordsFor('gtc1').map((r) => r.reason)).toEqual(['found-by-phone']);
    expect(auditOrderAccounting(world.router.sent, world.router.beliefView(), world.venue.truth(), world.registry)).toEqual([]);
  });

  it('shows the exchange link as feed-down while it cycles, and refuses orders until it is back', () => {
    const world = buildWorld();
    world.venue.reachable = false;
    world.server.start();
    world.kernel.run({ until: 2.6 * NS_PER_S });
    expect(world.server.status()).toMatchObject({ process: 'running', exchangeLink: 'feed-down', reconnectAttempts: 4 });
    world.router.newOrder('early', 100, SESSION);
    world.kernel.run({ until: 2.7 * NS_PER_S });
    expect(world.router.reports).toContainEqual({ kind: 'rejected', clOrdId: 'early', reason: 'exchange-link-down' });
    world.venue.reachable = true;
    world.kernel.run({ until: 3.1 * NS_PER_S });
    expect(world.server.status().exchangeLink).toBe('connected');
    expect(world.router.canTrade).toBe(true);
  });
});

describe('price feed link (seed 004)', () => {
  it('is visibly feed-down from the moment the feed drops, with its attempts, until the feed is back', () => {
    const world = buildWorld();
    let up = true;
    const link = new PriceFeedLink(world.kernel, 'cfe1', { subscribe: () => up }, 250 * NS_PER_MS);
    link.start();
    expect(link.status().state).toBe('up');
    world.kernel.run({ until: 1 * NS_PER_S });
    up = false;
    link.feedLost();
    world.kernel.run({ until: 1.6 * NS_PER_S });
    expect(link.status()).toMatchObject({ state: 'feed-down', feedDownSinceNs: 1 * NS_PER_S, reconnectAttempts: 3 });
    up = true;
    world.kernel.run({ until: 1.8 * NS_PER_S });
    expect(link.status()).toMatchObject({ state: 'up', reconnectAttempts: 4 });
  });
});

describe('order accounting audit', () => {
  function cancelReportLostInCrash(ignoreBooks: boolean) {
    const world = buildWorld();
    world.router.ignoreBooks = ignoreBooks;
    world.server.start();
    world.kernel.run({ until: 2 * NS_PER_S });
    world.router.newOrder('o1', 100, SESSION);
    world.kernel.run({ until: 2.1 * NS_PER_S });
    // The cancel reaches the server at +100 µs, the venue's cancel is back at +150 µs; the report to
    // the router (due at +250 µs) dies with the server at +200 µs. Only the order book says o1 is done.
    world.router.cancel('o1');
    world.kernel.run({ until: world.kernel.now + 200 * NS_PER_US });
    world.server.crash();
    world.server.start();
    world.kernel.run({ until: 10 * NS_PER_S });
    return auditOrderAccounting(world.router.sent, world.router.beliefView(), world.venue.truth(), world.registry);
  }

  it('catches a router that ignores the order book after a crash (the checker can fail)', () => {
    expect(cancelReportLostInCrash(true).map((v) => [v.clOrdId, v.problem])).toEqual([['o1', 'lost']]);
    expect(cancelReportLostInCrash(false)).toEqual([]);
  });
});
