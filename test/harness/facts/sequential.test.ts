import { describe, expect, it } from 'vitest';
import { settleSequentially, type Judgement, type Look } from '../../../harness/facts/sequential.ts';

/** A judge that decides from `decidesAt` seeds on, and the seed counts it was asked for. */
function scripted(decidesAt: number) {
  const asked: number[] = [];
  const judged: Look[] = [];
  return {
    asked,
    judged,
    judge: (look: Look): Judgement => {
      judged.push(look);
      return { verdict: look.seeds >= decidesAt ? 'pass' : 'undecided' };
    },
    more: (budgetSeeds = Infinity) => async (seeds: number) => {
      asked.push(seeds);
      return seeds <= budgetSeeds;
    },
  };
}

describe('settling by sequential looks', () => {
  it('doubles the seeds until a look decides, each look spending less of the error', async () => {
    const run = scripted(40);
    const outcome = await settleSequentially({ initialSeeds: 10, maxSeeds: 1000, alpha: 0.05 }, run.judge, run.more());
    expect(run.asked).toEqual([10, 20, 40]);
    expect(outcome).toMatchObject({ stoppedBy: 'decided', judgement: { verdict: 'pass' }, look: { look: 3, seeds: 40 } });
    [0.05, 0.0125, 0.05 / 9].forEach((alpha, i) => expect(run.judged[i].alpha).toBeCloseTo((alpha * 6) / Math.PI ** 2, 15));
  });

  it('stops undecided when the next look would pass the cap, with the last look made', async () => {
    const run = scripted(40);
    const outcome = await settleSequentially({ initialSeeds: 10, maxSeeds: 39, alpha: 0.05 }, run.judge, run.more());
    expect(run.asked).toEqual([10, 20]);
    expect(outcome).toMatchObject({ stoppedBy: 'max-seeds', judgement: { verdict: 'undecided' }, look: { seeds: 20 } });
  });

  it('stops when more seeds are refused (a time budget), keeping the last look it could make', async () => {
    const run = scripted(40);
    const outcome = await settleSequentially({ initialSeeds: 10, maxSeeds: 1000, alpha: 0.05 }, run.judge, run.more(15));
    expect(run.judged.map((look) => look.seeds)).toEqual([10]);
    expect(outcome).toMatchObject({ stoppedBy: 'budget', look: { seeds: 10 } });
    const none = scripted(40);
    expect(await settleSequentially({ initialSeeds: 10, maxSeeds: 1000, alpha: 0.05 }, none.judge, none.more(5))).toEqual({ judgement: null, look: null, stoppedBy: 'budget' });
  });
});
