// A new trading session (trading day) on a fresh FixSession: nothing of the earlier session is resent,
// and its orders, still working at the venue, cannot be verified through the new one (seed 004, CFE:
// "orders and fills from previous sessions are not sent"; "the gateway cannot verify if orders from a
// previous session are filled"). The drop copy covers the owner, so it still shows them filling.
import { describe, expect, it } from 'vitest';
import { CatchUpAfterOutage } from '../../../../venues/fix/drop-copy/index.ts';
import { CONSTANT, MS, S, buildWorld, isTrade } from './world.ts';

describe('a new trading session', () => {
  const world = buildWorld({ dropCopy: { lag: CONSTANT(0), recovery: new CatchUpAfterOutage() } });
  world.at(2 * MS, () => world.makerLimit('sell', 10_000, 2));
  world.at(10 * MS, () => {
    world.newOrder({ clOrdId: 'D1', side: 'buy', price: 99, qty: 5 });
    world.newOrder({ clOrdId: 'D2', side: 'buy', price: 100, qty: 2 });
  });
  // Day 1 ends with its session down; D1 trades 2 while it is, a report day 1 never delivers.
  world.at(1 * S, () => world.cutEntry(60 * S));
  world.at(1500 * MS, () => world.makerLimit('sell', 9_900, 2));
  world.run(3 * S);
  const day1 = world.entry;
  day1.router.logout();
  const day2 = world.newTradingSession();
  world.at(3500 * MS, () => {
    world.status('D1', 'buy');
    world.cancel('D1', 'buy', 'D1-cancel');
    world.newOrder({ clOrdId: 'D2', side: 'buy', price: 98, qty: 1 });
  });
  world.at(4 * S, () => world.makerLimit('sell', 9_900, 3));
  world.run(5 * S);
  const d1OrderId = Number(day1.app.reportsFor('D1')[0].orderId);

  it('logs on at sequence 1 with no gap and receives nothing of day 1', () => {
    expect(day2.router.session.isLoggedOn).toBe(true);
    expect(day2.router.session.stats.gapsDetected).toBe(0);
    expect(day2.app.received.some((r) => r.possDup)).toBe(false);
    expect(day2.app.reports.some((r) => r.body.orderId === String(d1OrderId))).toBe(false);
  });

  it('never delivers the day-1 report queued while day 1 was down', () => {
    expect(day1.app.reportsFor('D1').map((r) => r.execType)).toEqual(['0']);
    expect(world.venueFillsByOrder().get(d1OrderId)).toBe(5);
  });

  it('cannot verify a day-1 order: its status is unknown, its cancel rejected as an unknown order', () => {
    expect(day2.app.reportsFor('D1')).toEqual([expect.objectContaining({ execType: 'I', ordStatus: '8', orderId: 'NONE' })]);
    expect(day2.app.cancelRejects.map((r) => [r.body.clOrdId, r.body.cxlRejReason])).toEqual([['D1-cancel', 1]]);
    expect(world.venue.book.order(d1OrderId)).toBeUndefined();
  });

  it('takes a ClOrdID of day 1 again for a new order', () => {
    expect(day2.app.reportsFor('D2').map((r) => [r.execType, r.ordStatus])).toEqual([['0', '0']]);
  });

  it('shows every fill of the day-1 order on the drop copy, whichever session it fell in', () => {
    const copied = world.drop.app.reports.map((r) => r.body).filter((r) => r.orderId === String(d1OrderId) && isTrade(r));
    expect(copied.map((r) => [r.lastQty, r.cumQty])).toEqual([
      [2, 2],
      [3, 5],
    ]);
    expect(world.counterparty.stats.reportsWithheld).toBe(1);
  });
});
