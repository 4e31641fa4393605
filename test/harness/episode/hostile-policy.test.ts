import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../harness/episode/policy-loader.ts';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import type { EpisodeSpec } from '../../../harness/episode/record.ts';
import { runWorld } from '../../../harness/episode/world.ts';
import { PolicyFault } from '../../../harness/router/policy-guard.ts';
import { loadScenarioFile } from '../../../harness/scenario/index.ts';
import { normalDecision, type PolicyDefinition } from '../../../policies/index.ts';

const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';
const HOSTILE = 'test/fixtures/policies/hostile';
const spec = (policy: string, extra: Partial<EpisodeSpec> = {}): EpisodeSpec => ({ scenarioFile: TINY, policy, params: {}, seed: 3, ...extra });

describe('an episode with a hostile policy', () => {
  beforeAll(async () => {
    for (const name of ['writes-observation', 'malformed-decision', 'throws-null', 'async-decide']) await loadPolicy(`${HOSTILE}/${name}.ts`);
  });

  it.each([
    ['writes-observation', "at 5.250 s wrote to its observation (Cannot assign to read only property 'bestBidTicks')"],
    ['malformed-decision', 'at 5.250 s returned a malformed decision: decision.participationScale = NaN: expected a finite number >= 0; decision.childQtyMaxShares = 0'],
    ['throws-null', 'at 5.250 s threw null'],
    ['async-decide', 'at 2.000 s returned a malformed decision: decide returned a Promise'],
  ])('%s gives a failed record of kind policy, with its replay command', (name, message) => {
    const record = runEpisode(spec(`${HOSTILE}/${name}.ts`));
    expect(record.status).toBe('failed');
    expect(record.error?.kind).toBe('policy');
    expect(record.error?.message).toContain(`policy ${name} ${message}`);
    expect(record.replay).toBe(`npx execdrill run --scenario ${TINY} --policy ${HOSTILE}/${name}.ts --seed 3`);
  });

  it('a shadow that fails is reported in the record and leaves the acting runs exactly as without it', () => {
    const alone = runEpisode(spec('gap-recovery'));
    const shadowed = runEpisode(spec('gap-recovery', { shadowPolicy: `${HOSTILE}/throws-null.ts` }));
    expect(shadowed.status).toBe('ok');
    expect(shadowed.traceHash).toBe(alone.traceHash);
    expect(shadowed.metrics).toEqual(alone.metrics);
    expect(shadowed.shadow?.failure).toEqual({ atNs: 5_250_000_000, message: 'policy throws-null at 5.250 s threw null' });
    // The shadow decided until its fault (decisions every 250 ms from 2 s), then no more.
    expect(shadowed.shadow?.decisions).toBe(13);
  });

  it('a --param that makes a bundled policy decide a child size of 0 fails the episode instead of hanging it', () => {
    const record = runEpisode(spec('naive', { params: { childQtyMaxShares: 0 } }));
    expect(record.error?.kind).toBe('policy');
    expect(record.error?.message).toContain('decision.childQtyMaxShares = 0: expected a whole number of shares >= 1');
  });

  it('any hostile value a policy puts in any decision field at any decision stops the run there and names the field (property)', () => {
    const loaded = loadScenarioFile(TINY);
    if (!loaded.ok) throw new Error(`${TINY} does not load`);
    const fields = ['regime', 'participationScale', 'catchupCap', 'childQtyMaxShares', 'placement', 'pause', 'serialize', 'gatewayWeights'] as const;
    const values = fc.constantFrom<unknown>(Number.NaN, -Infinity, -3, 0.5, null, [], Promise.resolve(0), { nosuchgateway: 1 });
    fc.assert(
      fc.property(fc.constantFrom(...fields), values, fc.integer({ min: 0, max: 150 }), (field, value, breakAt) => {
        let decisions = 0;
        const hostile: PolicyDefinition = {
          name: 'generated',
          version: '0',
          summary: '',
          source: 'test',
          defaults: {},
          create: () => ({
            name: 'generated',
            version: '0',
            decide: () => ({ ...normalDecision('GO', 200), ...(decisions++ === breakAt ? { [field]: value } : {}) }),
          }),
        };
        const started = performance.now();
        let fault: unknown;
        try {
          runWorld(loaded.scenario, TINY, hostile, {}, 1, 'incident');
        } catch (error) {
          fault = error;
        }
        expect(performance.now() - started).toBeLessThan(20_000);
        expect(fault).toBeInstanceOf(PolicyFault);
        expect((fault as PolicyFault).message).toMatch(new RegExp(`decision(\\.${field}\\b|\\.gatewayWeights names| returned a Promise)`));
        expect(decisions).toBe(breakAt + 1);
      }),
      { numRuns: 16 },
    );
  });
});
