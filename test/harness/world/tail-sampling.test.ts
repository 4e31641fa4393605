import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../sim/index.ts';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import { resolveFaults } from '../../../harness/world/resolve-faults.ts';
import { issuesOf as issuesOfText, scenarioOf as scenarioFromText } from './scenario-text.ts';
import { importanceWeightOf, occurrenceRatio, proposalFaults } from '../../../harness/world/tail-sampling.ts';

// Fault 0 is rare (p = 0.1), fault 1 always happens, fault 2 is even (p = 0.5).
const BASE = `name: tiny-tail
title: A short scenario with rare faults
description: Session faults of probability below 1, small enough for tests.
kind: synthetic
market:
  flow: { model: cst, intensity: 5 }
sessions:
  - { id: s1, gateway: gw1 }
dropCopy: {}
parent: { side: buy, qtyShares: 3000, start: 2s, horizon: 40s }
settle: 2s
faults:
  - { kind: session-disconnect, at: { between: [10s, 18s] }, session: s1, duration: 2s, probability: 0.1 }
  - { kind: drop-copy-down, at: 20s, duration: 2s }
  - { kind: drop-copy-lag, at: 30s, duration: 2s, extraLatency: 1s, probability: 0.5 }
`;

const scenarioOf = (text: string) => scenarioFromText(text, 'tiny-tail.yaml');
const issuesOf = (text: string) => issuesOfText(text, 'tiny-tail.yaml');

describe('tail sampling: importance sampling of fault occurrence', () => {
  const q = 0.9;
  const tilted = scenarioOf(`${BASE}tailSampling: { occurrence: ${q} }\n`);

  it('draws each fault of probability below 1 with the proposal probability, and weighs the seed by target over proposal', () => {
    let rareOccurred = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const faults = resolveFaults(proposalFaults(tilted), new RandomStreams(seed));
      const weight = importanceWeightOf(tilted, faults);
      const resolved = faults.map((fault) => fault.index);
      expect(weight?.faults.map((f) => f.index)).toEqual([0, 2]);
      for (const fault of weight?.faults ?? []) expect(resolved.includes(fault.index)).toBe(fault.occurred);
      expect(resolved).toContain(1);
      const expected = (weight?.faults ?? []).reduce((w, f) => w * occurrenceRatio(f.p, f.q, f.occurred), 1);
      expect(weight?.weight).toBe(expected);
      if (weight?.faults[0].occurred) rareOccurred++;
    }
    // q = 0.9 of 400 seeds: 360 expected, binomial sd 6.
    expect(rareOccurred).toBeGreaterThan(340);
    expect(rareOccurred).toBeLessThan(380);
  });

  it('compares the same draw as without the option, so the seeds where the rare fault occurs are a superset when q > p', () => {
    const plain = scenarioOf(BASE);
    for (let seed = 1; seed <= 200; seed++) {
      const before = resolveFaults(proposalFaults(plain), new RandomStreams(seed)).map((fault) => fault.index);
      const after = resolveFaults(proposalFaults(tilted), new RandomStreams(seed)).map((fault) => fault.index);
      for (const index of before) expect(after).toContain(index);
    }
  });

  it('has weights whose mean is 1 under the proposal (the likelihood ratio of a distribution)', () => {
    let total = 0;
    const seeds = 4000;
    for (let seed = 1; seed <= seeds; seed++) total += importanceWeightOf(tilted, resolveFaults(proposalFaults(tilted), new RandomStreams(seed)))?.weight ?? NaN;
    // Var(w) = E[w^2] - 1 = (0.01/0.9 + 0.81/0.1)(0.25/0.9 + 0.25/0.1) - 1, about 21.6: sd of the mean 0.073.
    expect(Math.abs(total / seeds - 1)).toBeLessThan(0.25);
  });

  it('refuses a proposal outside (0, 1), a scenario with no fault of probability below 1, or strata besides, naming the file and field', () => {
    expect(issuesOf(`${BASE}tailSampling: { occurrence: 1 }\n`)).toEqual([expect.stringMatching(/^tiny-tail\.yaml:16:\d+: tailSampling\.occurrence: expected a proposal probability below 1/)]);
    expect(issuesOf(`${BASE}tailSampling: { occurrence: 0 }\n`)).toEqual([expect.stringMatching(/tailSampling\.occurrence: expected a proposal probability above 0/)]);
    expect(issuesOf(`${BASE}tailSampling: { occurence: 0.5 }\n`)).not.toEqual([]);
    const certain = BASE.replace(', probability: 0.1', '').replace(', probability: 0.5', ', probability: 1');
    expect(issuesOf(`${certain}tailSampling: { occurrence: 0.5 }\n`)).toEqual([expect.stringMatching(/^tiny-tail\.yaml:16:\d+: tailSampling: no fault has a probability between 0 and 1/)]);
    expect(issuesOf(`${BASE}tailSampling: { occurrence: 0.5 }\nfaultTimeStrata: 4\n`)).toEqual([expect.stringMatching(/tailSampling: not combined with faultTimeStrata/)]);
  });
});

describe('episode records under tail sampling', () => {
  const dir = mkdtempSync(join(tmpdir(), 'execdrill-tail-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const plain = file('plain.yaml', BASE);
  const tilted = file('tilted.yaml', `${BASE}tailSampling: { occurrence: 0.9 }\n`);
  const run = (scenarioFile: string, seed: number) => runEpisode({ scenarioFile, policy: 'naive', params: {}, seed });

  it('records no weight without the option, and the seed\'s weight and faults with it', () => {
    expect('tailSampling' in scenarioOf(BASE)).toBe(false);
    const record = run(plain, 3);
    expect(record.status).toBe('ok');
    expect(record).not.toHaveProperty('importanceWeight');
    const weighted = run(tilted, 3);
    const scenario = scenarioOf(`${BASE}tailSampling: { occurrence: 0.9 }\n`);
    expect(weighted.importanceWeight).toEqual(importanceWeightOf(scenario, resolveFaults(proposalFaults(scenario), new RandomStreams(3))));
    expect(weighted.importanceWeight?.faults).toMatchObject([{ index: 0, p: 0.1, q: 0.9 }, { index: 2, p: 0.5, q: 0.9 }]);
    expect(run(tilted, 3).traceHash).toBe(weighted.traceHash);
  });
});
