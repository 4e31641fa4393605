// The order-entry counterparty on the real venue and book, driven by the kernel through a simulated
// FIX link: execution reports for new orders, trades, cancels, replaces and rejects; cancel rejects;
// status answers from venue truth; FIX 4.2 and 4.4 report dialects; deterministic unique ExecIDs.
import { describe, expect, it } from 'vitest';
import { PrimaryCrash, RejectDuringTransition } from '../../../../venues/sequencer/index.ts';
import { decodeFrame, encodeMessage, formatUtcTimestampMs, type AppBody, type BeginString } from '../../../../venues/fix/codec/index.ts';
import { EPOCH_MS, MS, buildWorld, isTrade, type World } from './world.ts';

/** The maker rests 3 @ 100.00 and 5 @ 100.01; at 10 ms the router buys 6 limit 100.01. */
function crossingWorld(beginString: BeginString = 'FIX.4.4'): { world: World; clOrdId: string } {
  const world = buildWorld({ beginString });
  world.at(2 * MS, () => {
    world.makerLimit('sell', 10_000, 3);
    world.makerLimit('sell', 10_001, 5);
  });
  let clOrdId = '';
  world.at(10 * MS, () => (clOrdId = world.newOrder({ side: 'buy', price: 100.01, qty: 6 })));
  world.run(50 * MS);
  return { world, clOrdId };
}

describe('a NewOrderSingle that crosses the book', () => {
  const { world, clOrdId } = crossingWorld();
  const reports = world.entry.app.reportsFor(clOrdId);

  it('is reported New, then a partial fill, then a fill, with CumQty, LeavesQty and AvgPx of the fills so far', () => {
    expect(reports.map((r) => [r.execType, r.ordStatus, r.lastQty, r.lastPx, r.cumQty, r.leavesQty])).toEqual([
      ['0', '0', undefined, undefined, 0, 6],
      ['F', '1', 3, 100, 3, 3],
      ['F', '2', 3, 100.01, 6, 0],
    ]);
    expect(reports[1].avgPx).toBe(100);
    expect(reports[2].avgPx).toBeCloseTo((3 * 100 + 3 * 100.01) / 6, 10);
  });

  it('names one OrderID on every report and a different ExecID on each', () => {
    expect(new Set(reports.map((r) => r.orderId)).size).toBe(1);
    expect(new Set(reports.map((r) => r.execId)).size).toBe(3);
  });

  it('stamps TransactTime with the simulated instant the venue matched the order', () => {
    // Sent at 10 ms, 100 us on the link, 5 us in the sequencer: matched at 10.105 ms.
    expect(reports.map((r) => r.transactTime)).toEqual(Array(3).fill(formatUtcTimestampMs(EPOCH_MS + 10)));
  });

  it('matches the venue truth: the order is gone from the book and the maker kept 2 @ 100.01', () => {
    expect(world.venue.book.order(Number(reports[0].orderId))).toBeUndefined();
    expect(world.venue.book.levels('sell')).toEqual([{ priceTicks: 10_001, qtyShares: 2, orderCount: 1 }]);
  });

  it('gives the same ExecIDs in the same order on a second run of the same world', () => {
    const again = crossingWorld();
    expect(again.world.entry.app.reports.map((r) => r.body.execId)).toEqual(world.entry.app.reports.map((r) => r.body.execId));
  });
});

