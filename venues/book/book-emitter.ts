/**
 * The book's outputs as reused records: one mutable record per kind, filled in and handed to the
 * sink (output.ts says why records are reused and in what order they come). Keeping them here leaves
 * the matching engine with the rules and this file with the bookkeeping of what was said.
 */
import type {
  BookOutputSink,
  Fill,
  LevelUpdate,
  MassCancelDone,
  OrderAccepted,
  OrderCancelled,
  OrderRejected,
  OrderReplaced,
} from './output.ts';
import type { CancelReason, OrderType, RejectedRequest, RejectReason, Side } from './types.ts';

export class BookEmitter {
  private readonly acceptedRecord: OrderAccepted = { type: 'accepted', orderId: 0, ownerId: 0, side: 'buy', orderType: 'limit', priceTicks: 0, orderQtyShares: 0 };
  private readonly rejectedRecord: OrderRejected = { type: 'rejected', request: 'new', orderId: 0, ownerId: 0, reason: 'unknown-order' };
  private readonly fillRecord: Fill = {
    type: 'fill',
    makerOrderId: 0,
    makerOwnerId: 0,
    takerOrderId: 0,
    takerOwnerId: 0,
    aggressorSide: 'buy',
    priceTicks: 0,
    qtyShares: 0,
    makerLeavesQtyShares: 0,
    takerLeavesQtyShares: 0,
  };
  private readonly cancelledRecord: OrderCancelled = { type: 'cancelled', orderId: 0, ownerId: 0, side: 'buy', priceTicks: 0, cancelledQtyShares: 0, reason: 'requested' };
  private readonly replacedRecord: OrderReplaced = {
    type: 'replaced',
    orderId: 0,
    ownerId: 0,
    side: 'buy',
    oldPriceTicks: 0,
    priceTicks: 0,
    orderQtyShares: 0,
    leavesQtyShares: 0,
    priorityKept: false,
  };
  private readonly massCancelRecord: MassCancelDone = { type: 'mass-cancelled', ownerId: 0, side: undefined, cancelledOrders: 0 };
  private readonly levelRecord: LevelUpdate = { type: 'level', side: 'buy', priceTicks: 0, qtyShares: 0, orderCount: 0 };

  constructor(private readonly sink: BookOutputSink) {}

  accepted(orderId: number, ownerId: number, side: Side, orderType: OrderType, priceTicks: number, orderQtyShares: number): void {
    const r = this.acceptedRecord;
    r.orderId = orderId;
    r.ownerId = ownerId;
    r.side = side;
    r.orderType = orderType;
    r.priceTicks = priceTicks;
    r.orderQtyShares = orderQtyShares;
    this.sink.accepted(r);
  }

  rejected(request: RejectedRequest, orderId: number, ownerId: number, reason: RejectReason): void {
    const r = this.rejectedRecord;
    r.request = request;
    r.orderId = orderId;
    r.ownerId = ownerId;
    r.reason = reason;
    this.sink.rejected(r);
  }

  /** Sets the taker of the fills that follow, until the next call. */
  taker(takerOrderId: number, takerOwnerId: number, aggressorSide: Side): void {
    const r = this.fillRecord;
    r.takerOrderId = takerOrderId;
    r.takerOwnerId = takerOwnerId;
    r.aggressorSide = aggressorSide;
  }

  fill(makerOrderId: number, makerOwnerId: number, priceTicks: number, qtyShares: number, makerLeavesQtyShares: number, takerLeavesQtyShares: number): void {
    const r = this.fillRecord;
    r.makerOrderId = makerOrderId;
    r.makerOwnerId = makerOwnerId;
    r.priceTicks = priceTicks;
    r.qtyShares = qtyShares;
    r.makerLeavesQtyShares = makerLeavesQtyShares;
    r.takerLeavesQtyShares = takerLeavesQtyShares;
    this.sink.fill(r);
  }

  cancelled(orderId: number, ownerId: number, side: Side, priceTicks: number, cancelledQtyShares: number, reason: CancelReason): void {
    const r = this.cancelledRecord;
    r.orderId = orderId;
    r.ownerId = ownerId;
    r.side = side;
    r.priceTicks = priceTicks;
    r.cancelledQtyShares = cancelledQtyShares;
    r.reason = reason;
    this.sink.cancelled(r);
  }

  replaced(orderId: number, ownerId: number, side: Side, oldPriceTicks: number, priceTicks: number, orderQtyShares: number, leavesQtyShares: number, priorityKept: boolean): void {
    const r = this.replacedRecord;
    r.orderId = orderId;
    r.ownerId = ownerId;
    r.side = side;
    r.oldPriceTicks = oldPriceTicks;
    r.priceTicks = priceTicks;
    r.orderQtyShares = orderQtyShares;
    r.leavesQtyShares = leavesQtyShares;
    r.priorityKept = priorityKept;
    this.sink.replaced(r);
  }

  massCancelled(ownerId: number, side: Side | undefined, cancelledOrders: number): void {
    const r = this.massCancelRecord;
    r.ownerId = ownerId;
    r.side = side;
    r.cancelledOrders = cancelledOrders;
    this.sink.massCancelled(r);
  }

  level(side: Side, priceTicks: number, qtyShares: number, orderCount: number): void {
    const r = this.levelRecord;
    r.side = side;
    r.priceTicks = priceTicks;
    r.qtyShares = qtyShares;
    r.orderCount = orderCount;
    this.sink.level(r);
  }
}
