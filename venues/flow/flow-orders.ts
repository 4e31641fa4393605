/**
 * The background flow's own resting orders, as the flow last saw them: id, side and price in dense
 * arrays so that a uniformly random one is picked in O(1) and removed by swapping in the last.
 * The list may hold orders that have since filled (against anyone) or been cancelled by someone else
 * (a mass cancel): the flow learns that lazily, when it picks one and the book no longer has it.
 */
import { grownFloat64, grownInt32, grownUint8 } from '../book/typed-arrays.ts';

const INITIAL_CAPACITY = 1024;

export class FlowOrders {
  orderId = new Float64Array(INITIAL_CAPACITY);
  /** 0 for buy, 1 for sell. */
  sideIndex = new Uint8Array(INITIAL_CAPACITY);
  priceTicks = new Int32Array(INITIAL_CAPACITY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(orderId: number, sideIndex: number, priceTicks: number): void {
    if (this.count === this.orderId.length) {
      const capacity = this.count * 2;
      this.orderId = grownFloat64(this.orderId, capacity);
      this.sideIndex = grownUint8(this.sideIndex, capacity);
      this.priceTicks = grownInt32(this.priceTicks, capacity);
    }
    this.orderId[this.count] = orderId;
    this.sideIndex[this.count] = sideIndex;
    this.priceTicks[this.count] = priceTicks;
    this.count++;
  }

  /** Removes the entry at `index`; the last entry takes its place. */
  removeAt(index: number): void {
    const last = --this.count;
    this.orderId[index] = this.orderId[last];
    this.sideIndex[index] = this.sideIndex[last];
    this.priceTicks[index] = this.priceTicks[last];
  }
}