describe('cancel and replace chains', () => {
  it('cancels the rest of a partially filled order under the cancel ClOrdID, OrigClOrdID naming the order', () => {
    const world = buildWorld();
    world.at(2 * MS, () => world.makerLimit('sell', 10_000, 2));
    world.at(10 * MS, () => world.newOrder({ clOrdId: 'A1', side: 'buy', price: 100, qty: 5 }));
    world.at(20 * MS, () => world.cancel('A1', 'buy', 'A2'));
    world.run(50 * MS);
    const canceled = world.entry.app.reports.at(-1)?.body;
    expect(canceled).toMatchObject({ execType: '4', ordStatus: '4', clOrdId: 'A2', origClOrdId: 'A1', cumQty: 2, leavesQty: 0, avgPx: 100 });
  });

  it('reports each replace with the new ClOrdID, the previous one as OrigClOrdID, and the new price and quantity', () => {
    const world = buildWorld();
    world.at(10 * MS, () => world.newOrder({ clOrdId: 'B1', side: 'buy', price: 99, qty: 5 }));
    world.at(20 * MS, () => world.replace('B1', 'buy', 99.5, 5, 'B2'));
    world.at(30 * MS, () => world.replace('B2', 'buy', 99.5, 8, 'B3'));
    world.at(40 * MS, () => world.cancel('B3', 'buy', 'B4'));
    // Liquidity at the replaced price after the cancel: must not trade with the cancelled order.
    world.at(50 * MS, () => world.makerLimit('sell', 9_950, 8));
    world.run(80 * MS);
    const reports = world.entry.app.reports.map((r) => r.body);
    expect(reports.map((r) => [r.execType, r.clOrdId, r.origClOrdId, r.price, r.orderQty, r.leavesQty])).toEqual([
      ['0', 'B1', undefined, 99, 5, 5],
      ['5', 'B2', 'B1', 99.5, 5, 5],
      ['5', 'B3', 'B2', 99.5, 8, 8],
      ['4', 'B4', 'B3', 99.5, 8, 0],
    ]);
    expect(new Set(reports.map((r) => r.orderId)).size).toBe(1);
    expect(world.venue.book.levels('sell')).toEqual([{ priceTicks: 9_950, qtyShares: 8, orderCount: 1 }]);
  });

  it('reports a replace that crosses as Replaced, then the trade', () => {
    const world = buildWorld();
    world.at(2 * MS, () => world.makerLimit('sell', 9_950, 3));
    world.at(10 * MS, () => world.newOrder({ clOrdId: 'R1', side: 'buy', price: 99, qty: 5 }));
    world.at(20 * MS, () => world.replace('R1', 'buy', 99.5, 5, 'R2'));
    world.run(50 * MS);
    const reports = world.entry.app.reports.map((r) => r.body);
    expect(reports.map((r) => [r.execType, r.clOrdId, r.ordStatus, r.lastQty, r.cumQty, r.leavesQty])).toEqual([
      ['0', 'R1', '0', undefined, 0, 5],
      ['5', 'R2', '0', undefined, 0, 5],
      ['F', 'R2', '1', 3, 3, 2],
    ]);
  });
});

describe('too late to cancel', () => {
  // The router's buy rests; a marketable sell enters the sequencer 2 us before the router's cancel
  // arrives (after 100 us on the link), so the cancel queues behind it: the fill wins the race and the
  // venue's book refuses the cancel. Later requests find the order filled at the counterparty.
  const world = buildWorld();
  world.at(10 * MS, () => world.newOrder({ clOrdId: 'T1', side: 'buy', price: 100, qty: 5 }));
  world.at(20 * MS, () => world.cancel('T1', 'buy', 'T2'));
  world.at(20 * MS + 98_000, () => world.makerLimit('sell', 10_000, 5));
  world.at(40 * MS, () => world.cancel('T1', 'buy', 'T3'));
  world.at(41 * MS, () => world.replace('T1', 'buy', 101, 5, 'T4'));
  world.run(60 * MS);

  it('answers a cancel that lost the race to a fill with OrderCancelReject, OrdStatus Filled, reason 0', () => {
    const received = world.entry.app.received.map((r) => r.body);
    const fillAt = received.findIndex((b) => b.msgType === '8' && b.ordStatus === '2');
    const rejectAt = received.findIndex((b) => b.msgType === '9');
    expect(fillAt).toBeGreaterThan(0);
    expect(rejectAt).toBeGreaterThan(fillAt);
    expect(received[rejectAt]).toMatchObject({ clOrdId: 'T2', origClOrdId: 'T1', ordStatus: '2', cxlRejReason: 0, cxlRejResponseTo: '1' });
    expect((received[rejectAt] as { text: string }).text).toMatch(/too late to cancel/);
  });

  it('answers later cancels and replaces of the filled order the same way, without touching the book', () => {
    const rejects = world.entry.app.cancelRejects.map((r) => r.body);
    expect(rejects.map((r) => [r.clOrdId, r.ordStatus, r.cxlRejReason, r.cxlRejResponseTo])).toEqual([
      ['T2', '2', 0, '1'],
      ['T3', '2', 0, '1'],
      ['T4', '2', 0, '2'],
    ]);
    expect(world.venue.sequencer.journal.entries.filter((e) => e.input.kind === 'cancel' || e.input.kind === 'replace')).toHaveLength(1);
  });
});

