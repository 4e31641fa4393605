/**
 * The seed list of a sweep, from the command line (`--seeds 1..200`, `--seeds 3,7,11`, `--seeds 1..5,20`)
 * or a drill file (a list of integers or the same string). Ranges are inclusive. A seed listed twice is
 * an error rather than silently dropped: it nearly always means a typo in a range, and a sweep's
 * manifest should record exactly what was asked for.
 */
import { UsageError } from '../errors.ts';

const RANGE = /^(\d+)\.\.(\d+)$/;
const SINGLE = /^\d+$/;
/** A guard against `1..1e9` typos: a sweep this size would never finish anyway. */
export const MAX_SEEDS = 10_000_000;

function seedOf(text: string, where: string): number {
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`${where}: seed ${text} is not a safe integer`);
  return seed;
}

/** Parses `1..N`, `a..b`, `s1,s2,...` and mixtures of them, in the order written. */
export function parseSeeds(text: string, where = '--seeds'): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',').map((piece) => piece.trim())) {
    const range = RANGE.exec(part);
    if (range !== null) {
      const from = seedOf(range[1], where);
      const to = seedOf(range[2], where);
      if (to < from) throw new UsageError(`${where}: range ${part} runs backwards`);
      if (seeds.length + (to - from + 1) > MAX_SEEDS) throw new UsageError(`${where}: more than ${MAX_SEEDS} seeds`);
      for (let seed = from; seed <= to; seed++) seeds.push(seed);
    } else if (SINGLE.test(part)) {
      seeds.push(seedOf(part, where));
    } else {
      throw new UsageError(`${where}: expected seeds like 1..200 or 3,7,11 (non-negative integers), got ${JSON.stringify(part)}`);
    }
  }
  return requireDistinct(seeds, where);
}

/** Checks a seed list given as numbers (a drill file's `seeds: [1, 2, 3]`). */
export function requireSeedList(seeds: readonly number[], where: string): number[] {
  for (const seed of seeds) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`${where}: seed ${seed} is not a non-negative integer`);
  }
  return requireDistinct([...seeds], where);
}

function requireDistinct(seeds: number[], where: string): number[] {
  if (seeds.length === 0) throw new UsageError(`${where}: no seeds`);
  const seen = new Set<number>();
  for (const seed of seeds) {
    if (seen.has(seed)) throw new UsageError(`${where}: seed ${seed} is listed twice`);
    seen.add(seed);
  }
  return seeds;
}
