import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../sim/index.ts';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import { faultTimeStrataOf } from '../../../harness/world/fault-time-strata.ts';
import { resolveFaults } from '../../../harness/world/resolve-faults.ts';
import { issuesOf as issuesOfText, scenarioOf as scenarioFromText } from './scenario-text.ts';

const BASE = `name: tiny-strata
title: A short scenario with random fault times
description: Two session faults drawn from windows, small enough for tests.
kind: synthetic
market:
  flow: { model: cst, intensity: 5 }
sessions:
  - { id: s1, gateway: gw1 }
dropCopy: {}
parent: { side: buy, qtyShares: 3000, start: 2s, horizon: 40s }
settle: 2s
faults:
  - { kind: session-disconnect, at: { between: [10s, 18s] }, session: s1, duration: 2s }
  - { kind: drop-copy-down, at: { between: [20s, 30s] }, duration: 2s }
`;

const scenarioOf = (text: string) => scenarioFromText(text, 'tiny-strata.yaml');
const issuesOf = (text: string) => issuesOfText(text, 'tiny-strata.yaml');

describe('stratified fault times', () => {
  const K = 4;
  const stratified = scenarioOf(`${BASE}faultTimeStrata: ${K}\n`);
  const resolvedFor = (seed: number) => resolveFaults(stratified.faults, new RandomStreams(seed), faultTimeStrataOf(stratified, seed));

  it('puts each random-time fault once in every stratum over a block of K seeds, within the stratum\'s slice of its window', () => {
    for (const block of [0, 1, 2]) {
      const seeds = Array.from({ length: K }, (_, i) => block * K + i + 1);
      stratified.faults.forEach((fault, index) => {
        if (typeof fault.at === 'number') throw new Error('expected a random time');
        const [from, to] = fault.at.between;
        const strata = seeds.map((seed) => {
          const resolved = resolvedFor(seed).find((f) => f.index === index);
          const stratum = faultTimeStrataOf(stratified, seed)?.faults.find((f) => f.index === index)?.stratum;
          if (resolved === undefined || stratum === undefined) throw new Error(`fault ${index} of seed ${seed} has no stratum`);
          const slice = (to - from) / K;
          expect(resolved.atNs).toBeGreaterThanOrEqual(from + stratum * slice - 1);
          expect(resolved.atNs).toBeLessThanOrEqual(from + (stratum + 1) * slice + 1);
          return stratum;
        });
        expect([...strata].sort()).toEqual([0, 1, 2, 3]);
      });
    }
  });

  it('gives each fault its own permutation, so their strata are not locked together', () => {
    const strataOf = (index: number) => Array.from({ length: 8 * K }, (_, i) => faultTimeStrataOf(stratified, i + 1)?.faults.find((f) => f.index === index)?.stratum);
    expect(strataOf(0)).not.toEqual(strataOf(1));
  });

  it('draws the same stratum for a seed whichever other seeds run, and the uniform within it from the seed\'s own stream', () => {
    const unstratified = scenarioOf(BASE);
    for (const seed of [1, 6, 11]) {
      const u = new RandomStreams(seed).get('fault.0.at').next();
      const stratum = faultTimeStrataOf(stratified, seed)?.faults[0].stratum as number;
      const at = (faults: ReturnType<typeof resolvedFor>) => faults.find((f) => f.index === 0)?.atNs;
      expect(at(resolvedFor(seed))).toBe(Math.round(10e9 + ((stratum + u) / K) * 8e9));
      expect(at(resolveFaults(unstratified.faults, new RandomStreams(seed), faultTimeStrataOf(unstratified, seed)))).toBe(Math.round(10e9 + u * 8e9));
    }
  });

  it('refuses strata that are not a whole number from 1 to 64, or that have no random fault time to stratify, naming the file and field', () => {
    expect(issuesOf(`${BASE}faultTimeStrata: 0\n`)).toEqual([expect.stringMatching(/^tiny-strata\.yaml:15:\d+: faultTimeStrata: expected a whole number >= 1/)]);
    expect(issuesOf(`${BASE}faultTimeStrata: 2.5\n`)).toEqual([expect.stringMatching(/^tiny-strata\.yaml:15:\d+: faultTimeStrata: /)]);
    expect(issuesOf(`${BASE}faultTimeStrata: 65\n`)).toEqual([expect.stringMatching(/faultTimeStrata: expected at most 64 strata$/)]);
    const fixedTimes = BASE.replace('at: { between: [10s, 18s] }', 'at: 12s').replace('at: { between: [20s, 30s] }', 'at: 25s');
    expect(issuesOf(`${fixedTimes}faultTimeStrata: 4\n`)).toEqual([expect.stringMatching(/^tiny-strata\.yaml:15:\d+: faultTimeStrata: no fault has a random time/)]);
  });
});

describe('episode records under stratified fault times', () => {
  const dir = mkdtempSync(join(tmpdir(), 'execdrill-strata-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const plain = file('plain.yaml', BASE);
  const one = file('one.yaml', `${BASE}faultTimeStrata: 1\n`);
  const four = file('four.yaml', `${BASE}faultTimeStrata: 4\n`);
  const run = (scenarioFile: string, seed: number) => runEpisode({ scenarioFile, policy: 'naive', params: {}, seed });

  it('leaves a scenario without strata (or with 1) as it was: no strata in its record or its resolved form, the same trace', () => {
    expect('faultTimeStrata' in scenarioOf(BASE)).toBe(false);
    const record = run(plain, 3);
    expect(record.status).toBe('ok');
    expect(record).not.toHaveProperty('faultTimeStrata');
    const withOne = run(one, 3);
    expect(withOne.traceHash).toBe(record.traceHash);
    expect(withOne.metrics).toEqual(record.metrics);
    expect(withOne).not.toHaveProperty('faultTimeStrata');
  });

  it('records K, the stratum the intervals resample by and every random-time fault\'s stratum', () => {
    const record = run(four, 3);
    const expected = faultTimeStrataOf(scenarioOf(`${BASE}faultTimeStrata: 4\n`), 3);
    expect(record.faultTimeStrata).toEqual(expected);
    expect(record.faultTimeStrata).toMatchObject({ count: 4, stratum: expected?.faults[0].stratum, faults: [{ index: 0 }, { index: 1 }] });
    expect(run(four, 3).traceHash).toBe(record.traceHash);
  });
});