describe('rejects with a reason text', () => {
  const world = buildWorld();
  world.at(2 * MS, () => world.makerLimit('sell', 10_000, 2));
  world.at(10 * MS, () => {
    world.newOrder({ clOrdId: 'X1', side: 'buy', price: 100.005, qty: 1 });
    world.newOrder({ clOrdId: 'X2', side: 'buy', price: 100, qty: 1, symbol: 'OTHER' });
    world.newOrder({ clOrdId: 'X3', side: 'sell', price: 99, qty: 1, tif: '3' });
    world.newOrder({ clOrdId: 'X4', side: 'sell', qty: 1, ordType: '1' });
    world.newOrder({ clOrdId: 'X5', side: 'buy', price: 100, qty: 1, tif: '1' });
    world.newOrder({ clOrdId: 'X6', side: 'buy', price: 99, qty: 1 });
    world.newOrder({ clOrdId: 'X6', side: 'buy', price: 99, qty: 1 });
    world.cancel('NOPE', 'buy', 'X7');
  });
  world.run(50 * MS);
  const byClOrdId = (id: string) => world.entry.app.reportsFor(id);

  it('rejects an off-tick price, an unknown symbol and an unsupported TimeInForce before the venue', () => {
    for (const [id, text] of [
      ['X1', /not a multiple of the tick size/],
      ['X2', /unknown symbol/],
      ['X5', /unsupported TimeInForce/],
    ] as const) {
      expect(byClOrdId(id)).toHaveLength(1);
      expect(byClOrdId(id)[0]).toMatchObject({ execType: '8', ordStatus: '8', orderId: 'NONE', leavesQty: 0 });
      expect(byClOrdId(id)[0].text).toMatch(text);
    }
  });

  it('passes on the venue reject of an IOC and a market order that find nothing on the other side', () => {
    for (const id of ['X3', 'X4']) {
      expect(byClOrdId(id).map((r) => [r.execType, r.ordStatus, r.text])).toEqual([['8', '8', 'no liquidity: order would not fill']]);
      expect(byClOrdId(id)[0].orderId).not.toBe('NONE');
    }
  });

  it('rejects a reused ClOrdID and a cancel of an unknown order', () => {
    expect(byClOrdId('X6').map((r) => [r.execType, r.text])).toEqual([
      ['8', 'duplicate ClOrdID X6'],
      ['0', undefined],
    ]);
    expect(world.entry.app.cancelRejects.map((r) => r.body)).toEqual([
      expect.objectContaining({ clOrdId: 'X7', origClOrdId: 'NOPE', orderId: 'NONE', ordStatus: '8', cxlRejReason: 1 }),
    ]);
  });
});

describe('an IOC that fills in part', () => {
  it('reports the trade, then the cancel of the remainder, CumQty kept', () => {
    const world = buildWorld();
    world.at(2 * MS, () => world.makerLimit('sell', 10_000, 2));
    world.at(10 * MS, () => world.newOrder({ clOrdId: 'I1', side: 'buy', price: 100, qty: 5, tif: '3' }));
    world.run(50 * MS);
    expect(world.entry.app.reportsFor('I1').map((r) => [r.execType, r.ordStatus, r.cumQty, r.leavesQty])).toEqual([
      ['0', '0', 0, 5],
      ['F', '1', 2, 3],
      ['4', '4', 2, 0],
    ]);
  });
});

describe('mass cancel for the owner', () => {
  it('cancels every resting order of the owner, and only those', () => {
    const world = buildWorld();
    world.at(2 * MS, () => world.makerLimit('buy', 9_000, 1));
    world.at(10 * MS, () => {
      world.newOrder({ clOrdId: 'M1', side: 'buy', price: 99, qty: 1 });
      world.newOrder({ clOrdId: 'M2', side: 'sell', price: 101, qty: 1 });
    });
    world.at(20 * MS, () => world.counterparty.massCancel());
    world.run(50 * MS);
    const canceled = world.entry.app.reports.map((r) => r.body).filter((r) => r.execType === '4');
    expect(canceled.map((r) => [r.clOrdId, r.ordStatus, r.text])).toEqual([
      ['M1', '4', 'mass cancel'],
      ['M2', '4', 'mass cancel'],
    ]);
    expect(world.venue.book.restingOrderCount).toBe(1);
  });
});

