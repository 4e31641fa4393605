// The entry session going down: cancel-on-disconnect (CME's default; Eurex deletes non-persistent
// orders) against orders that keep working (seed 004, CFE), and the reports the venue queues while the
// session is down reaching the router on reconnect, in order and correctly sequenced.
import { describe, expect, it } from 'vitest';
import { MS, S, buildWorld, isTrade } from './world.ts';

describe('cancel-on-disconnect on, with a 500 ms delay', () => {
  const world = buildWorld({ cancelOnDisconnectDelayNs: 500 * MS });
  world.at(10 * MS, () => {
    world.newOrder({ clOrdId: 'K1', side: 'buy', price: 99, qty: 5 });
    world.newOrder({ clOrdId: 'K2', side: 'sell', price: 101, qty: 5 });
  });
  world.at(100 * MS, () => world.cutEntry(1 * S));
  world.run(599 * MS);
  const orderIds = ['K1', 'K2'].map((id) => Number(world.entry.app.reportsFor(id)[0].orderId));
  const restingBeforeDelay = orderIds.map((id) => world.venue.book.order(id) !== undefined);
  world.run(601 * MS);
  const restingAfterDelay = orderIds.map((id) => world.venue.book.order(id) !== undefined);
  const beforeReconnect = world.entry.app.reports.length;
  world.run(2 * S);

  it('keeps the orders working until the delay has passed, then cancels them at the venue', () => {
    expect(restingBeforeDelay).toEqual([true, true]);
    expect(world.counterparty.cancelOnDisconnect.firedAtNs).toEqual([600 * MS]);
    expect(restingAfterDelay).toEqual([false, false]);
  });

  it('sends the cancels on reconnect, as resent messages, with the cause as text', () => {
    const canceled = world.entry.app.reports.slice(beforeReconnect);
    expect(canceled.map((r) => [r.body.clOrdId, r.body.execType, r.body.ordStatus, r.body.text, r.possDup])).toEqual([
      ['K1', '4', '4', 'cancel on disconnect', true],
      ['K2', '4', '4', 'cancel on disconnect', true],
    ]);
  });
});

describe('cancel-on-disconnect on, the session back before the delay', () => {
  it('leaves the orders working', () => {
    const world = buildWorld({ cancelOnDisconnectDelayNs: 500 * MS });
    world.at(10 * MS, () => world.newOrder({ clOrdId: 'K1', side: 'buy', price: 99, qty: 5 }));
    world.at(100 * MS, () => world.cutEntry(200 * MS));
    world.run(2 * S);
    expect(world.entry.router.session.isLoggedOn).toBe(true);
    expect(world.counterparty.cancelOnDisconnect.firedAtNs).toEqual([]);
    expect(world.venue.book.leavesQtyShares(Number(world.entry.app.reportsFor('K1')[0].orderId))).toBe(5);
  });
});

describe('cancel-on-disconnect off: fills during the outage', () => {
  // The router's buy 10 @ 100.00 rests; the session is down from 100 ms to 1.1 s; the maker sells
  // 3, 4 and 1 into it at 300, 500 and 700 ms, and 2 more after the reconnect.
  const world = buildWorld();
  world.at(10 * MS, () => world.newOrder({ clOrdId: 'Q1', side: 'buy', price: 100, qty: 10 }));
  world.at(100 * MS, () => world.cutEntry(1 * S));
  world.at(300 * MS, () => world.makerLimit('sell', 10_000, 3));
  world.at(500 * MS, () => world.makerLimit('sell', 10_000, 4));
  world.at(700 * MS, () => world.makerLimit('sell', 10_000, 1));
  world.run(1050 * MS);
  const orderId = Number(world.entry.app.reportsFor('Q1')[0].orderId);
  const duringOutage = { reports: world.entry.app.reportsFor('Q1').length, leaves: world.venue.book.leavesQtyShares(orderId) };
  world.at(1500 * MS, () => world.makerLimit('sell', 10_000, 2));
  world.run(2 * S);
  const fills = world.entry.app.reports.filter((r) => isTrade(r.body));

  it('keeps the order working at the venue while the router hears nothing', () => {
    expect(duringOutage).toEqual({ reports: 1, leaves: 2 });
  });

  it('delivers the queued fills on reconnect, in venue order, as PossDup resends, then the live one', () => {
    expect(fills.map((r) => [r.body.lastQty, r.body.cumQty, r.body.leavesQty, r.possDup])).toEqual([
      [3, 3, 7, true],
      [4, 7, 3, true],
      [1, 8, 2, true],
      [2, 10, 0, false],
    ]);
    expect(fills[0].atNs).toBeGreaterThan(1100 * MS);
    expect(fills[2].atNs).toBeLessThan(1500 * MS);
  });

  it('numbers them in sequence: one gap, recovered by resending exactly the queued reports', () => {
    const seqs = fills.slice(0, 3).map((r) => r.seq);
    expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2]);
    expect(world.entry.router.session.stats.gapsDetected).toBe(1);
    expect(world.entry.venue.session.stats.messagesResent).toBe(3);
    expect(world.entry.router.session.nextTargetSeqNum).toBe(world.entry.venue.session.nextSenderSeqNum);
    expect(world.entry.venue.session.nextTargetSeqNum).toBe(world.entry.router.session.nextSenderSeqNum);
  });

  it('delivers every fill the venue made for the order, once', () => {
    expect(fills.reduce((sum, r) => sum + (r.body.lastQty ?? 0), 0)).toBe(world.venueFillsByOrder().get(orderId));
    expect(new Set(fills.map((r) => r.body.execId)).size).toBe(fills.length);
  });
});
