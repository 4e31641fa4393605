/**
 * The records of resting orders, as parallel typed arrays indexed by a slot number (structure of
 * arrays): the engine touches a few fields of many orders, and typed arrays keep that cheap and free
 * of garbage. Slots are recycled through a free list. `prev`/`next` link the orders of one price
 * level in time priority (an intrusive doubly linked list), `level` names the level's slot in its side.
 *
 * Side is stored as an index: 0 for buy, 1 for sell.
 */
import { grownFloat64, grownInt32, grownUint8 } from './typed-arrays.ts';

export const NO_SLOT = -1;
const INITIAL_CAPACITY = 1024;

export class OrderPool {
  orderId = new Float64Array(INITIAL_CAPACITY);
  ownerId = new Int32Array(INITIAL_CAPACITY);
  sideIndex = new Uint8Array(INITIAL_CAPACITY);
  priceTicks = new Int32Array(INITIAL_CAPACITY);
  leavesQty = new Float64Array(INITIAL_CAPACITY);
  orderQty = new Float64Array(INITIAL_CAPACITY);
  prev = new Int32Array(INITIAL_CAPACITY);
  next = new Int32Array(INITIAL_CAPACITY);
  level = new Int32Array(INITIAL_CAPACITY);

  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private slotsUsed = 0;
  private capacity = INITIAL_CAPACITY;

  /** A slot with its identity fields set; links and level are set when it joins a level. */
  allocate(orderId: number, ownerId: number, sideIndex: number, priceTicks: number, leavesQty: number, orderQty: number): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount];
    else {
      if (this.slotsUsed === this.capacity) this.grow();
      slot = this.slotsUsed++;
    }
    this.orderId[slot] = orderId;
    this.ownerId[slot] = ownerId;
    this.sideIndex[slot] = sideIndex;
    this.priceTicks[slot] = priceTicks;
    this.leavesQty[slot] = leavesQty;
    this.orderQty[slot] = orderQty;
    return slot;
  }

  release(slot: number): void {
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.orderId = grownFloat64(this.orderId, capacity);
    this.ownerId = grownInt32(this.ownerId, capacity);
    this.sideIndex = grownUint8(this.sideIndex, capacity);
    this.priceTicks = grownInt32(this.priceTicks, capacity);
    this.leavesQty = grownFloat64(this.leavesQty, capacity);
    this.orderQty = grownFloat64(this.orderQty, capacity);
    this.prev = grownInt32(this.prev, capacity);
    this.next = grownInt32(this.next, capacity);
    this.level = grownInt32(this.level, capacity);
    this.freeSlots = grownInt32(this.freeSlots, capacity);
    this.capacity = capacity;
  }
}
