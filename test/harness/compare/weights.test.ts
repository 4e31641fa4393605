/** Comparisons weigh records by the importance weights they carry (tail sampling), and refuse to mix weighted and unweighted ones. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  pairedWeightedBootstrapDifference,
  RandomStreams,
  weightedBootstrapInterval,
  weightedQuantileStatistic,
  weightedStatisticOf,
  weightedExpectedShortfallStatistic,
} from '../../../sim/index.ts';
import { groupRecords } from '../../../harness/compare/columns.ts';
import { compareRecords } from '../../../harness/compare/comparison.ts';
import { buildGate, type DrillIssue } from '../../../harness/drill/gate-grammar.ts';
import type { Gate } from '../../../harness/drill/gate.ts';
import { effectiveSeeds, pairedWeightsOf, weightsOf } from '../../../harness/compare/weights.ts';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import { UsageError } from '../../../harness/errors.ts';
import { readRecordsFile } from '../../../harness/sweep/records.ts';
import { record } from './records.ts';

const P = 0.05;
const Q = 0.5;
/** The fault occurs on odd seeds (the proposal's half); it costs naive 20 bps and the candidate 12. */
const occurred = (seed: number) => seed % 2 === 1;
const weighted = (r: EpisodeRecord): EpisodeRecord => {
  const happened = occurred(r.seed);
  return { ...r, importanceWeight: { weight: happened ? P / Q : (1 - P) / (1 - Q), faults: [{ index: 0, p: P, q: Q, occurred: happened }] } };
};
const cost = (seed: number, extra: number) => 1 + ((seed * 7) % 10) / 10 + (occurred(seed) ? extra + ((seed * 3) % 5) : 0);

function records(seeds: number, weigh: (seed: number) => boolean = () => true): EpisodeRecord[] {
  return Array.from({ length: seeds }, (_, i) => i + 1).flatMap((seed) => {
    const both = [record('naive', seed, { IS_BPS: cost(seed, 20), IS_FO_BPS: cost(seed, 20), IS_CONTROL_BPS: 1 }), record('candidate', seed, { IS_BPS: cost(seed, 12), IS_FO_BPS: cost(seed, 12), IS_CONTROL_BPS: 1 })];
    return weigh(seed) ? both.map(weighted) : both;
  });
}

const options = { baseline: 'naive', objective: 'p95' as const, level: 0.95, resamples: 200, seed: 1 };

