/**
 * Looks at a growing sample, and the error each look may spend, so that intervals read at any of
 * them, or at one chosen after seeing the others (optional stopping), keep their confidence.
 *
 * Looks fall on a geometric grid: look k (1-based) reads the first n₁·2^(k-1) observations. Look k
 * spends αₖ = α · 6/(π² k²) (the terms of ζ(2) = π²/6, so Σₖ αₖ = α over every look there could ever
 * be). By the union bound, the chance that any look's (1 - αₖ) interval misses the truth is at most
 * Σ αₖ = α, so the interval reported at whatever look a run stops at (decided, out of seeds, out of
 * time, or resumed later with a larger cap) covers the truth with probability at least 1 - α. This is
 * the union-bound construction on geometric epochs behind the "stitched" confidence sequences of
 * Howard, Ramdas, McAuliffe & Sekhon (2021), "Time-uniform, nonparametric, nonasymptotic confidence
 * sequences", Annals of Statistics 49(2); here each epoch's interval is whatever fixed-sample interval
 * the caller uses (a bootstrap, Clopper-Pearson) at level 1 - αₖ, as in a group-sequential design with
 * a Bonferroni split of α across the looks (cf. Pocock 1977, which splits it evenly over a fixed number).
 * Because the spending does not depend on how many looks will be made, a cap on seeds or time only
 * truncates the grid, and raising it later is legitimate.
 */
import { invariant } from '../invariant.ts';

const BASEL = Math.PI ** 2 / 6;

function requireLook(look: number): void {
  invariant(Number.isInteger(look) && look >= 1, () => `a look is a whole number >= 1, got ${look}`);
}

/** The error look k may spend out of a total α. */
export function lookAlpha(alpha: number, look: number): number {
  invariant(alpha > 0 && alpha < 1, () => `alpha must be in (0, 1), got ${alpha}`);
  requireLook(look);
  return alpha / (BASEL * look * look);
}

/** Observations at look k: n₁·2^(k-1). */
export function sampleSizeAtLook(initial: number, look: number): number {
  invariant(Number.isInteger(initial) && initial >= 1, () => `the first look's size is a whole number >= 1, got ${initial}`);
  requireLook(look);
  return initial * 2 ** (look - 1);
}

/**
 * A drill's looks: the geometric grid n₁·2^(k-1) with the seed counts its gates' intervals first need
 * (their floors) added, so that a gate whose interval needs 160 seeds is judged at 160 and not only at the
 * next power-of-two multiple. The grid is fixed by the drill file before any seed runs, so the union
 * bound above holds on it as on the plain grid: look k is its k-th size, and a gate spends by its own looks.
 */
export class LookGrid {
  private readonly sizes: number[];
  private readonly floors: number[];

  constructor(
    readonly initial: number,
    floors: readonly number[] = [],
  ) {
    invariant(Number.isInteger(initial) && initial >= 1, () => `the first look's size is a whole number >= 1, got ${initial}`);
    this.floors = [...new Set(floors.filter((floor) => Number.isInteger(floor) && floor > initial))].sort((a, b) => a - b);
    this.sizes = [initial];
  }

  /** Observations at look k. */
  seedsAt(look: number): number {
    requireLook(look);
    while (this.sizes.length < look) {
      const last = this.sizes[this.sizes.length - 1];
      let doubled = this.initial;
      while (doubled <= last) doubled *= 2;
      const floor = this.floors.find((f) => f > last);
      this.sizes.push(floor === undefined ? doubled : Math.min(doubled, floor));
    }
    return this.sizes[look - 1];
  }

  /** The first look with at least `seeds` observations. */
  firstLookWith(seeds: number): number {
    let look = 1;
    while (this.seedsAt(look) < seeds) look++;
    return look;
  }
}
