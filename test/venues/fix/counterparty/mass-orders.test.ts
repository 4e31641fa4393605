// The counterparty's answers to OrderMassCancelRequest q (a venue mass cancel of the owner's orders, each
// cancelled order reported, then an OrderMassCancelReport r), OrderMassStatusRequest AF (one status report
// per working order), and BusinessMessageReject j for what an order-entry acceptor does not take.
import { describe, expect, it } from 'vitest';
import type { BusinessMessageReject, OrderMassCancelReport } from '../../../../venues/fix/codec/index.ts';
import { PrimaryCrash, RejectDuringTransition } from '../../../../venues/sequencer/index.ts';
import { MS, buildWorld, type World } from './world.ts';

const massCancelReports = (world: World) => world.entry.app.received.map((r) => r.body).filter((b): b is OrderMassCancelReport => b.msgType === 'r');
const businessRejects = (world: World) => world.entry.app.received.filter((r) => r.body.msgType === 'j') as { body: BusinessMessageReject; seq: number }[];

/** Two resting buys and a resting sell of the router, and a maker's buy that must survive every mass cancel. */
function restingWorld(options: Parameters<typeof buildWorld>[0] = {}): World {
  const world = buildWorld(options);
  world.at(2 * MS, () => world.makerLimit('buy', 9_000, 1));
  world.at(10 * MS, () => {
    world.newOrder({ clOrdId: 'B1', side: 'buy', price: 99, qty: 3 });
    world.newOrder({ clOrdId: 'B2', side: 'buy', price: 98, qty: 4 });
    world.newOrder({ clOrdId: 'S1', side: 'sell', price: 101, qty: 5 });
  });
  return world;
}

describe('OrderMassCancelRequest', () => {
  it('cancels every order of the owner, reports each one, then answers with r counting them', () => {
    const world = restingWorld();
    world.at(20 * MS, () => world.massCancel('MC1', '7'));
    world.run(50 * MS);
    const bodies = world.entry.app.received.map((r) => r.body);
    const canceled = world.entry.app.reports.map((r) => r.body).filter((r) => r.execType === '4');
    expect(canceled.map((r) => [r.clOrdId, r.ordStatus, r.leavesQty])).toEqual([
      ['B1', '4', 0],
      ['B2', '4', 0],
      ['S1', '4', 0],
    ]);
    expect(massCancelReports(world)).toEqual([expect.objectContaining({ clOrdId: 'MC1', massCancelRequestType: '7', massCancelResponse: '7', totalAffectedOrders: 3 })]);
    expect(bodies.at(-1)?.msgType).toBe('r');
    expect(world.venue.book.restingOrderCount).toBe(1);
  });

  it('cancels one side of the security when asked (type 1, Side 1)', () => {
    const world = restingWorld();
    world.at(20 * MS, () => world.massCancel('MC2', '1', { side: 'buy' }));
    world.run(50 * MS);
    expect(massCancelReports(world)).toEqual([expect.objectContaining({ massCancelResponse: '1', totalAffectedOrders: 2, symbol: 'XYZ', side: '1' })]);
    expect(world.entry.app.reportsFor('S1').map((r) => r.execType)).toEqual(['0']);
  });

  it('refuses another security with MassCancelResponse 0, reason 1, and cancels nothing', () => {
    const world = restingWorld();
    world.at(20 * MS, () => world.massCancel('MC3', '1', { symbol: 'OTHER' }));
    world.run(50 * MS);
    expect(massCancelReports(world)).toEqual([expect.objectContaining({ clOrdId: 'MC3', massCancelResponse: '0', massCancelRejectReason: 1 })]);
    expect(massCancelReports(world)[0].totalAffectedOrders).toBeUndefined();
    expect(world.venue.book.restingOrderCount).toBe(4);
  });

  it('answers a request for a security without Symbol with BusinessMessageReject 380=5 naming the request', () => {
    const world = restingWorld();
    world.at(20 * MS, () => world.massCancel('MC4', '1', { symbol: null }));
    world.run(50 * MS);
    const [reject] = businessRejects(world);
    expect(reject.body).toMatchObject({ refMsgType: 'q', businessRejectRefId: 'MC4', businessRejectReason: 5 });
    // Logon is 1, the three orders 2-4: the mass cancel was the router's fifth message.
    expect(reject.body.refSeqNum).toBe(5);
    expect(massCancelReports(world)).toEqual([]);
    expect(world.venue.book.restingOrderCount).toBe(4);
  });

  it('answers a mass cancel the venue refused during a sequencer failover with MassCancelResponse 0 and a reason', () => {
    // Primary crash at 100 ms, detected at 120 ms, backup sequencing from 150 ms: requests meanwhile are refused.
    const world = restingWorld({ sequencerFaults: [new PrimaryCrash(100 * MS, 20 * MS, 30 * MS)], transitionInbound: RejectDuringTransition });
    world.at(130 * MS, () => world.massCancel('MC5', '7'));
    world.at(200 * MS, () => world.massCancel('MC6', '7'));
    world.run(300 * MS);
    expect(massCancelReports(world).map((r) => [r.clOrdId, r.massCancelResponse, r.massCancelRejectReason, r.text, r.totalAffectedOrders])).toEqual([
      ['MC5', '0', 99, 'venue unavailable: failover in progress', undefined],
      ['MC6', '7', undefined, undefined, 3],
    ]);
    expect(world.counterparty.stats.massCancelsRefused).toBe(1);
  });
});

