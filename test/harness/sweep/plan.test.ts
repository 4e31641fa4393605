/** The sweep's episode list: seeds and parameter options, canonical order, shard slices, runner resolution. */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../harness/errors.ts';
import { parseParamOption } from '../../../harness/sweep/params.ts';
import { buildSpecs, parseShard, shardIndices } from '../../../harness/sweep/plan.ts';
import { DEFAULT_RUNNER_MODULE, PROJECT_ROOT, resolveRunner } from '../../../harness/sweep/runner-module.ts';
import { parseSeeds } from '../../../harness/sweep/seeds.ts';

describe('parseSeeds', () => {
  it('reads inclusive ranges and lists, in the order written', () => {
    expect(parseSeeds('1..3')).toEqual([1, 2, 3]);
    expect(parseSeeds('7,3,11')).toEqual([7, 3, 11]);
    expect(parseSeeds('5..6, 1')).toEqual([5, 6, 1]);
  });

  it.each([['3..1', 'runs backwards'], ['1..3,2', 'listed twice'], ['1-3', 'expected seeds'], ['-1', 'expected seeds'], ['', 'expected seeds']])(
    'rejects %j (%s)',
    (text, message) => {
      expect(() => parseSeeds(text)).toThrow(UsageError);
      expect(() => parseSeeds(text)).toThrow(message);
    },
  );
});

describe('parseParamOption', () => {
  it('reads a parameter for every policy or for one', () => {
    expect(parseParamOption('confidenceThreshold=0.8,0.9')).toEqual({ policy: null, name: 'confidenceThreshold', values: [0.8, 0.9] });
    expect(parseParamOption('gap-recovery:exitAfterMs=5,10')).toEqual({ policy: 'gap-recovery', name: 'exitAfterMs', values: [5, 10] });
  });

  it.each(['confidenceThreshold', 'x=0.8,high', 'x=', 'x=1,1'])('rejects %j', (text) => {
    expect(() => parseParamOption(text)).toThrow(UsageError);
  });
});

describe('buildSpecs', () => {
  it('refuses a request of more episodes than one manifest can list, before building any', () => {
    const seeds = Array.from({ length: 500_001 }, (_, i) => i);
    const request = { scenarios: ['a.yaml'], policies: ['naive', 'gap-recovery'], params: [], seeds, shadowPolicy: null };
    expect(() => buildSpecs(request)).toThrow(new UsageError('the sweep would hold 1000002 episodes (scenarios x policies x settings x seeds), more than the 1000000 one sweep may hold: fewer seeds, or split the seeds over several sweeps'));
  });

  const request = {
    scenarios: ['a.yaml', 'b.yaml'],
    policies: ['naive', 'gap-recovery'],
    params: [parseParamOption('gap-recovery:z=1,2'), parseParamOption('gap-recovery:a=0.5,0.9')],
    seeds: [4, 2],
    shadowPolicy: null,
  };

  it('orders episodes by scenario, seed, policy, then setting, and sweeps a scoped parameter only for its policy', () => {
    const specs = buildSpecs(request);
    expect(specs).toHaveLength(2 * 2 * (1 + 4));
    expect(specs.slice(0, 6).map((spec) => [spec.seed, spec.policy, spec.params])).toEqual([
      [4, 'naive', {}],
      [4, 'gap-recovery', { a: 0.5, z: 1 }],
      [4, 'gap-recovery', { a: 0.5, z: 2 }],
      [4, 'gap-recovery', { a: 0.9, z: 1 }],
      [4, 'gap-recovery', { a: 0.9, z: 2 }],
      [2, 'naive', {}],
    ]);
    expect(specs[10].scenarioFile).toBe('b.yaml');
  });

  it('gives the same list whatever order the parameter options come in', () => {
    expect(buildSpecs({ ...request, params: [...request.params].reverse() })).toEqual(buildSpecs(request));
  });

  it("runs on a scenario given its own selection only those of the sweep's policies, in the sweep's order", () => {
    const specs = buildSpecs({ ...request, params: [], policiesByScenario: { 'b.yaml': ['gap-recovery'] } });
    expect(specs.map((spec) => [spec.scenarioFile, spec.seed, spec.policy])).toEqual([
      ['a.yaml', 4, 'naive'],
      ['a.yaml', 4, 'gap-recovery'],
      ['a.yaml', 2, 'naive'],
      ['a.yaml', 2, 'gap-recovery'],
      ['b.yaml', 4, 'gap-recovery'],
      ['b.yaml', 2, 'gap-recovery'],
    ]);
  });

  it('rejects a parameter scoped to a policy the sweep does not run, and one given twice', () => {
    expect(() => buildSpecs({ ...request, params: [parseParamOption('freeze:x=1')] })).toThrow('not one of the sweep');
    expect(() => buildSpecs({ ...request, params: [parseParamOption('x=1'), parseParamOption('naive:x=2')] })).toThrow('given twice');
  });
});

