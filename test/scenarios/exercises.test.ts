import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPolicyContract, resolveParams } from '../../policies/index.ts';
import { loadPolicy } from '../../harness/episode/policy-loader.ts';
import { loadDrill, runDrill } from '../../harness/drill/index.ts';
import { noisyObservations } from '../policies/arbitraries.ts';

const EXERCISES = 'scenarios/exercises';
const STARTER = `./${EXERCISES}/my-policy.ts`;
const SOLUTIONS = ['hold-and-reconcile', 'steady-through-gaps'].map((name) => `./${EXERCISES}/solutions/${name}.ts`);

describe('learn-by-drilling exercises (scenarios/exercises/README.md)', () => {
  const out = mkdtempSync(join(tmpdir(), 'execdrill-exercises-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const path of [STARTER, ...SOLUTIONS]) {
    it(`${path} loads as a policy and keeps the policy contract`, async () => {
      const { definition } = await loadPolicy(path);
      fc.assert(
        fc.property(noisyObservations(60), (observations) => {
          expect(checkPolicyContract(definition, resolveParams(definition), observations)).toEqual([]);
        }),
        { numRuns: 20, seed: 11 },
      );
    });
  }

  it('every exercise drill file validates, and names the starter policy where the learner is checked', () => {
    const close = loadDrill(`${EXERCISES}/beat-naive-close.yaml`);
    // Policy paths in a drill file are relative to it: ./my-policy.ts beside the drill.
    expect(close.request.policies).toEqual(['naive', `${EXERCISES}/my-policy.ts`]);
    expect(close.request.scenarios).toEqual(['scenarios/002-fix-gap-resend-close.yaml']);
    const queue = loadDrill(`${EXERCISES}/queue-reset.yaml`);
    expect(queue.request.policies).toEqual(['naive', 'cancel-all-on-reconnect']);
    const solution = loadDrill(`${EXERCISES}/solutions/beat-naive-close.yaml`);
    expect(solution.request.scenarios).toEqual(close.request.scenarios);
    expect(solution.request.seeds).toEqual(close.request.seeds);
  });

  it('the close exercise fails for the untouched starter: a copy of naive cannot beat naive (one seed)', async () => {
    const drill = loadDrill(`${EXERCISES}/beat-naive-close.yaml`);
    const run = await runDrill({ ...drill, request: { ...drill.request, seeds: [1] } }, { workers: 1, out: join(out, 'close') });
    const beats = run.outcomes.find((o) => o.gate.includes('beats naive'));
    expect(beats?.status).not.toBe('pass');
    expect(run.outcomes.filter((o) => o.gate === 'no invariant violations').every((o) => o.status === 'pass')).toBe(true);
    expect(run.exitCode).not.toBe(0);
  }, 60_000);
});
