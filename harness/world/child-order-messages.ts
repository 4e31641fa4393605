/**
 * The router's child-order requests as FIX application messages: one mapping for every port that speaks
 * FIX (a direct session, a primary/backup gateway pair), so the wire form of a child order is decided once.
 * Limit orders, day or IOC; prices on the wire are decimals of the tick; TransactTime counts from the
 * simulation's UTC epoch. Mass cancel and mass status name the instrument (type 1, orders for a security)
 * and the parent's side: the router's owner trades nothing else, and a desk scopes them so.
 */
import type { Kernel } from '../../sim/index.ts';
import type { Side } from '../../policies/index.ts';
import type {
  NewOrderSingle,
  OrderCancelReplaceRequest,
  OrderCancelRequest,
  OrderMassCancelRequest,
  OrderMassStatusRequest,
  OrderStatusRequest,
} from '../../venues/fix/codec/index.ts';
import { formatUtcTimestampMs } from '../../venues/fix/codec/values.ts';
import type { MassCancelRequest, MassStatusRequest, NewChildOrder } from '../router/ports.ts';

const fixSide = (side: Side) => (side === 'buy' ? '1' : '2');

export class ChildOrderMessages {
  constructor(
    private readonly kernel: Kernel,
    private readonly symbol: string,
    private readonly tickSize: number,
    private readonly epochUtcMs: number,
  ) {}

  newOrder(order: NewChildOrder): NewOrderSingle {
    return {
      msgType: 'D',
      clOrdId: order.clOrdId,
      handlInst: '1',
      side: fixSide(order.side),
      symbol: this.symbol,
      orderQty: order.qtyShares,
      ordType: '2',
      price: this.price(order.priceTicks),
      timeInForce: order.timeInForce === 'ioc' ? '3' : '0',
      transactTime: this.transactTime(),
    };
  }

  cancel(request: { clOrdId: string; origClOrdId: string; side: Side; qtyShares: number }): OrderCancelRequest {
    return { msgType: 'F', clOrdId: request.clOrdId, origClOrdId: request.origClOrdId, side: fixSide(request.side), symbol: this.symbol, orderQty: request.qtyShares, transactTime: this.transactTime() };
  }

  replace(request: { clOrdId: string; origClOrdId: string; side: Side; priceTicks: number; qtyShares: number }): OrderCancelReplaceRequest {
    return {
      msgType: 'G',
      clOrdId: request.clOrdId,
      origClOrdId: request.origClOrdId,
      handlInst: '1',
      side: fixSide(request.side),
      symbol: this.symbol,
      ordType: '2',
      price: this.price(request.priceTicks),
      orderQty: request.qtyShares,
      transactTime: this.transactTime(),
    };
  }

  statusRequest(request: { clOrdId: string; side: Side }): OrderStatusRequest {
    return { msgType: 'H', clOrdId: request.clOrdId, side: fixSide(request.side), symbol: this.symbol };
  }

  massCancel(request: MassCancelRequest): OrderMassCancelRequest {
    return { msgType: 'q', clOrdId: request.clOrdId, massCancelRequestType: '1', symbol: this.symbol, side: fixSide(request.side), transactTime: this.transactTime() };
  }

  massStatus(request: MassStatusRequest): OrderMassStatusRequest {
    return { msgType: 'AF', massStatusReqId: request.massStatusReqId, massStatusReqType: 1, symbol: this.symbol, side: fixSide(request.side) };
  }

  /** Prices on the wire are decimals; rounding to the tick's decimals keeps 1001 * 0.01 from printing as 10.010000000000002. */
  private price(priceTicks: number): number {
    return Number((priceTicks * this.tickSize).toFixed(10));
  }

  private transactTime(): string {
    return formatUtcTimestampMs(this.epochUtcMs + Math.floor(this.kernel.now / 1_000_000));
  }
}
