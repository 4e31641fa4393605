/**
 * Reads the terms of a NewOrderSingle or an OrderCancelReplaceRequest into the book's vocabulary, or
 * says in a reject text why it cannot. Supported: limit day (OrdType 2, TimeInForce 0 or absent), limit
 * IOC (OrdType 2, TimeInForce 3) and market (OrdType 1, day or IOC: it never rests either way), buy or
 * sell. A replace may change the limit price and the total order quantity (filled part included); a
 * missing Price or OrderQty keeps the order's. An OrderMassCancelRequest may cancel all orders (type 7)
 * or those of the venue's one security (type 1), on one side or both.
 * Leaves out: GTC/GTD/FOK, stop orders, short-sell sides, and any minimum quantity or price band.
 * Units: prices in ticks (via the instrument's TickScale), quantities in whole shares.
 */
import type { OrderType, Side } from '../../book/index.ts';
import type { NewOrderSingle, OrderCancelReplaceRequest, OrderMassCancelRequest, Side as FixSide } from '../codec/messages.ts';
import type { OrderRecord } from './order-record.ts';
import { MassCancelRejectReason } from './reports.ts';
import type { TickScale } from './tick-scale.ts';

export interface OrderTerms {
  side: Side;
  orderType: OrderType;
  /** 0 for a market order, which has no limit. */
  priceTicks: number;
  qtyShares: number;
}

export interface ReplaceTerms {
  priceTicks: number;
  orderQtyShares: number;
}

export function bookSide(side: FixSide): Side | undefined {
  return side === '1' ? 'buy' : side === '2' ? 'sell' : undefined;
}

const isWholeShares = (qty: number | undefined): qty is number => qty !== undefined && Number.isSafeInteger(qty) && qty >= 1;

/** The order's terms, or the reject text. */
export function readOrderTerms(order: NewOrderSingle, symbol: string, ticks: TickScale): OrderTerms | string {
  if (order.symbol !== symbol) return `unknown symbol ${order.symbol}`;
  const side = bookSide(order.side);
  if (side === undefined) return `unsupported side ${order.side}`;
  if (!isWholeShares(order.orderQty)) return 'order quantity must be a whole number of shares >= 1';
  const tif = order.timeInForce ?? '0';
  if (order.ordType === '1') {
    if (tif !== '0' && tif !== '3') return `unsupported TimeInForce ${tif}`;
    return { side, orderType: 'market', priceTicks: 0, qtyShares: order.orderQty };
  }
  if (order.ordType !== '2') return `unsupported OrdType ${order.ordType}`;
  if (tif !== '0' && tif !== '3') return `unsupported TimeInForce ${tif}`;
  const priceTicks = limitTicks(order.price, ticks);
  if (typeof priceTicks === 'string') return priceTicks;
  return { side, orderType: tif === '3' ? 'ioc' : 'limit', priceTicks, qtyShares: order.orderQty };
}

/** The replace's new price and quantity, or the reject text. */
export function readReplaceTerms(request: OrderCancelReplaceRequest, record: OrderRecord, ticks: TickScale): ReplaceTerms | string {
  if (bookSide(request.side) !== record.side) return 'a replace cannot change the side';
  if (record.orderType !== 'limit') return `${record.orderType} orders cannot be replaced`;
  if (request.ordType !== '2') return 'a replace cannot change the order type';
  if (request.timeInForce !== undefined && request.timeInForce !== '0') return 'a replace cannot change TimeInForce';
  const priceTicks = request.price === undefined ? record.priceTicks : limitTicks(request.price, ticks);
  if (typeof priceTicks === 'string') return priceTicks;
  const orderQtyShares = request.orderQty ?? record.orderQtyShares;
  if (!isWholeShares(orderQtyShares)) return 'order quantity must be a whole number of shares >= 1';
  return { priceTicks, orderQtyShares };
}


/** The side a mass cancel cancels (undefined: both), or why it is refused. */
export function readMassCancelTerms(request: OrderMassCancelRequest, symbol: string): { side: Side | undefined } | { rejectReason: number; text: string } {
  const type = request.massCancelRequestType;
  if (type !== '1' && type !== '7') return { rejectReason: MassCancelRejectReason.Other, text: `MassCancelRequestType ${type} not supported` };
  if (type === '1' && request.symbol !== symbol) return { rejectReason: MassCancelRejectReason.UnknownSecurity, text: `unknown security ${request.symbol}` };
  if (request.side === undefined) return { side: undefined };
  const side = bookSide(request.side);
  return side === undefined ? { rejectReason: MassCancelRejectReason.Other, text: `unsupported side ${request.side}` } : { side };
}

function limitTicks(price: number | undefined, ticks: TickScale): number | string {
  if (price === undefined) return 'a limit order needs a price';
  const priceTicks = ticks.ticks(price);
  if (priceTicks === undefined) return `price ${price} is not a multiple of the tick size ${ticks.tickSize}`;
  if (priceTicks < 1) return `price ${price} is below one tick`;
  return priceTicks;
}
