/**
 * VALIDATION.md T5, under optional stopping. Each case puts the claim's bound on the truth, the hardest
 * case for a run that stops as soon as an interval decides: an interval that excludes the bound is then
 * exactly one that misses the truth, so the run stops on a miss and goes on otherwise. The reported
 * interval (the last look's) must cover the truth in [0.93, 0.97] of 1000 runs; the same looks at a
 * plain 95% each (what "add seeds until it is significant" does) must fall short of 0.93.
 *
 * 1. The sequential module alone, with exact per-look intervals (Student t on normal data), four looks
 *    at 20, 40, 80 and 160: this measures the spending and the stopping, nothing else.
 * 2. The facts' own path (a paired check, the percentile bootstrap at each look's level) on T5's pairs,
 *    A ~ Exp(1) and B = 1.1·A, where mean(B) - mean(A) = 0.1, two looks at 50 and 100 seeds.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams, standardNormal, studentTQuantile, type UniformSource } from '../../../sim/index.ts';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import type { FactVerdict } from '../../../harness/facts/claim.ts';
import { evaluateCheck } from '../../../harness/facts/evaluate.ts';
import type { PairedCheck } from '../../../harness/facts/fact.ts';
import { settleSequentially, type Look, type SequentialPlan } from '../../../harness/facts/sequential.ts';
import { A, B, lookOver, syntheticRecord } from './synthetic.ts';

const REPETITIONS = 1000;

interface Reported {
  low: number;
  high: number;
  verdict: FactVerdict;
}

/** Runs REPETITIONS sequential runs; `judge` sees the data so far and the look's error. */
async function coverage<T>(
  plan: SequentialPlan,
  truth: number,
  fresh: () => T,
  grow: (data: T, seeds: number) => void,
  judge: (data: T, look: Look) => Reported,
): Promise<{ coverage: number; stoppedEarly: number }> {
  let covered = 0;
  let stoppedEarly = 0;
  for (let rep = 0; rep < REPETITIONS; rep++) {
    const data = fresh();
    let reported: Reported | null = null;
    const outcome = await settleSequentially(
      plan,
      (look) => (reported = judge(data, look)),
      async (seeds) => {
        grow(data, seeds);
        return true;
      },
    );
    const { low, high } = reported as unknown as Reported;
    if (low <= truth && truth <= high) covered++;
    if ((outcome.look?.seeds ?? 0) < plan.maxSeeds) stoppedEarly++;
  }
  return { coverage: covered / REPETITIONS, stoppedEarly };
}

describe('sequential intervals under optional stopping', () => {
  it('1: exact per-look intervals with the spending cover in [0.93, 0.97]; a plain 95% at each look does not', async () => {
    const plan: SequentialPlan = { initialSeeds: 20, maxSeeds: 160, alpha: 0.05 };
    const truth = 0.1;
    const t = (draws: UniformSource, alphaOf: (look: Look) => number) =>
      coverage(
        plan,
        truth,
        () => [] as number[],
        (xs, seeds) => {
          while (xs.length < seeds) xs.push(truth + standardNormal(draws));
        },
        (xs, look) => {
          const sample = xs.slice(0, look.seeds);
          const mean = sample.reduce((s, x) => s + x, 0) / sample.length;
          const sd = Math.sqrt(sample.reduce((s, x) => s + (x - mean) ** 2, 0) / (sample.length - 1));
          const half = (studentTQuantile(1 - alphaOf(look) / 2, sample.length - 1) * sd) / Math.sqrt(sample.length);
          const [low, high] = [mean - half, mean + half];
          return { low, high, verdict: low > truth || high <= truth ? 'pass' : 'undecided' };
        },
      );
    const sequential = await t(new RandomStreams('facts-coverage/t').get('sample'), (look) => look.alpha);
    const naive = await t(new RandomStreams('facts-coverage/t-naive').get('sample'), () => 0.05);
    console.log(`t intervals, looks 20..160: sequential coverage ${sequential.coverage.toFixed(3)} (${sequential.stoppedEarly} stopped early); plain 95% ${naive.coverage.toFixed(3)}`);
    expect(sequential.coverage).toBeGreaterThanOrEqual(0.93);
    expect(sequential.coverage).toBeLessThanOrEqual(0.97);
    expect(naive.coverage).toBeLessThan(0.93);
  });

  it('2: the facts paired bootstrap at the looks levels covers in [0.93, 0.97]; a plain 95% at each look does not', async () => {
    const plan: SequentialPlan = { initialSeeds: 50, maxSeeds: 100, alpha: 0.05 };
    const truth = 0.1;
    const check: PairedCheck = { kind: 'paired', label: 'difference', a: { arm: A, metric: 'X' }, b: { arm: B, metric: 'X' }, stat: 'mean', claim: { op: '>', bound: truth } };
    const bootstrap = (name: string, alphaOf: (look: Look) => number) => {
      const draws = new RandomStreams(`facts-coverage/${name}`).get('sample');
      let run = 0;
      return coverage(
        plan,
        truth,
        () => ({ run: run++, records: new Map<string, EpisodeRecord[]>([['a', []], ['b', []]]) }),
        ({ records }, seeds) => {
          for (let seed = (records.get('a') as EpisodeRecord[]).length + 1; seed <= seeds; seed++) {
            const a = -Math.log(1 - draws.next());
            records.get('a')?.push(syntheticRecord('a', seed, { X: a }));
            records.get('b')?.push(syntheticRecord('b', seed, { X: 1.1 * a }));
          }
        },
        (data, look) => {
          const result = evaluateCheck(check, lookOver(data.records, look.seeds, alphaOf(look), `${name}/${data.run}/${look.look}`));
          return { low: result.low as number, high: result.high as number, verdict: result.verdict };
        },
      );
    };
    const sequential = await bootstrap('bootstrap', (look) => look.alpha);
    const naive = await bootstrap('bootstrap-naive', () => 0.05);
    console.log(`paired bootstrap, looks 50 and 100: sequential coverage ${sequential.coverage.toFixed(3)} (${sequential.stoppedEarly} stopped early); plain 95% ${naive.coverage.toFixed(3)}`);
    expect(sequential.coverage).toBeGreaterThanOrEqual(0.93);
    expect(sequential.coverage).toBeLessThanOrEqual(0.97);
    expect(naive.coverage).toBeLessThan(0.93);
  }, 120_000);
});
