/**
 * The venue's inbound messages and the state machine the sequencer drives: the matching engine
 * (venues/book) wrapped so that each sequenced request is applied to the book and every record the
 * book emits is copied (the book reuses its records) and handed to the sequencer to be numbered.
 *
 * A request is a value; who sent it is its `ownerId` (a router session or the background flow).
 * The book has no clock, so the apply time is not used: replaying the journal is exact anyway.
 * Leaves out: order types beyond the book's (limit, IOC, market) and risk checks.
 */
import type { Ns } from '../../sim/index.ts';
import {
  copyBookEvent,
  OrderBook,
  type BookEvent,
  type BookOutputSink,
  type Fill,
  type LevelUpdate,
  type MassCancelDone,
  type OrderAccepted,
  type OrderCancelled,
  type OrderRejected,
  type OrderReplaced,
  type OrderType,
  type Side,
} from '../book/index.ts';
import type { OutputCollector, StateMachine } from '../sequencer/index.ts';

export type VenueRequest =
  | { readonly kind: 'new'; readonly orderId: number; readonly ownerId: number; readonly side: Side; readonly orderType: OrderType; readonly priceTicks: number; readonly qtyShares: number }
  | { readonly kind: 'cancel'; readonly orderId: number; readonly ownerId: number }
  | { readonly kind: 'replace'; readonly orderId: number; readonly ownerId: number; readonly priceTicks: number; readonly orderQtyShares: number }
  | { readonly kind: 'mass-cancel'; readonly ownerId: number; readonly side: Side | undefined };

export class BookMachine implements StateMachine<VenueRequest, BookEvent>, BookOutputSink {
  readonly book = new OrderBook(this);
  private out: OutputCollector<BookEvent> | undefined;

  apply(request: VenueRequest, _atNs: Ns, out: OutputCollector<BookEvent>): void {
    this.out = out;
    switch (request.kind) {
      case 'new':
        if (request.orderType === 'limit') this.book.submitLimit(request.orderId, request.ownerId, request.side, request.priceTicks, request.qtyShares);
        else if (request.orderType === 'ioc') this.book.submitIoc(request.orderId, request.ownerId, request.side, request.priceTicks, request.qtyShares);
        else this.book.submitMarket(request.orderId, request.ownerId, request.side, request.qtyShares);
        break;
      case 'cancel':
        this.book.cancel(request.orderId, request.ownerId);
        break;
      case 'replace':
        this.book.replace(request.orderId, request.ownerId, request.priceTicks, request.orderQtyShares);
        break;
      case 'mass-cancel':
        this.book.massCancel(request.ownerId, request.side);
        break;
    }
    this.out = undefined;
  }

  accepted(event: Readonly<OrderAccepted>): void {
    this.forward(event);
  }
  rejected(event: Readonly<OrderRejected>): void {
    this.forward(event);
  }
  fill(event: Readonly<Fill>): void {
    this.forward(event);
  }
  cancelled(event: Readonly<OrderCancelled>): void {
    this.forward(event);
  }
  replaced(event: Readonly<OrderReplaced>): void {
    this.forward(event);
  }
  massCancelled(event: Readonly<MassCancelDone>): void {
    this.forward(event);
  }
  level(event: Readonly<LevelUpdate>): void {
    this.forward(event);
  }

  private forward(event: Readonly<BookEvent>): void {
    (this.out as OutputCollector<BookEvent>).emit(copyBookEvent(event));
  }
}
