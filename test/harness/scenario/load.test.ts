import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../../harness/scenario/index.ts';

const minimal = `
name: tiny
title: Tiny
description: The smallest valid scenario.
kind: synthetic
market:
  flow: { model: cst }
sessions:
  - { id: s1, gateway: gw1 }
parent: { side: buy, qtyShares: 1000, horizon: 60s }
`;

const issuesOf = (text: string) => {
  const result = parseScenario(text, 'bad.yaml');
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
};

describe('scenario loading', () => {
  it('resolves a minimal file into a complete configuration, durations in nanoseconds', () => {
    const result = parseScenario(minimal, 'tiny.yaml');
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(result.scenario.parent.horizon).toBe(60_000_000_000);
    expect(result.scenario.router.decisionInterval).toBe(250_000_000);
    expect(result.scenario.sessions[0]).toMatchObject({ persistMessages: true, beginString: 'FIX.4.4', heartbeat: 1_000_000_000 });
    expect(result.scenario.market.flow).toMatchObject({ k: 1.92, alpha: 0.52, mu: 0.94 });
    expect(result.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports every error at once, each with its path and what was expected', () => {
    const text = `${minimal}
faults:
  - { kind: session-disconnect, at: 10 seconds, session: s1, duration: 5s }
  - { kind: sequencer-crash, at: 20s }
  - { kind: no-such-fault, at: 1s }
`;
    const issues = issuesOf(text);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['faults[0].at']).toMatch(/offset from the scenario's time zero with a unit \(40s, 1.5m\) or a clock time/);
    expect(byPath['faults[1].detectionDelay']).toBeDefined();
    expect(byPath['faults[2].kind']).toMatch(/session-disconnect/);
    expect(formatIssue(issues[0])).toMatch(/^bad\.yaml: faults\[0\]\.at: /);
  });

  it('rejects unknown keys so a typo is caught', () => {
    const issues = issuesOf(minimal.replace('horizon: 60s', 'horizon: 60s, mustCompelte: true'));
    expect(issues).toEqual([{ file: 'bad.yaml', path: 'parent.mustCompelte', message: 'unknown key (a typo?)' }]);
  });

  it('refuses __proto__ keys, duplicate keys and tags that construct objects', () => {
    expect(issuesOf(`${minimal}\n__proto__: { polluted: true }\n`)[0]).toMatchObject({ path: '__proto__', message: 'this key is not allowed' });
    expect(issuesOf(`${minimal}\nname: twice\n`)[0].message).toMatch(/unique|duplicate/i);
    expect(issuesOf(`${minimal}\nextra: !!js/function "function () { return 1 }"\n`)[0].message).toMatch(/tag/i);
  });

  it('checks references the schema cannot see: gateways and sessions that exist', () => {
    const text = minimal.replace('gateway: gw1', 'gateway: gw9') + '\nfaults:\n  - { kind: session-disconnect, at: 1s, session: s7, duration: 1s }\n';
    const paths = issuesOf(text).map((i) => i.path);
    expect(paths).toEqual(['sessions[0].gateway', 'faults[0].session']);
  });

  it('reports malformed YAML with its line, never throwing', () => {
    const issues = issuesOf('name: [unclosed\n');
    expect(issues[0].path).toMatch(/^line \d+, column \d+$/);
  });
});

describe('scenario JSON Schema', () => {
  it('ships in scenarios/ exactly as the validating schema generates it (run `npm run schema` after changing the schema)', async () => {
    const { readFileSync } = await import('node:fs');
    const { scenarioJsonSchema } = await import('../../../harness/scenario/index.ts');
    expect(readFileSync('scenarios/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchema());
  });
});
