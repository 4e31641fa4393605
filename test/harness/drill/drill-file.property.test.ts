/**
 * Malformed drill files, generated from a valid one by deleting fields, putting hostile values in them
 * and misspelling keys: loading one never throws anything but a DrillFileError (bad input, exit 64),
 * never hangs, and every problem line names the file and a place in it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DrillFileError, loadDrill } from '../../../harness/drill/drill-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'execdrill-drill-prop-'));
const toRoot = relative(dir, process.cwd());
const BASE: Record<string, unknown> = {
  name: 'generated',
  scenarios: [join(toRoot, 'test/fixtures/scenarios/tiny-gap.yaml')],
  policies: ['naive', 'gap-recovery'],
  params: { 'gap-recovery': { confidenceThreshold: [0.8, 0.9] } },
  seeds: '1..4',
  workers: 1,
  out: 'out',
  level: 0.9,
  resamples: 500,
  gates: ['no invariant violations', 'gap-recovery beats naive at p95 with 90% confidence', { metric: 'COMPLETION', stat: 'mean', policy: 'gap-recovery', min: 0.9, confidence: false }],
};
const hostile = fc.constantFrom<unknown>(null, -1, 0, 1e300, '', [], {}, 'x'.repeat(3_000), '\u001b[2J', '5..1', '1..1e12', [1, 1], 'no-such-policy', 'p101(IS_BPS) of naive <= 1');

describe('malformed drill files', () => {
  it('the base drill loads', () => {
    writeFileSync(join(dir, 'base.yaml'), stringify(BASE));
    expect(loadDrill(join(dir, 'base.yaml')).request.policies).toEqual(['naive', 'gap-recovery']);
  });

  it('refuse a baseline that is not one of their policies and a scenario path that is a directory, naming the field', () => {
    writeFileSync(join(dir, 'wrong-names.yaml'), stringify({ ...BASE, baseline: 'nobody', scenarios: [toRoot || '.'] }));
    const problems = (() => {
      try {
        loadDrill(join(dir, 'wrong-names.yaml'));
      } catch (error) {
        return (error as DrillFileError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([
      expect.stringMatching(/wrong-names\.yaml:\d+:\d+: scenarios\[0\]: .* is not a file$/),
      expect.stringMatching(/wrong-names\.yaml:\d+:\d+: baseline: nobody is not one of the drill's policies \(naive, gap-recovery\)$/),
    ]);
  });

  it('fail only as bad input, at once, with every problem located (property)', () => {
    const keys = Object.keys(BASE);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.constant<'delete' | 'typo'>('delete'), fc.constant<'delete' | 'typo'>('typo'), hostile)), { minLength: 1, maxLength: 3 }), (mutations) => {
        const drill: Record<string, unknown> = structuredClone(BASE);
        for (const [key, change] of mutations) {
          if (!(key in drill)) continue;
          if (change === 'delete') delete drill[key];
          else if (change === 'typo') {
            drill[`${key.slice(0, -1)}`] = drill[key];
            delete drill[key];
          } else drill[key] = change;
        }
        const file = join(dir, 'gen.yaml');
        writeFileSync(file, stringify(drill));
        const started = performance.now();
        try {
          loadDrill(file);
        } catch (error) {
          expect(error).toBeInstanceOf(DrillFileError);
          for (const problem of (error as DrillFileError).problems) expect(problem.startsWith(`${file}:`) || problem.startsWith(`${file}: `), problem).toBe(true);
        }
        expect(performance.now() - started).toBeLessThan(3_000);
      }),
      { numRuns: 150 },
    );
  });
});