describe('OrderMassStatusRequest', () => {
  it('answers with one ExecType I report per working order of the session, counted, the last marked', () => {
    const world = restingWorld();
    world.at(15 * MS, () => world.makerLimit('buy', 10_100, 5)); // fills S1: no longer working
    world.at(30 * MS, () => world.massStatus('MS1'));
    world.run(200 * MS);
    const answers = world.entry.app.reports.map((r) => r.body).filter((r) => r.massStatusReqId === 'MS1');
    expect(answers.map((r) => [r.clOrdId, r.execType, r.ordStatus, r.leavesQty, r.totNumReports, r.lastRptRequested])).toEqual([
      ['B1', 'I', '0', 3, 2, false],
      ['B2', 'I', '0', 4, 2, true],
    ]);
  });

  it('filters by Side', () => {
    const world = restingWorld();
    world.at(30 * MS, () => world.massStatus('MS2', { side: 'sell' }));
    world.run(200 * MS);
    const answers = world.entry.app.reports.map((r) => r.body).filter((r) => r.massStatusReqId === 'MS2');
    expect(answers.map((r) => [r.clOrdId, r.totNumReports, r.lastRptRequested])).toEqual([['S1', 1, true]]);
  });

  it('says so in one report when no order is working: OrderID NONE, TotNumReports 0, LastRptRequested Y', () => {
    const world = buildWorld();
    world.at(10 * MS, () => world.massStatus('MS3', { symbol: 'XYZ' }));
    world.run(50 * MS);
    const answers = world.entry.app.reports.map((r) => r.body);
    expect(answers).toEqual([expect.objectContaining({ orderId: 'NONE', execType: 'I', ordStatus: '8', massStatusReqId: 'MS3', totNumReports: 0, lastRptRequested: true, text: 'no working orders' })]);
    expect(answers[0].clOrdId).toBeUndefined();
  });

  it('is refused with BusinessMessageReject 380=3 where the venue turned it off', () => {
    const world = restingWorld({ acceptsMassStatus: false });
    world.at(30 * MS, () => world.massStatus('MS4'));
    world.run(100 * MS);
    expect(businessRejects(world).map((r) => r.body)).toEqual([expect.objectContaining({ refMsgType: 'AF', businessRejectRefId: 'MS4', businessRejectReason: 3 })]);
    expect(world.entry.app.reports.some((r) => r.body.massStatusReqId !== undefined)).toBe(false);
  });
});

