// The router's FIX port and the mass requests: on a FIX 4.4 session an OrderMassCancelRequest and an
// OrderMassStatusRequest go out and their answers reach the router's book; a FIX 4.2 session has no
// MsgType q or AF, so the port says it cannot send them and sends nothing.
import { describe, expect, it } from 'vitest';
import { Constant, Kernel, NS_PER_MS, RandomStreams } from '../../../sim/index.ts';
import { LocalOrderBook } from '../../../harness/router/local-order-book.ts';
import { FixOrderEntryPort } from '../../../harness/world/fix-order-entry-port.ts';
import type { BeginString } from '../../../venues/fix/codec/index.ts';
import { OrderEntryCounterparty } from '../../../venues/fix/counterparty/index.ts';
import { DEFAULT_SESSION_CONFIG, FixSession, PersistentMessageStore } from '../../../venues/fix/session/index.ts';
import { SimSessionEndpoint, SimulatedLink } from '../../../venues/fix/sim/index.ts';
import { Venue } from '../../../venues/venue/index.ts';
import { testVenueConfig } from '../../venues/venue/test-venue-config.ts';

function world(beginString: BeginString) {
  const kernel = new Kernel();
  const streams = new RandomStreams(1);
  const venue = new Venue(kernel, testVenueConfig(streams));
  const counterparty = new OrderEntryCounterparty(kernel, venue, { ownerId: 100, symbol: 'XYZ', tickSize: 0.01, beginString, epochUtcMs: 0, cancelOnDisconnectDelayNs: undefined });
  const link = new SimulatedLink(kernel, { latencyNs: new Constant(NS_PER_MS), latencyRng: streams.get('latency'), lossRng: streams.get('loss'), connectDelayNs: NS_PER_MS });
  const base = { ...DEFAULT_SESSION_CONFIG, beginString, epochUtcMs: 0 };
  const venueSession = new FixSession({ ...base, role: 'acceptor', senderCompId: 'S1', targetCompId: 'ROUTER' }, new PersistentMessageStore());
  const port = new FixOrderEntryPort(kernel, 's1', 'gw1', 'XYZ', 0.01, 0, () => venueSession);
  const book = new LocalOrderBook(0.01);
  port.sink = book;
  port.endpoint = new SimSessionEndpoint(kernel, new FixSession({ ...base, role: 'initiator', senderCompId: 'ROUTER', targetCompId: 'S1' }, new PersistentMessageStore()), link, 0, port);
  const venueEnd = new SimSessionEndpoint(kernel, venueSession, link, 1, counterparty);
  counterparty.beginTradingSession(venueEnd);
  venue.start();
  port.endpoint.start();
  kernel.run({ until: 50 * NS_PER_MS });
  return { kernel, port, book, counterparty };
}

describe('FixOrderEntryPort mass requests', () => {
  it('FIX 4.4: sends q and AF, and the book records the mass cancel report and counts the mass status answer', () => {
    const { kernel, port, book } = world('FIX.4.4');
    expect(port.canSend()).toBe(true);
    expect(port.sendMassCancel({ clOrdId: 'P1-m1', side: 'buy' })).toBe(true);
    expect(port.sendMassStatus({ massStatusReqId: 'P1-s1', side: 'buy' })).toBe(true);
    kernel.run({ until: 100 * NS_PER_MS });
    expect(book.massCancelReports).toEqual([expect.objectContaining({ sessionId: 's1', clOrdId: 'P1-m1', accepted: true, totalAffectedOrders: 0 })]);
    expect(book.massStatusReports).toBe(1);
    expect(book.businessRejects).toEqual([]);
  });

  it('FIX 4.2: refuses both, and nothing reaches the venue', () => {
    const { kernel, port, book, counterparty } = world('FIX.4.2');
    expect(port.canSend()).toBe(true);
    expect(port.sendMassCancel({ clOrdId: 'P1-m1', side: 'buy' })).toBe(false);
    expect(port.sendMassStatus({ massStatusReqId: 'P1-s1', side: 'buy' })).toBe(false);
    kernel.run({ until: 100 * NS_PER_MS });
    expect(book.massCancelReports).toEqual([]);
    expect(counterparty.stats).toMatchObject({ statusRequests: 0, massCancelReportsSent: 0, businessRejectsSent: 0 });
  });
});
