/**
 * The stratified bootstrap (Davison & Hinkley 1997, sec. 3.7): when a design draws its observations in
 * strata (each seed's fault time from one of K equal slices of its window, the seeds of a block covering
 * every slice once), a resample draws within each stratum, so a replicate keeps the design's balance
 * and its spread is that of the stratified estimate, not of an i.i.d. sample.
 *
 * Weights: each stratum present stands for the same share of the population (1/K' of K' strata present),
 * whatever its count, so an observation of stratum j carries mass n / (K' n_j). With equal counts (a
 * whole number of blocks) every mass is 1 and the estimate is the plain statistic of the sample; a
 * partial block does not tilt the estimate toward the strata it reached.
 *
 * Draws: n_j - 1 per stratum, each of mass n / (K' (n_j - 1)) (McCarthy & Snowden 1985's rescaling):
 * drawing n_j would shrink each stratum's variance by (n_j - 1)/n_j, which at a few seeds per stratum
 * makes intervals too short. A stratum needs two observations for that; a sample with a stratum of one,
 * or with a single stratum, has no stratified interval (`stratifiedPlan` returns null) and the caller
 * resamples it whole, which for a stratified design is conservative for a mean.
 */
import { invariant } from '../invariant.ts';
import type { UniformSource } from '../random.ts';
import type { Statistic } from './statistic.ts';

/** How a sample's strata resample: its members by stratum and the mass of each draw. */
export interface StratifiedPlan {
  /** Positions in the sample of each present stratum's members, in sample order. */
  readonly members: readonly Uint32Array[];
  /** Mass one draw from stratum k adds: n / (K' (n_k - 1)). */
  readonly drawMass: Float64Array;
  /** Mass of each observation in the estimate, by sample position: n / (K' n_j); all 1 when the strata are equal. */
  readonly estimateMass: Float64Array;
  /** Whether every present stratum has the same count: the estimate is then the plain statistic. */
  readonly balanced: boolean;
}

/** The plan for a sample whose i-th observation lies in stratum `strata[i]`, or null when it cannot be resampled by strata. */
export function stratifiedPlan(strata: ArrayLike<number>): StratifiedPlan | null {
  const n = strata.length;
  const byStratum = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const stratum = strata[i];
    invariant(Number.isInteger(stratum) && stratum >= 0, () => `strata[${i}] is ${stratum}, expected a stratum index (an integer >= 0)`);
    const members = byStratum.get(stratum);
    if (members === undefined) byStratum.set(stratum, [i]);
    else members.push(i);
  }
  const present = [...byStratum.keys()].sort((a, b) => a - b).map((stratum) => byStratum.get(stratum) as number[]);
  if (present.length < 2 || present.some((members) => members.length < 2)) return null;
  const k = present.length;
  const estimateMass = new Float64Array(n);
  const drawMass = new Float64Array(k);
  present.forEach((members, s) => {
    drawMass[s] = n / (k * (members.length - 1));
    for (const i of members) estimateMass[i] = n / (k * members.length);
  });
  return {
    members: present.map((members) => Uint32Array.from(members)),
    drawMass,
    estimateMass,
    balanced: present.every((members) => members.length === present[0].length),
  };
}

/** The sample's masses at its sorted positions (`rank[i]`: where observation i sits once sorted). */
function massesAtRanks(plan: StratifiedPlan, rank: Uint32Array): Float64Array {
  const masses = new Float64Array(rank.length);
  for (let i = 0; i < rank.length; i++) masses[rank[i]] = plan.estimateMass[i];
  return masses;
}

/**
 * The estimate and `resamples` replicates of stat(b) - stat(a), pairs drawn within strata; without `a`,
 * of stat(b) alone. `sorted*` are the samples sorted, `rank*` where each observation sits in them.
 */
export function stratifiedReplicates(
  plan: StratifiedPlan,
  b: { sorted: Float64Array; rank: Uint32Array },
  a: { sorted: Float64Array; rank: Uint32Array } | null,
  statistic: Statistic,
  rng: UniformSource,
  resamples: number,
): { estimate: number; replicates: Float64Array } {
  const of = (side: { sorted: Float64Array; rank: Uint32Array }) => (plan.balanced ? statistic.ofSorted(side.sorted) : statistic.ofCounts(side.sorted, massesAtRanks(plan, side.rank)));
  const estimate = of(b) - (a === null ? 0 : of(a));
  const massB = new Float64Array(b.sorted.length);
  const massA = new Float64Array(a === null ? 0 : a.sorted.length);
  const replicates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    massB.fill(0);
    massA.fill(0);
    plan.members.forEach((members, s) => {
      const mass = plan.drawMass[s];
      for (let draw = 1; draw < members.length; draw++) {
        const pair = members[(rng.next() * members.length) | 0];
        massB[b.rank[pair]] += mass;
        if (a !== null) massA[a.rank[pair]] += mass;
      }
    });
    replicates[r] = statistic.ofCounts(b.sorted, massB) - (a === null ? 0 : statistic.ofCounts(a.sorted, massA));
  }
  return { estimate, replicates };
}
