/**
 * One side of the book: its price levels, each a FIFO queue of orders (time priority), and the
 * levels in price order (price priority).
 *
 * Levels live in parallel typed arrays indexed by a level slot. The active levels are kept in an
 * array sorted by key, worst price first and best last, where the key is the price for bids and
 * minus the price for asks: the best level is the last entry, so taking it out after a sweep is
 * O(1), and the flow's levels, which cluster near the best, are inserted and removed near the end of
 * the array with short copies. A price is found by binary search (the best level is tried first).
 * Unlike a ladder indexed by tick offset, this holds any spread of prices in memory proportional to
 * the number of levels, so a fat-fingered price costs nothing.
 */
import { NO_SLOT, type OrderPool } from './order-pool.ts';
import { grownFloat64, grownInt32 } from './typed-arrays.ts';

const INITIAL_LEVELS = 256;

export class BookSide {
  levelPrice = new Int32Array(INITIAL_LEVELS);
  levelQty = new Float64Array(INITIAL_LEVELS);
  levelCount = new Int32Array(INITIAL_LEVELS);
  levelHead = new Int32Array(INITIAL_LEVELS);
  levelTail = new Int32Array(INITIAL_LEVELS);
  private freeLevels = new Int32Array(INITIAL_LEVELS);
  private freeCount = 0;
  private levelsUsed = 0;
  private levelCapacity = INITIAL_LEVELS;

  private sortedKey = new Int32Array(INITIAL_LEVELS);
  private sortedLevel = new Int32Array(INITIAL_LEVELS);
  private sortedCount = 0;

  /** `keySign` is +1 for bids (higher is better) and -1 for asks (lower is better). */
  constructor(
    private readonly pool: OrderPool,
    private readonly keySign: 1 | -1,
  ) {}

  /** Number of non-empty price levels. */
  get depth(): number {
    return this.sortedCount;
  }

  /** The level slot of the best price, or NO_SLOT when the side is empty. */
  bestLevel(): number {
    return this.sortedCount > 0 ? this.sortedLevel[this.sortedCount - 1] : NO_SLOT;
  }

  /** The level slot at a rank from the best (0 is the best), or NO_SLOT past the last level. */
  levelAtRank(rank: number): number {
    return rank < this.sortedCount ? this.sortedLevel[this.sortedCount - 1 - rank] : NO_SLOT;
  }

  /** The level slot holding this price, or NO_SLOT. */
  findLevel(priceTicks: number): number {
    const index = this.lowerBound(this.keySign * priceTicks);
    return index < this.sortedCount && this.sortedKey[index] === this.keySign * priceTicks ? this.sortedLevel[index] : NO_SLOT;
  }

  /** The level slot holding this price, created empty when there is none. */
  levelFor(priceTicks: number): number {
    const key = this.keySign * priceTicks;
    const index = this.lowerBound(key);
    if (index < this.sortedCount && this.sortedKey[index] === key) return this.sortedLevel[index];
    const level = this.allocateLevel(priceTicks);
    if (this.sortedCount === this.sortedKey.length) this.growSorted();
    this.sortedKey.copyWithin(index + 1, index, this.sortedCount);
    this.sortedLevel.copyWithin(index + 1, index, this.sortedCount);
    this.sortedKey[index] = key;
    this.sortedLevel[index] = level;
    this.sortedCount++;
    return level;
  }

  /** Puts an order at the back of a level's queue. */
  append(level: number, slot: number): void {
    const pool = this.pool;
    const tail = this.levelTail[level];
    pool.prev[slot] = tail;
    pool.next[slot] = NO_SLOT;
    pool.level[slot] = level;
    if (tail === NO_SLOT) this.levelHead[level] = slot;
    else pool.next[tail] = slot;
    this.levelTail[level] = slot;
    this.levelQty[level] += pool.leavesQty[slot];
    this.levelCount[level]++;
  }

  /** Takes an order out of its level's queue; the level stays, even if empty, until `dropIfEmpty`. */
  unlink(slot: number): void {
    const pool = this.pool;
    const level = pool.level[slot];
    const prev = pool.prev[slot];
    const next = pool.next[slot];
    if (prev === NO_SLOT) this.levelHead[level] = next;
    else pool.next[prev] = next;
    if (next === NO_SLOT) this.levelTail[level] = prev;
    else pool.prev[next] = prev;
    this.levelQty[level] -= pool.leavesQty[slot];
    this.levelCount[level]--;
  }

  /** Removes a level from the price order and frees it, if no order is left in it. */
  dropIfEmpty(level: number): void {
    if (this.levelCount[level] !== 0) return;
    const key = this.keySign * this.levelPrice[level];
    const last = this.sortedCount - 1;
    if (this.sortedKey[last] === key) this.sortedCount = last;
    else {
      const index = this.lowerBound(key);
      this.sortedKey.copyWithin(index, index + 1, this.sortedCount);
      this.sortedLevel.copyWithin(index, index + 1, this.sortedCount);
      this.sortedCount = last;
    }
    this.freeLevels[this.freeCount++] = level;
  }

  /** First index whose key is >= key (the best level, the commonest target, is tried first). */
  private lowerBound(key: number): number {
    const count = this.sortedCount;
    if (count > 0 && this.sortedKey[count - 1] <= key) return this.sortedKey[count - 1] === key ? count - 1 : count;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sortedKey[middle] < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private allocateLevel(priceTicks: number): number {
    let level: number;
    if (this.freeCount > 0) level = this.freeLevels[--this.freeCount];
    else {
      if (this.levelsUsed === this.levelCapacity) this.growLevels();
      level = this.levelsUsed++;
    }
    this.levelPrice[level] = priceTicks;
    this.levelQty[level] = 0;
    this.levelCount[level] = 0;
    this.levelHead[level] = NO_SLOT;
    this.levelTail[level] = NO_SLOT;
    return level;
  }

  private growLevels(): void {
    const capacity = this.levelCapacity * 2;
    this.levelPrice = grownInt32(this.levelPrice, capacity);
    this.levelQty = grownFloat64(this.levelQty, capacity);
    this.levelCount = grownInt32(this.levelCount, capacity);
    this.levelHead = grownInt32(this.levelHead, capacity);
    this.levelTail = grownInt32(this.levelTail, capacity);
    this.freeLevels = grownInt32(this.freeLevels, capacity);
    this.levelCapacity = capacity;
  }

  private growSorted(): void {
    const capacity = this.sortedKey.length * 2;
    this.sortedKey = grownInt32(this.sortedKey, capacity);
    this.sortedLevel = grownInt32(this.sortedLevel, capacity);
  }
}
