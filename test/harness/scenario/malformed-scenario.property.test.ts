/**
 * Malformed scenario files, generated: a valid scenario with one or a few of its fields deleted,
 * replaced by hostile values (wrong types, NaN, huge and negative numbers, overflowing durations,
 * control characters, long strings), misspelt keys and kinds, and raw hostile YAML (aliases, random
 * bytes). Whatever the file, loading it must not throw or hang, and every problem must say where
 * (path or line) and what is wrong in words; through the CLI, `validate` exits 64 with one such line
 * per problem and no stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatIssue, parseScenario } from '../../../harness/scenario/index.ts';
import { execdrill } from '../sweep/cli.ts';

const BASE = {
  name: 'generated',
  title: 'A generated scenario',
  description: 'A valid scenario that the properties break.',
  kind: 'synthetic',
  market: { flow: { model: 'cst', intensity: 2 }, intensityWindows: [{ from: '5s', to: '8s', intensity: 2 }] },
  sessions: [{ id: 's1', gateway: 'gw1', heartbeat: '1s' }],
  dropCopy: {},
  gateways: { nodes: [{ id: 'gw1' }], failover: { fronts: 'gw1' } },
  parent: { side: 'buy', qtyShares: 2000, start: '1s', horizon: '20s' },
  router: { decisionInterval: '250ms', minChildQtyShares: 100 },
  faults: [
    { kind: 'session-disconnect', at: '5s', session: 's1', duration: '2s' },
    { kind: 'sequencer-crash', at: { between: ['6s', '9s'] }, detectionDelay: '100ms' },
    { kind: 'gateway-failover', at: '12s', failure: 'host-loss' },
  ],
};

type Path = (string | number)[];

/** Every path to a value in a plain object, containers included. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [path];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [path, ...entries.flatMap(([key, child]) => pathsOf(child, [...path, key]))];
}

const PATHS = pathsOf(BASE).filter((path) => path.length > 0);

const hostile = fc.oneof(
  fc.constantFrom<unknown>(null, true, -1, 0, 1e300, -1e300, 1e12, 0.5, '', [], {}, '1ns', '0ns', '999999999999999999999h', '3 minutes', 'NaN', '\u001b[2J\u001b]0;x\u0007', 'x'.repeat(5_000)),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
);

type Mutation = { op: 'delete' | 'replace' | 'typo-key'; path: Path; value?: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({ op: fc.constant('replace' as const), path: fc.constantFrom(...PATHS), value: hostile }),
  fc.record({ op: fc.constant('typo-key' as const), path: fc.constantFrom(...PATHS.filter((path) => typeof path[path.length - 1] === 'string')) }),
);

function apply(base: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  for (const { op, path, value } of mutations) {
    let parent: Record<string | number, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) parent = parent?.[key] as Record<string | number, unknown> | undefined;
    const last = path[path.length - 1];
    if (parent === undefined || parent === null || typeof parent !== 'object' || !(last in parent)) continue;
    if (op === 'delete') delete parent[last];
    else if (op === 'replace') parent[last] = value;
    else {
      // Swap two letters of the key: the typo "did you mean" must catch.
      const key = String(last);
      const typo = key.length < 3 ? `${key}x` : `${key.slice(0, 1)}${key[2]}${key[1]}${key.slice(3)}`;
      parent[typo] = parent[last];
      delete parent[last];
    }
  }
  return copy;
}

function checkLoad(text: string): void {
  const started = performance.now();
  const result = parseScenario(text, 'gen.yaml');
  expect(performance.now() - started).toBeLessThan(3_000);
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.file).toBe('gen.yaml');
    expect(issue.path !== '' || issue.line !== undefined || issue.message.length > 10, formatIssue(issue)).toBe(true);
    expect(issue.message, formatIssue(issue)).not.toMatch(/received undefined|^Invalid input$|\n\s+at /);
  }
}

describe('malformed scenario files', () => {
  it('the base scenario is valid, so every failure below is the mutation', () => {
    const result = parseScenario(stringify(BASE), 'base.yaml');
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
  });

  it('load without throwing or hanging, naming every problem, whatever fields are deleted, replaced or misspelt (property)', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        checkLoad(stringify(apply(BASE, mutations)));
      }),
      { numRuns: 300 },
    );
  });

  it('a misspelt key is reported as unknown, with the key it was meant to be when it is close (property)', () => {
    const keyed = PATHS.filter((path) => typeof path[path.length - 1] === 'string' && String(path[path.length - 1]).length >= 4 && path[path.length - 1] !== 'kind' && path[path.length - 1] !== 'model');
    fc.assert(
      fc.property(fc.constantFrom(...keyed), (path) => {
        const result = parseScenario(stringify(apply(BASE, [{ op: 'typo-key', path }])), 'gen.yaml');
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const key = String(path[path.length - 1]);
        expect(result.issues.some((issue) => issue.message.includes(`did you mean "${key}"`)), result.issues.map(formatIssue).join('\n')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('raw hostile YAML (random text, aliases nested and repeated) loads without throwing or hanging (property)', () => {
    const aliasBomb = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 }), fc.boolean()).map(([depth, width, recursive]) => {
      const lines = ['l0: &l0 [x]'];
      for (let d = 1; d <= depth; d++) lines.push(`l${d}: &l${d} {${Array.from({ length: width }, (_, i) => `k${i}: *l${d - 1}`).join(', ')}}`);
      if (recursive) lines.push('loop: &loop { self: *loop }');
      return `${stringify(BASE)}${lines.join('\n')}\n`;
    });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400 }), aliasBomb, fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1'))), checkLoad), { numRuns: 200 });
  });

  it('through the CLI, validate exits 64 with one located line per problem and no stack trace (property, a few files)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'execdrill-malformed-'));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 2, maxLength: 4 }), (mutations) => {
        const text = stringify(apply(BASE, mutations));
        fc.pre(!parseScenario(text, 'x.yaml').ok);
        const file = join(dir, 'gen.yaml');
        writeFileSync(file, text);
        const result = execdrill(['validate', file]);
        expect(result.status).toBe(64);
        const lines = result.stderr.trim().split('\n');
        expect(lines.at(-1)).toBe('1 of 1 file(s) have errors');
        for (const line of lines.slice(0, -1)) expect(line.startsWith(`${file}`) && !/^\s+at /.test(line)).toBe(true);
        expect(result.stderr).not.toContain('\u001b');
      }),
      { numRuns: 4 },
    );
  });
});
