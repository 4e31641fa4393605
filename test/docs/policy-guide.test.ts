// The worked example of docs/POLICIES.md does what the page says: it keeps the policy contract, and in an episode
// with a disconnect it discounts (or serializes), ramps back, and returns to NORMAL, in that order.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../harness/episode/policy-loader.ts';
import { runEpisode } from '../../harness/episode/run-episode.ts';
import { checkPolicyContract, resolveParams } from '../../policies/index.ts';
import { noisyObservations } from '../policies/arbitraries.ts';
import { docExample, ROOT } from './doc-examples.ts';

const FILE = join(ROOT, 'test/.generated/policy-guide/confidence-ramp.ts');

describe('the worked example of docs/POLICIES.md', () => {
  mkdirSync(join(ROOT, 'test/.generated/policy-guide'), { recursive: true });
  writeFileSync(FILE, docExample('docs/POLICIES.md', 'policy-guide'));

  it('keeps the policy contract: deterministic, reads only the observation, never changes it, well-formed decisions', async () => {
    const { definition } = await loadPolicy(FILE);
    fc.assert(
      fc.property(noisyObservations(60), (observations) => {
        expect(checkPolicyContract(definition, resolveParams(definition), observations)).toEqual([]);
      }),
      { numRuns: 30, seed: 17 },
    );
  });

  it('meets a disconnect by discounting or serializing, then ramps back to NORMAL', async () => {
    await loadPolicy(FILE);
    const record = runEpisode({ scenarioFile: 'test/fixtures/scenarios/tiny-gap.yaml', policy: FILE, params: {}, seed: 1 });
    expect(record.status).toBe('ok');
    const regimes = record.timeline.regimes.map((r) => r.regime);
    expect(regimes[0]).toBe('NORMAL');
    const trouble = regimes.findIndex((r) => r === 'DISCOUNTED' || r === 'SERIALIZED');
    expect(trouble).toBeGreaterThan(0);
    const ramp = regimes.indexOf('RAMP', trouble);
    expect(ramp).toBeGreaterThan(trouble);
    expect(regimes.indexOf('NORMAL', ramp)).toBeGreaterThan(ramp);
    expect(record.invariants.every((i) => i.ok)).toBe(true);
  });
});
