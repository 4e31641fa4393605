/**
 * "Call the exchange" (seed 004: after a disk loss "traders must call the exchange and cancel their
 * working orders"; during a gateway failure "if traders want to cancel their orders, they must call
 * the exchange"). A person notices, picks up the phone after a human delay, and the exchange cancels
 * every working order of the gateway's firm, any session. Orders the gateway does not show are
 * recorded as orphans (`found-by-phone`) with what the exchange said about them.
 *
 * The delay is a latency model (minutes, typically lognormal); the call itself takes no time here.
 * Left out: calls that fail or cancel only some orders, and closing positions through a broker.
 */
import type { EventHandler, Kernel, Ns, RandomStream, RandomStreams } from '../../../sim/index.ts';
import type { LatencyModel } from '../latency-model.ts';
import type { OrphanRegistry } from './orphan-registry.ts';
import type { OrderServerVenuePort, PhoneCancelResult } from './venue-port.ts';

/** Whether the gateway's screens show an order (the order server answers). */
export interface GatewayScreens {
  readonly gatewayId: string;
  shows(clOrdId: string): boolean;
}

export interface PhoneCall {
  readonly atNs: Ns;
  readonly gatewayId: string;
  /** Orders the exchange held for the gateway when called. */
  readonly ordersReported: number;
  /** Of those, the ones it cancelled because they were working. */
  readonly cancelled: number;
}

export class PhoneDesk implements EventHandler {
  readonly calls: PhoneCall[] = [];
  private readonly rng: RandomStream;

  constructor(
    private readonly kernel: Kernel,
    private readonly venue: OrderServerVenuePort,
    private readonly registry: OrphanRegistry,
    private readonly humanDelay: LatencyModel,
    streams: RandomStreams,
    /** What the exchange read out on the call, for the desk to book by hand (seed 004: "traders document their positions"). */
    private readonly onAnswer: (gatewayId: string, answer: readonly PhoneCancelResult[]) => void = () => undefined,
  ) {
    this.rng = streams.get('human.phone-desk');
  }

  /** Someone will call the exchange about `screens`'s gateway after the human delay. */
  callExchangeLater(screens: GatewayScreens): void {
    this.kernel.scheduleAfter(this.humanDelay.sampleNs(this.rng), this, 0, screens);
  }

  handleEvent(_kind: number, data: unknown): void {
    const screens = data as GatewayScreens;
    const before = this.venue.cancelAllByPhone(screens.gatewayId);
    let cancelled = 0;
    for (const { order, cancelledByPhone } of before) {
      if (cancelledByPhone) cancelled++;
      if (screens.shows(order.clOrdId)) continue;
      const detail = cancelledByPhone ? `cancelled by phone after ${order.cumQtyShares} of ${order.qtyShares} filled` : `already done, filled ${order.cumQtyShares} of ${order.qtyShares}`;
      this.registry.record({ clOrdId: order.clOrdId, gatewayId: screens.gatewayId, reason: 'found-by-phone', recordedAtNs: this.kernel.now, detail });
    }
    this.calls.push({ atNs: this.kernel.now, gatewayId: screens.gatewayId, ordersReported: before.length, cancelled });
    this.onAnswer(screens.gatewayId, before);
  }
}