describe('shards', () => {
  const specsOf = (scenarios: number, seeds: number, policies: number) =>
    buildSpecs({ scenarios: Array.from({ length: scenarios }, (_, i) => `s${i}.yaml`), policies: Array.from({ length: policies }, (_, i) => `p${i}`), params: [], seeds: Array.from({ length: seeds }, (_, i) => i + 1), shadowPolicy: null });
  const dimensions = [fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 12 })] as const;

  it('partition the episodes: every index in exactly one shard, each shard in canonical order', () => {
    fc.assert(
      fc.property(...dimensions, (scenarios, seeds, policies, count) => {
        const specs = specsOf(scenarios, seeds, policies);
        const all = Array.from({ length: count }, (_, index) => shardIndices(specs, { index, count })).flat();
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: specs.length }, (_, i) => i));
        for (let index = 0; index < count; index++) {
          const slice = shardIndices(specs, { index, count });
          expect(slice).toEqual([...slice].sort((a, b) => a - b));
        }
      }),
    );
  });

  it('keep every policy of a (scenario, seed) in one shard, so the shard reuses its tape and control run', () => {
    fc.assert(
      fc.property(...dimensions, (scenarios, seeds, policies, count) => {
        const specs = specsOf(scenarios, seeds, policies);
        const shardOf = new Map<string, number>();
        for (let index = 0; index < count; index++) {
          for (const i of shardIndices(specs, { index, count })) {
            const group = `${specs[i].scenarioFile}/${specs[i].seed}`;
            expect(shardOf.get(group) ?? index).toBe(index);
            shardOf.set(group, index);
          }
        }
      }),
    );
  });

  it('deal the seeds of each scenario round the shards, so every shard gets a share of every scenario', () => {
    const specs = specsOf(2, 8, 3);
    const slice = shardIndices(specs, { index: 1, count: 4 });
    expect(slice.map((i) => `${specs[i].scenarioFile}:${specs[i].seed}:${specs[i].policy}`)).toEqual(
      ['s0.yaml:2', 's0.yaml:6', 's1.yaml:2', 's1.yaml:6'].flatMap((group) => ['p0', 'p1', 'p2'].map((policy) => `${group}:${policy}`)),
    );
  });

  it('are numbered from 0, like a Kubernetes completion index', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(() => parseShard('4/4')).toThrow('0-based');
    expect(() => parseShard('1of4')).toThrow(UsageError);
    expect(() => parseShard('0/0')).toThrow(new UsageError('--shard 0/0: a sweep is cut into 1 or more shards, not 0'));
  });
});

describe('resolveRunner', () => {
  it('says when the default runner is missing, and how to pass another', () => {
    expect(() => resolveRunner(undefined, PROJECT_ROOT, 'harness/episode/no-such-runner.ts')).toThrow(
      'the default episode runner harness/episode/no-such-runner.ts is not in this package; pass --runner',
    );
  });

  it('names the default runner by its path from the project root', () => {
    expect(resolveRunner(undefined).label).toBe(DEFAULT_RUNNER_MODULE);
  });

  it('names a runner inside the project by its path from the project root, wherever the command runs', () => {
    const runner = resolveRunner('sweep/fake-runner.ts', join(PROJECT_ROOT, 'test/fixtures'));
    expect(runner.label).toBe('test/fixtures/sweep/fake-runner.ts');
    expect(() => resolveRunner('no/such/runner.ts')).toThrow('no such file');
  });
});