describe('messages an order-entry acceptor does not take', () => {
  it('answers an ExecutionReport or an OrderCancelReject sent to it with BusinessMessageReject 380=3, and a j with nothing', () => {
    const world = buildWorld();
    world.at(10 * MS, () => {
      world.entry.router.send({ msgType: '8', orderId: 'o', execId: 'E9', execType: '0', ordStatus: '0', side: '1', symbol: 'XYZ', leavesQty: 1, cumQty: 0, avgPx: 0 });
      world.entry.router.send({ msgType: '9', orderId: 'o', clOrdId: 'C9', origClOrdId: 'C8', ordStatus: '0', cxlRejResponseTo: '1' });
      world.entry.router.send({ msgType: 'j', refSeqNum: 1, refMsgType: 'D', businessRejectReason: 0 });
    });
    world.run(50 * MS);
    expect(businessRejects(world).map((r) => [r.body.refSeqNum, r.body.refMsgType, r.body.businessRejectRefId, r.body.businessRejectReason])).toEqual([
      [2, '8', 'E9', 3],
      [3, '9', 'C9', 3],
    ]);
    expect(world.counterparty.stats).toMatchObject({ businessRejectsSent: 2, businessRejectsReceived: 1 });
  });
});

describe('status answers at a rate', () => {
  it('spaces a burst of OrderStatusRequests 1/rate apart, the first at once (default 50 per second: 20 ms)', () => {
    const world = restingWorld();
    world.at(30 * MS, () => {
      for (let i = 0; i < 5; i++) world.status('B1', 'buy');
    });
    world.run(500 * MS);
    const times = world.entry.app.reports.filter((r) => r.body.execType === 'I').map((r) => r.atNs);
    expect(times).toHaveLength(5);
    expect(times.slice(1).map((t, i) => t - times[i])).toEqual([20 * MS, 20 * MS, 20 * MS, 20 * MS]);
    expect(world.counterparty.statusAnswers.stats).toMatchObject({ answered: 5, pending: 0, longestWaitNs: 80 * MS });
  });

  it('paces a mass status answer at the configured rate, and queues H behind it', () => {
    const world = restingWorld({ statusAnswersPerSec: 100 });
    world.at(30 * MS, () => {
      world.massStatus('MS5');
      world.status('S1', 'sell');
    });
    world.run(500 * MS);
    const answers = world.entry.app.reports.filter((r) => r.body.execType === 'I');
    expect(answers.map((r) => r.body.clOrdId)).toEqual(['B1', 'B2', 'S1', 'S1']);
    expect(answers.slice(1).map((r, i) => r.atNs - answers[i].atNs)).toEqual([10 * MS, 10 * MS, 10 * MS]);
  });

  it('builds each answer when it leaves: an order that filled while its answer waited is reported filled', () => {
    const world = restingWorld({ statusAnswersPerSec: 2 });
    world.at(30 * MS, () => {
      world.status('B2', 'buy');
      world.status('B1', 'buy');
    });
    world.at(100 * MS, () => world.makerLimit('sell', 9_900, 3)); // fills B1 before its answer's slot at ~530 ms
    world.run(1_000 * MS);
    const b1 = world.entry.app.reportsFor('B1').filter((r) => r.execType === 'I');
    expect(b1.map((r) => [r.ordStatus, r.cumQty, r.leavesQty])).toEqual([['2', 3, 0]]);
  });

  it('drops answers still waiting when a new trading session begins', () => {
    const world = restingWorld({ statusAnswersPerSec: 1 });
    world.at(30 * MS, () => {
      for (let i = 0; i < 3; i++) world.status('B1', 'buy');
    });
    world.at(1_500 * MS, () => world.newTradingSession());
    world.run(5_000 * MS);
    expect(world.counterparty.statusAnswers.stats).toMatchObject({ answered: 2, pending: 0 });
  });
});