describe('importance weights of records', () => {
  it('reads every record\'s weight, none when no record carries one, and refuses a mix', () => {
    const all = records(10).filter((r) => r.policy.name === 'naive');
    expect(weightsOf(all)).toEqual(all.map((r) => r.importanceWeight?.weight));
    expect(weightsOf(records(10, () => false))).toBeUndefined();
    expect(() => weightsOf(records(10, (seed) => seed > 2))).toThrow(UsageError);
    expect(() => weightsOf(records(10, (seed) => seed > 2))).toThrow(/16 of 20 records carry importance weights \(tailSampling\) and 4 do not/);
    const other = all.map((r) => ({ ...r, importanceWeight: { weight: 1, faults: [] } }));
    expect(() => pairedWeightsOf(all, other)).toThrow(/paired records must come from one tail-sampling design/);
    expect(effectiveSeeds([1, 1, 1, 1])).toBe(4);
  });

  it('estimates the tail columns and the paired differences with the weights, and says so in a note', () => {
    const all = records(100);
    const comparison = compareRecords([{ path: 'w', records: all, expected: null }], options).scenarios[0];
    const naive = all.filter((r) => r.policy.name === 'naive');
    const candidate = all.filter((r) => r.policy.name === 'candidate');
    const weights = naive.map((r) => r.importanceWeight?.weight as number);
    const values = (rs: EpisodeRecord[]) => rs.map((r) => r.metrics.IS_BPS as number);
    const column = comparison.columns.find((c) => c.label === 'naive');
    expect(column?.IS_BPS?.p99).toBe(weightedStatisticOf(weightedQuantileStatistic(0.99), values(naive), weights));
    expect(column?.IS_BPS?.cvar95).toBe(weightedStatisticOf(weightedExpectedShortfallStatistic(0.95), values(naive), weights));
    expect(column?.IS_BPS?.importanceWeighted?.effectiveSeeds).toBeCloseTo(effectiveSeeds(weights), 12);
    const p99 = comparison.differences.find((d) => d.metric === 'IS_BPS' && d.stat === 'p99');
    const rng = new RandomStreams(1).get(`compare.diff.fix-resend#hash-fix-resend.candidate.IS_BPS.p99`);
    const expected = pairedWeightedBootstrapDifference(values(naive), values(candidate), weights, weightedQuantileStatistic(0.99), { rng, level: 0.95, resamples: 200 });
    expect(p99).toMatchObject({ estimate: expected.estimate, low: expected.low, high: expected.high });
    expect(p99?.importanceWeighted).toBeDefined();
    expect(comparison.notes.some((note) => /importance weights \(tailSampling\)/.test(note))).toBe(true);
  });

  it('leaves unweighted records as they were: no weighted fields, no note', () => {
    const comparison = compareRecords([{ path: 'u', records: records(40, () => false), expected: null }], options).scenarios[0];
    expect(comparison.columns[0].IS_BPS).not.toHaveProperty('importanceWeighted');
    expect(comparison.differences[0]).not.toHaveProperty('importanceWeighted');
    expect(comparison.notes).toEqual([]);
  });

  it('refuses a scenario whose records mix weighted and unweighted episodes', () => {
    expect(() => compareRecords([{ path: 'm', records: records(40, (seed) => seed <= 20), expected: null }], options)).toThrow(UsageError);
  });

  it('refuses a records file whose importance weight is not a finite weight above 0, naming the file, line and field', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'execdrill-weights-')), 'episodes.jsonl');
    const write = (bad: unknown) => {
      const lines = records(2).map((r, i) => (i === 1 ? { ...r, importanceWeight: bad } : r));
      writeFileSync(path, lines.map((r) => JSON.stringify(r)).join('\n'));
    };
    write({ weight: 0.5, faults: [] });
    expect(readRecordsFile(path)).toHaveLength(4);
    write({ weight: -1, faults: [] });
    expect(() => readRecordsFile(path)).toThrow(new UsageError(`${path}:2: importanceWeight.weight is -1, expected a finite number above 0 (the seed's likelihood ratio)`));
    write({ weight: '0.5', faults: [] });
    expect(() => readRecordsFile(path)).toThrow(/:2: importanceWeight\.weight is "0\.5"/);
    write({ weight: 0.5 });
    expect(() => readRecordsFile(path)).toThrow(/:2: importanceWeight\.faults is missing/);
    write(7);
    expect(() => readRecordsFile(path)).toThrow(/:2: importanceWeight is 7, expected \{ weight, faults \}/);
  });

  it('judges a threshold gate on the weighted statistic and its weighted interval, and its point estimate on the weighted statistic', () => {
    const all = records(200);
    const naive = all.filter((r) => r.policy.name === 'naive');
    const values = naive.map((r) => r.metrics.IS_FO_BPS as number);
    const weights = naive.map((r) => r.importanceWeight?.weight as number);
    const issues: DrillIssue[] = [];
    const gate = (text: unknown) => buildGate(text, 'gates[0]', { file: 'drill.yaml', level: 0.95, policies: ['naive', 'candidate'] }, issues) as Gate;
    const context = { groups: groupRecords([{ path: 'w', records: all }]), bootstrap: { level: 0.95, resamples: 200, seed: 1 }, look: null };
    const [judged] = gate('p95(IS_FO_BPS) of naive <= 100').evaluate(context);
    const rng = new RandomStreams(1).get('drill.gates[0].fix-resend.naive');
    const expected = weightedBootstrapInterval(values, weights, weightedQuantileStatistic(0.95), { rng, level: 0.95, resamples: 200 });
    expect(judged).toMatchObject({ status: 'pass', estimate: expected.estimate, low: expected.low, high: expected.high, seeds: 200 });
    const [point] = gate({ metric: 'IS_FO_BPS', stat: 'p95', policy: 'naive', max: 100, confidence: false }).evaluate(context);
    expect(point.estimate).toBe(weightedStatisticOf(weightedQuantileStatistic(0.95), values, weights));
    expect(issues).toEqual([]);
  });
});
