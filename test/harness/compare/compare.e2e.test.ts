/**
 * `execdrill compare` through the real CLI on records of the fake runner: the table and the JSON show
 * what the fixture scenario was built to show (gap-recovery cheaper than naive, freeze-until-clean no
 * different, the tuning optimum at confidenceThreshold 0.9, two versions side by side), and its figures
 * agree with the records computed independently.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../harness/compare/comparison.ts';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import { quantile } from '../../../sim/index.ts';
import { execdrill, FAKE_RUNNER, SCENARIOS, temporaryDirectory } from '../sweep/cli.ts';

let out: string;
let records: EpisodeRecord[];

beforeAll(() => {
  out = join(temporaryDirectory('compare'), 'sweep');
  const sweep = execdrill([
    'sweep',
    '--scenario', `${SCENARIOS}/fix-resend.yaml`,
    '--policy', 'naive', '--policy', 'gap-recovery', '--policy', 'gap-recovery@2.0.0', '--policy', 'freeze-until-clean',
    '--param', 'gap-recovery:confidenceThreshold=0.8,0.9,0.95',
    '--seeds', '1..60', '--runner', FAKE_RUNNER, '--workers', '2', '--out', out,
  ]);
  expect(sweep.status).toBe(0);
  records = readFileSync(join(out, 'episodes.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
});

const values = (label: (r: EpisodeRecord) => boolean, metric: string) => records.filter(label).map((r) => r.metrics[metric] as number);

describe('compare', () => {
  it('prints policies side by side, the differences with their verdicts, and says when one is not significant', () => {
    const result = execdrill(['compare', out]);
    expect(result.status).toBe(0);
    const table = result.stdout;
    expect(table).toContain('== fix-resend (test/fixtures/sweep/scenarios/fix-resend.yaml');
    expect(table).toMatch(/^IS_BPS p95 +[\d.]+/m);
    expect(table).toContain('Difference from naive');
    const differences = table.slice(table.indexOf('Difference from naive'));
    const row = (name: string) => differences.split('\n').find((line) => line.startsWith(`${name} `)) ?? '';
    expect(row('IS_BPS p95')).toMatch(/better.*better.*better.*better.*not significant\s*$/);
    expect(table).toContain('not significant: the interval contains 0');
    expect(table).toContain('Tuning gap-recovery@1.0.0 on p95(IS_FO_BPS), lowest first:');
  });

  it('gives the same comparison as JSON, its figures those of the records', () => {
    const result = execdrill(['compare', out, '--json']);
    expect(result.status).toBe(0);
    const comparison: Comparison = JSON.parse(result.stdout);
    expect(comparison.schema).toBe('execdrill.compare/1');
    const [scenario] = comparison.scenarios;
    expect(scenario.baseline).toBe('naive');
    expect(scenario.columns.map((column) => column.label)).toEqual([
      'naive',
      'gap-recovery@1.0.0[confidenceThreshold=0.8]',
      'gap-recovery@1.0.0[confidenceThreshold=0.9]',
      'gap-recovery@1.0.0[confidenceThreshold=0.95]',
      'gap-recovery@2.0.0',
      'freeze-until-clean',
    ]);
    const naive = scenario.columns[0];
    const isNaive = (r: EpisodeRecord) => r.policy.name === 'naive';
    expect(naive.IS_BPS?.p95).toBeCloseTo(quantile(values(isNaive, 'IS_BPS'), 0.95), 12);
    expect(naive.FETL_BPS?.estimate).toBeCloseTo(quantile(values(isNaive, 'IS_BPS'), 0.95) - quantile(values(isNaive, 'IS_CONTROL_BPS'), 0.95), 12);
    const verdict = (candidate: string, metric: string, stat: string) =>
      scenario.differences.find((d) => d.candidate === candidate && d.metric === metric && d.stat === stat)?.verdict;
    expect(verdict('gap-recovery@2.0.0', 'IS_FO_BPS', 'p95')).toBe('better');
    expect(verdict('freeze-until-clean', 'IS_BPS', 'p95')).toBe('not significant');
  });

  it('ranks tuning settings on the tail objective, the fixture optimum first', () => {
    for (const objective of ['p95', 'p99']) {
      const comparison: Comparison = JSON.parse(execdrill(['compare', out, '--json', '--objective', objective]).stdout);
      const [ranking] = comparison.scenarios[0].tuning;
      expect(ranking).toMatchObject({ policy: 'gap-recovery@1.0.0', metric: 'IS_FO_BPS', stat: objective });
      expect(ranking.settings[0].params).toEqual({ confidenceThreshold: 0.9 });
      expect(ranking.settings.map((setting) => setting.rank)).toEqual([1, 2, 3]);
    }
  });

  it('rejects a baseline that names several columns, listing them', () => {
    const result = execdrill(['compare', out, '--baseline', 'gap-recovery']);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('--baseline gap-recovery matches 4 columns');
  });

  it.each([
    ['a seed that is not a number', (r: EpisodeRecord) => ({ ...r, seed: 'x' }), 'seed is "x", expected a whole number >= 0'],
    ['a metric that is not a number', (r: EpisodeRecord) => ({ ...r, metrics: { ...r.metrics, IS_BPS: 'abc' } }), 'metrics.IS_BPS is "abc", expected a number (or null: not applicable)'],
    ['a policy without its name', (r: EpisodeRecord) => ({ ...r, policy: { version: '1' } }), 'policy is {"version":"1"}, expected { name, version, sourceHash, params }'],
  ])('refuses a record with %s, naming the file, line and field, instead of leaving it out of the pairs', (_, edit, message) => {
    const file = join(temporaryDirectory('compare-bad'), 'episodes.jsonl');
    writeFileSync(file, records.map((r, i) => JSON.stringify(i === 2 ? edit(r) : r)).join('\n'));
    const result = execdrill(['compare', file]);
    expect(result.status).toBe(64);
    expect(result.stderr).toBe(`execdrill: ${file}:3: ${message}\n`);
  });
});