describe('order status from venue truth', () => {
  // PersistMessages=N at the venue: the fill produced while the session was down is gap-filled away,
  // so the router still believes the order is New; the status answer says what the venue knows.
  const world = buildWorld({ entryPersists: false });
  world.at(10 * MS, () => world.newOrder({ clOrdId: 'S1', side: 'buy', price: 100, qty: 5 }));
  world.at(20 * MS, () => world.cutEntry(200 * MS));
  world.at(50 * MS, () => world.makerLimit('sell', 10_000, 5));
  world.run(400 * MS);
  const staleView = world.entry.app.reportsFor('S1');
  world.at(400 * MS, () => {
    world.status('S1', 'buy');
    world.status('UNKNOWN', 'buy');
  });
  world.run(450 * MS);

  it('leaves the router with a stale view (New only) after a resend answered by a GapFill', () => {
    expect(staleView.map((r) => r.execType)).toEqual(['0']);
    expect(world.entry.venue.session.stats.applicationMessagesLost).toBe(1);
    expect(world.entry.router.session.isLoggedOn).toBe(true);
  });

  it('answers an OrderStatusRequest with ExecType I and the filled state the venue holds', () => {
    const answer = world.entry.app.reportsFor('S1').at(-1);
    expect(answer).toMatchObject({ execType: 'I', ordStatus: '2', cumQty: 5, leavesQty: 0, avgPx: 100 });
    expect(answer?.lastQty).toBeUndefined();
  });

  it('answers a status request for an unknown order with OrdStatus Rejected', () => {
    expect(world.entry.app.reportsFor('UNKNOWN')).toEqual([expect.objectContaining({ execType: 'I', ordStatus: '8', text: 'unknown order' })]);
  });
});

describe('requests the venue refuses during a sequencer failover', () => {
  // Primary crash at 100 ms, detected at 120 ms, backup sequencing from 150 ms; refusals meanwhile.
  const world = buildWorld({ sequencerFaults: [new PrimaryCrash(100 * MS, 20 * MS, 30 * MS)], transitionInbound: RejectDuringTransition });
  world.at(10 * MS, () => world.newOrder({ clOrdId: 'U1', side: 'buy', price: 99, qty: 5 }));
  world.at(130 * MS, () => {
    world.newOrder({ clOrdId: 'U2', side: 'buy', price: 99, qty: 5 });
    world.cancel('U1', 'buy', 'U3');
  });
  world.at(200 * MS, () => world.cancel('U1', 'buy', 'U4'));
  world.run(300 * MS);

  it('rejects a new order with a reason text and answers a cancel with OrderCancelReject, the order still working', () => {
    expect(world.entry.app.reportsFor('U2').map((r) => [r.execType, r.ordStatus, r.text])).toEqual([['8', '8', 'venue unavailable: failover in progress']]);
    expect(world.entry.app.cancelRejects[0].body).toMatchObject({ clOrdId: 'U3', origClOrdId: 'U1', ordStatus: '0', cxlRejResponseTo: '1' });
  });

  it('takes the same cancel once the backup is sequencing', () => {
    expect(world.entry.app.reportsFor('U4').map((r) => [r.execType, r.origClOrdId])).toEqual([['4', 'U1']]);
  });
});

describe('FIX 4.2 report dialect', () => {
  const { world, clOrdId } = crossingWorld('FIX.4.2');
  world.at(60 * MS, () => world.status(clOrdId, 'buy'));
  world.run(80 * MS);
  const reports = world.entry.app.reportsFor(clOrdId);

  it('reports trades as ExecType 1 and 2 with ExecTransType 0, and a status answer with ExecTransType 3', () => {
    expect(reports.map((r) => [r.execType, r.execTransType, r.ordStatus])).toEqual([
      ['0', '0', '0'],
      ['1', '0', '1'],
      ['2', '0', '2'],
      ['2', '3', '2'],
    ]);
  });
});

describe('the wire form of every report', () => {
  it('encodes and decodes back without a data-dictionary problem, in FIX 4.2 and 4.4', () => {
    for (const beginString of ['FIX.4.2', 'FIX.4.4'] as const) {
      const { world } = crossingWorld(beginString);
      const bodies: AppBody[] = world.entry.app.received.map((r) => r.body);
      expect(bodies.filter((b) => b.msgType === '8' && isTrade(b))).toHaveLength(2);
      for (const body of bodies) {
        const header = { beginString, msgSeqNum: 7, senderCompId: 'VENUE', targetCompId: 'ROUTER', sendingTimeMs: EPOCH_MS, possDupFlag: false, possResend: false, origSendingTimeMs: undefined };
        const decoded = decodeFrame(encodeMessage({ header, body }));
        expect(decoded.kind).toBe('message');
      }
    }
  });
});
