/** Comparisons resample within the strata the records carry, and whole when records do not all carry one design. */
import { describe, expect, it } from 'vitest';
import { meanStatistic, pairedBootstrapDifference, RandomStreams } from '../../../sim/index.ts';
import { groupRecords } from '../../../harness/compare/columns.ts';
import { pairedDifference } from '../../../harness/compare/differences.ts';
import { pairedStrataOf, strataOf } from '../../../harness/compare/strata.ts';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import { record } from './records.ts';

const K = 4;
const stratified = (r: EpisodeRecord, stratum: number, count = K): EpisodeRecord => ({ ...r, faultTimeStrata: { count, stratum, faults: [{ index: 0, stratum }] } });
const stratumOf = (seed: number) => (seed * 3) % K;
/** The candidate saves more the later the fault (its stratum), plus a little seed noise. */
const saving = (seed: number) => 2 * stratumOf(seed) + ((seed * 7) % 5) / 10;

function records(seeds: number, strataOn: (seed: number) => boolean = () => true): EpisodeRecord[] {
  return Array.from({ length: seeds }, (_, i) => i + 1).flatMap((seed) => {
    const both = [record('naive', seed, { IS_BPS: 10 }), record('candidate', seed, { IS_BPS: 10 - saving(seed) })];
    return strataOn(seed) ? both.map((r) => stratified(r, stratumOf(seed))) : both;
  });
}

describe('strata of records', () => {
  it('reads each record\'s stratum when every record carries one under the same K, and none otherwise', () => {
    const all = records(8).filter((r) => r.policy.name === 'naive');
    expect(strataOf(all)).toEqual(all.map((r) => stratumOf(r.seed)));
    expect(strataOf([...all, record('naive', 99, { IS_BPS: 1 })])).toBeUndefined();
    expect(strataOf([...all, stratified(record('naive', 99, { IS_BPS: 1 }), 0, 8)])).toBeUndefined();
  });

  it('pairs records only when both sides of every pair were drawn in the same stratum', () => {
    const a = [stratified(record('naive', 1, {}), 0), stratified(record('naive', 2, {}), 1)];
    expect(pairedStrataOf(a, [stratified(record('x', 1, {}), 0), stratified(record('x', 2, {}), 1)])).toEqual([0, 1]);
    expect(pairedStrataOf(a, [stratified(record('x', 1, {}), 0), stratified(record('x', 2, {}), 2)])).toBeUndefined();
  });
});

describe('pairedDifference under stratified fault times', () => {
  const settings = { level: 0.95, resamples: 400, seed: 3 };
  const columnsOf = (rs: EpisodeRecord[]) => {
    const [group] = groupRecords([{ path: 'test', records: rs }]);
    return { naive: group.columns.find((c) => c.label === 'naive')!, candidate: group.columns.find((c) => c.label === 'candidate')! };
  };

  it('resamples the pairs within their strata, as the sim\'s stratified bootstrap does, and so gives a narrower interval', () => {
    const { naive, candidate } = columnsOf(records(32));
    const difference = pairedDifference(naive, candidate, 'IS_BPS', 'mean', settings, 'test.mean');
    const seeds = Array.from({ length: 32 }, (_, i) => i + 1);
    const expected = pairedBootstrapDifference(
      seeds.map(() => 10),
      seeds.map((seed) => 10 - saving(seed)),
      meanStatistic,
      { rng: new RandomStreams(3).get('test.mean'), level: 0.95, resamples: 400, strata: seeds.map(stratumOf) },
    );
    expect([difference.estimate, difference.low, difference.high]).toEqual([expected.estimate, expected.low, expected.high]);
    const whole = columnsOf(records(32, () => false));
    const plain = pairedDifference(whole.naive, whole.candidate, 'IS_BPS', 'mean', settings, 'test.mean');
    expect(plain.estimate).toBeCloseTo(difference.estimate as number, 12);
    expect((difference.high as number) - (difference.low as number)).toBeLessThan(0.5 * ((plain.high as number) - (plain.low as number)));
  });

  it('resamples whole when some records carry no stratum (an older sweep merged in)', () => {
    const { naive, candidate } = columnsOf(records(32, (seed) => seed !== 5));
    const whole = columnsOf(records(32, () => false));
    expect(pairedDifference(naive, candidate, 'IS_BPS', 'p95', settings, 't')).toEqual(pairedDifference(whole.naive, whole.candidate, 'IS_BPS', 'p95', settings, 't'));
  });
});
