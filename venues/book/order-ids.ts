/**
 * Where order ids come from. The book does not allocate ids: the venue does, from one source shared
 * by everything that submits orders to its book (background flow, replays, the order-entry side of
 * router sessions), so that ids never collide.
 */

export interface OrderIdSource {
  /** A safe integer never returned before by this source. */
  nextOrderId(): number;
}

/** Ids 1, 2, 3, ... (or from a chosen first id). */
export class OrderIdCounter implements OrderIdSource {
  private next: number;

  constructor(firstId = 1) {
    this.next = firstId;
  }

  nextOrderId(): number {
    return this.next++;
  }
}
