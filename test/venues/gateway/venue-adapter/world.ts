// An order server (seed 004) on the real venue: the venue's book through its sequencer, a market
// maker entering liquidity on the venue directly, the order server adapter, the order server's test
// router, an orphan registry and a phone desk.
import { Kernel, NS_PER_MS, NS_PER_S, NS_PER_US, RandomStreams } from '../../../../sim/index.ts';
import type { BookEvent, Side } from '../../../../venues/book/index.ts';
import { ConstantLatency } from '../../../../venues/gateway/latency-model.ts';
import { PersistedOrderLog } from '../../../../venues/gateway/order-server/order-log.ts';
import { OrderServer } from '../../../../venues/gateway/order-server/order-server.ts';
import type { OrderRequest } from '../../../../venues/gateway/order-server/order-types.ts';
import { OrphanRegistry } from '../../../../venues/gateway/order-server/orphan-registry.ts';
import { PhoneDesk } from '../../../../venues/gateway/order-server/phone-desk.ts';
import { OrderServerVenueAdapter, type VenueOrderTerms } from '../../../../venues/gateway/venue-adapter/order-server-venue.ts';
import { QueueDuringTransition, type SequencedOutput, type SequencerFault, type TransitionInbound } from '../../../../venues/sequencer/index.ts';
import { Venue, type OwnerSink } from '../../../../venues/venue/index.ts';
import { TestRouter } from '../order-server/test-router.ts';
import { testVenueConfig } from '../../venue/test-venue-config.ts';

export const SESSION = 2;
export const PREVIOUS_SESSION = 1;
export const SESSION_OPENS_NS = 2 * NS_PER_S;
export const HUMAN_DELAY_NS = 60 * NS_PER_S;
export const GATEWAY = 'cfe1';
export const OWNER = 1;
export const MAKER = 9;
export const ASK_TICKS = 10_010;
export const BID_TICKS = 10_000;

class MakerSink implements OwnerSink {
  readonly outputs: SequencedOutput<BookEvent>[] = [];
  onOutput(output: SequencedOutput<BookEvent>): void {
    this.outputs.push(output);
  }
  onUnavailable(): void {}
}

export function buildWorld(seed = 1, sequencer: { faults?: SequencerFault[]; transitionInbound?: TransitionInbound } = {}) {
  const kernel = new Kernel();
  const streams = new RandomStreams(seed);
  const venue = new Venue(
    kernel,
    testVenueConfig(streams, { sequencer: { transitionInbound: sequencer.transitionInbound ?? QueueDuringTransition, faults: sequencer.faults ?? [] } }),
  );
  venue.connect(MAKER, new MakerSink());
  // The router's order terms by ClOrdID (the order server's request carries only id, quantity, session).
  const terms = new Map<string, VenueOrderTerms>();
  const adapter = new OrderServerVenueAdapter(
    kernel,
    venue,
    {
      currentSessionId: SESSION,
      ownerByGateway: { [GATEWAY]: OWNER },
      termsOf: (order: OrderRequest) => terms.get(order.clOrdId) ?? { side: 'buy', orderType: 'limit', priceTicks: BID_TICKS },
      reportLatency: new ConstantLatency(50 * NS_PER_US),
    },
    streams,
  );
  const log = new PersistedOrderLog();
  const router = new TestRouter();
  const registry = new OrphanRegistry();
  const server = new OrderServer(
    kernel,
    {
      gatewayId: GATEWAY,
      currentSessionId: SESSION,
      sessionOpensAtNs: SESSION_OPENS_NS,
      startupBaseNs: 1 * NS_PER_S,
      startupNsPerRecord: 20 * NS_PER_US,
      reconnectIntervalNs: 500 * NS_PER_MS,
      clientLatency: new ConstantLatency(100 * NS_PER_US),
    },
    log,
    adapter,
    router,
    registry,
    streams,
  );
  router.attach(server);
  const desk = new PhoneDesk(kernel, adapter, registry, new ConstantLatency(HUMAN_DELAY_NS), streams);
  venue.start();
  let makerOrders = 0;
  return {
    kernel,
    venue,
    adapter,
    log,
    router,
    registry,
    server,
    desk,
    terms,
    /** Liquidity (or an aggressor) from the market maker, straight on the venue. */
    maker(side: Side, priceTicks: number, qtyShares: number): void {
      makerOrders++;
      venue.submitLimit(venue.nextOrderId(), MAKER, side, priceTicks, qtyShares);
    },
    get makerOrderCount(): number {
      return makerOrders;
    },
  };
}

export type World = ReturnType<typeof buildWorld>;

/** A GTC order from the previous session: in the server's log, resting in the venue's book, known to the router. */
export function restPreviousSessionOrder(world: World, clOrdId: string, qtyShares: number): void {
  const order = { clOrdId, qtyShares, sessionId: PREVIOUS_SESSION };
  world.log.append({ kind: 'new', order });
  world.log.append({ kind: 'state', clOrdId, state: 'working' });
  world.adapter.enterPreviousSessionOrder(GATEWAY, order);
  world.router.remember(clOrdId, qtyShares);
}
