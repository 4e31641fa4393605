// Assembles an order server with a fake venue, a test router, an orphan registry and a phone desk.
import { Kernel, NS_PER_MS, NS_PER_S, NS_PER_US, RandomStreams } from '../../../../sim/index.ts';
import { ConstantLatency } from '../../../../venues/gateway/latency-model.ts';
import { PersistedOrderLog } from '../../../../venues/gateway/order-server/order-log.ts';
import { OrderServer, type OrderServerParams } from '../../../../venues/gateway/order-server/order-server.ts';
import { OrphanRegistry } from '../../../../venues/gateway/order-server/orphan-registry.ts';
import { PhoneDesk } from '../../../../venues/gateway/order-server/phone-desk.ts';
import { FakeVenue } from './fake-venue.ts';
import { TestRouter } from './test-router.ts';

export const SESSION = 2;
export const PREVIOUS_SESSION = 1;
export const HUMAN_DELAY_NS = 60 * NS_PER_S;
/** The session opens after the server's first start (1 s) has connected. */
export const SESSION_OPENS_NS = 2 * NS_PER_S;

export function buildWorld(seed = 1, params: Partial<OrderServerParams> = {}) {
  const kernel = new Kernel();
  const streams = new RandomStreams(seed);
  const log = new PersistedOrderLog();
  const venue = new FakeVenue(kernel, SESSION, 50 * NS_PER_US);
  const router = new TestRouter();
  const registry = new OrphanRegistry();
  const server = new OrderServer(
    kernel,
    {
      gatewayId: 'cfe1',
      currentSessionId: SESSION,
      sessionOpensAtNs: SESSION_OPENS_NS,
      startupBaseNs: 1 * NS_PER_S,
      startupNsPerRecord: 20 * NS_PER_US,
      reconnectIntervalNs: 500 * NS_PER_MS,
      clientLatency: new ConstantLatency(100 * NS_PER_US),
      ...params,
    },
    log,
    venue,
    router,
    registry,
    streams,
  );
  router.attach(server);
  const desk = new PhoneDesk(kernel, venue, registry, new ConstantLatency(HUMAN_DELAY_NS), streams);
  return { kernel, log, venue, router, registry, server, desk };
}

/** A GTC order entered in the previous session: in the server's log, resting at the venue, known to the router. */
export function seedPreviousSessionOrder(world: ReturnType<typeof buildWorld>, clOrdId: string, qtyShares: number): void {
  const order = { clOrdId, qtyShares, sessionId: PREVIOUS_SESSION };
  world.log.append({ kind: 'new', order });
  world.log.append({ kind: 'state', clOrdId, state: 'working' });
  world.venue.seedPreviousSessionOrder(world.server.gatewayId, order);
  world.router.remember(clOrdId, qtyShares);
}
