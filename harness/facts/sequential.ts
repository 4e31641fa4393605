/**
 * Settles a question by adding seeds in rounds, with inference that stays valid however the rounds
 * end: a look at n₁, 2n₁, 4n₁ ... seeds (never more than `maxSeeds`), each judged with the error it may
 * spend, αₖ = α·6/(π²k²) (sim/stats/sequential-looks.ts: the union bound over a geometric grid of
 * looks, as in the stitched confidence sequences of Howard, Ramdas, McAuliffe & Sekhon 2021). It stops
 * at the first look that decides, when the next look would pass `maxSeeds`, or when `moreSeeds` says
 * no (a time budget ran out). Whichever it is, the last look's interval covers the truth with
 * probability at least 1 - α, since every look's does simultaneously with that probability.
 *
 * Facts settle through it (run-facts.ts). A drill's gates settle in harness/drill/sequential-drill.ts,
 * on the same grid and spending (sim/stats/sequential-looks.ts) and with projectSettleSeeds from here,
 * but with a loop of their own: a gate's spending starts at its first look with enough seeds.
 */
import { lookAlpha, sampleSizeAtLook, studentTQuantile } from '../../sim/index.ts';

export type LookVerdict = 'pass' | 'fail' | 'undecided';

export interface Judgement {
  verdict: LookVerdict;
}

/** Without --max-seeds a fact may add three looks: 8 times its first look's seeds. */
export const DEFAULT_MAX_SEEDS_FACTOR = 8;

export interface SequentialPlan {
  /** Seeds of the first look. */
  initialSeeds: number;
  /** No look beyond this many seeds. */
  maxSeeds: number;
  /** The total error over every look (0.05 for 95% confidence). */
  alpha: number;
}

export interface Look {
  /** 1-based. */
  look: number;
  seeds: number;
  /** The error this look may spend. */
  alpha: number;
}

export type StopReason = 'decided' | 'max-seeds' | 'budget';

export interface SequentialOutcome<J extends Judgement> {
  /** The last look's judgement; null when not even the first look could be made. */
  judgement: J | null;
  look: Look | null;
  stoppedBy: StopReason;
}

export function lookAt(plan: SequentialPlan, look: number): Look {
  return { look, seeds: sampleSizeAtLook(plan.initialSeeds, look), alpha: lookAlpha(plan.alpha, look) };
}

/** The `count` looks after `look`, past `maxSeeds` too: a settle projection may say that a larger cap would do. */
export function laterLooks(plan: SequentialPlan, look: number, count = 12): Look[] {
  const looks: Look[] = [];
  for (let k = look + 1; k <= look + count; k++) looks.push(lookAt(plan, k));
  return looks;
}

/**
 * `moreSeeds(n)` makes seeds 1..n available and resolves true, or false when it cannot (no look is
 * then made at n); `judge` reads them.
 */
export async function settleSequentially<J extends Judgement>(
  plan: SequentialPlan,
  judge: (look: Look) => J,
  moreSeeds: (seeds: number) => Promise<boolean>,
): Promise<SequentialOutcome<J>> {
  let last: { judgement: J; look: Look } | null = null;
  for (let k = 1; ; k++) {
    const look = lookAt(plan, k);
    if (look.seeds > plan.maxSeeds) return { judgement: last?.judgement ?? null, look: last?.look ?? null, stoppedBy: 'max-seeds' };
    if (!(await moreSeeds(look.seeds))) return { judgement: last?.judgement ?? null, look: last?.look ?? null, stoppedBy: 'budget' };
    const judgement = judge(look);
    last = { judgement, look };
    if (judgement.verdict !== 'undecided') return { judgement, look, stoppedBy: 'decided' };
  }
}

/** A later look: its seeds, and the error a check may spend at it. */
export interface LaterLook {
  seeds: number;
  alpha: number;
}

export interface ProjectedInterval {
  estimate: number;
  low: number;
  high: number;
}

const normalQuantile = (p: number) => studentTQuantile(p, 1e6);

/**
 * How many seeds would settle an undecided question: a projection, not a promise. Keep the estimate,
 * shrink each side of the interval like 1/sqrt(n) and widen it by the ratio of the normal quantiles of
 * the later look's level to this one's; the first later look whose projected interval `decides` is the
 * answer, or null when none in `later` does.
 */
export function projectSettleSeeds(interval: ProjectedInterval, now: LaterLook, later: readonly LaterLook[], decides: (projected: ProjectedInterval) => boolean): number | null {
  const { estimate, low, high } = interval;
  const zNow = normalQuantile(1 - now.alpha / 2);
  for (const look of later) {
    const shrink = Math.sqrt(now.seeds / look.seeds) * (normalQuantile(1 - look.alpha / 2) / zNow);
    if (decides({ estimate, low: estimate - (estimate - low) * shrink, high: estimate + (high - estimate) * shrink })) return look.seeds;
  }
  return null;
}
