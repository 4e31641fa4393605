import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultOverlaps } from '../../../harness/scenario/fault-overlap.ts';
import { formatIssue, parseScenario, type ScenarioIssue } from '../../../harness/scenario/index.ts';

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

const issuesOf = (text: string, file = 'bad.yaml'): ScenarioIssue[] => {
  const result = parseScenario(text, file);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
};
const linesOf = (text: string) => issuesOf(text).map(formatIssue);

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

  it('reports every error at once, each with its line, column, path and what was expected', () => {
    const text = `${minimal}faults:
  - { kind: session-disconnect, at: 10 seconds, session: s1, duration: 5s }
  - { kind: sequencer-crash, at: 20s }
  - { kind: no-such-fault, at: 1s }
`;
    const issues = issuesOf(text);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['faults[0].at']).toMatch(/offset from the scenario's time zero with a unit \(40s, 1.5m\) or a clock time/);
    expect(byPath['faults[1].detectionDelay']).toMatch(/^missing required field "detectionDelay"/);
    expect(byPath['faults[2].kind']).toMatch(/^unknown kind "no-such-fault"; expected one of: .*session-disconnect/);
    expect(formatIssue(issues[0])).toMatch(/^bad\.yaml:12:37: faults\[0\]\.at: expected a time: an offset/);
  });

  it('says "missing required field", with what the field is for, instead of "expected string, received undefined"', () => {
    const issues = issuesOf(minimal.replace('title: Tiny\n', '').replace('horizon: 60s', 'start: 1s'));
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      expect.stringMatching(/^title: missing required field "title" \(.+\): expected string$/),
      expect.stringMatching(/^parent.horizon: missing required field "horizon" \(.+\): expected a duration/),
    ]);
    expect(issues.every((i) => !/received undefined/.test(i.message))).toBe(true);
  });

  it('suggests what an unknown key, kind or value was probably meant to be', () => {
    expect(linesOf(minimal.replace('horizon: 60s', 'horizon: 60s, mustCompelte: true'))).toEqual(['bad.yaml:10:53: parent.mustCompelte: unknown key (did you mean "mustComplete"?)']);
    expect(linesOf(`${minimal}faults:\n  - { kind: sesion-disconnect, at: 1s, session: s1, duration: 1s }\n`)[0]).toMatch(/faults\[0\]\.kind: unknown kind "sesion-disconnect" \(did you mean "session-disconnect"\?\)/);
    expect(linesOf(minimal.replace('kind: synthetic', 'kind: synthetik'))[0]).toMatch(/^bad\.yaml:5:7: kind: "synthetik" is not allowed \(did you mean "synthetic"\?\); expected one of: synthetic, historical$/);
    expect(linesOf(minimal.replace('{ model: cst }', '{ model: cts }'))[0]).toMatch(/market\.flow\.model: unknown model "cts" \(did you mean "cst"\?\)/);
  });

  it('reports schema and cross-reference problems in one pass', () => {
    const text = minimal.replace('gateway: gw1', 'gateway: gw9').replace('title: Tiny', 'title: 5') + 'faults:\n  - { kind: session-disconnect, at: 1s, session: s7, duration: 1s }\n';
    expect(issuesOf(text).map((i) => i.path)).toEqual(['title', 'sessions[0].gateway', 'faults[0].session']);
  });

  it('refuses __proto__ keys, duplicate keys and tags that construct objects', () => {
    expect(issuesOf(`${minimal}\n__proto__: { polluted: true }\n`)[0]).toMatchObject({ path: '__proto__', message: 'this key is not allowed' });
    expect(issuesOf(`${minimal}\nname: twice\n`)[0].message).toMatch(/unique|duplicate/i);
    expect(issuesOf(`${minimal}\nextra: !!js/function "function () { return 1 }"\n`)[0].message).toMatch(/tag/i);
  });

  it('reports malformed YAML with its line and column, never throwing', () => {
    const [issue] = issuesOf('name: [unclosed\n');
    expect(issue.line).toBeGreaterThan(0);
    expect(formatIssue(issue)).toMatch(/^bad\.yaml:\d+:\d+: /);
  });

  it('says so when given a drill file', () => {
    expect(linesOf('scenarios: [a.yaml]\npolicies: [naive]\nseeds: 1..2\nout: x\ngates: ["no invariant violations"]\n')).toEqual([
      'bad.yaml: this is a drill file (it has scenarios and gates), not a scenario: run it with execdrill drill',
    ]);
  });
});

describe('scenario loading under hostile YAML', () => {
  it('refuses a billion-laughs alias bomb, alias fan-out across maps and a self-recursive alias, quickly', () => {
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
    const keys = (ref: string) => Array.from({ length: 40 }, (_, i) => `k${i}: *${ref}`).join(', ');
    const fanOut = `a: &a { ${Array.from({ length: 40 }, (_, i) => `v${i}: 1`).join(', ')} }\nb: &b { ${keys('a')} }\nc: &c { ${keys('b')} }\nd: { ${keys('c')} }\n`;
    const started = performance.now();
    expect(issuesOf(laughs)[0].message).toMatch(/alias/);
    expect(issuesOf(fanOut)[0].message).toMatch(/more than 100000 values once aliases are expanded|alias expansions/);
    expect(issuesOf('a: &a [*a]\n')[0].message).toBe('an alias refers to a node that contains it: the document would be infinite');
    expect(issuesOf(`${minimal}sources: &s [{ title: x, note: *s }]\n`)[0].message).toMatch(/contains it/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a duration that overflows, and a document that is not a mapping', () => {
    expect(issuesOf(minimal.replace('horizon: 60s', 'horizon: 99999999999999999999h'))[0].message).toMatch(/^99999999999999999999h is longer than a week/);
    expect(issuesOf('- just\n- a list\n')[0].message).toMatch(/^expected a scenario: a YAML mapping/);
  });

  it('refuses a latency model no run could draw from: a lognormal p99 below its median, a mean or median of 0s', () => {
    const latency = (model: string) => linesOf(minimal.replace('gateway: gw1 }', `gateway: gw1, latency: ${model} }`));
    expect(latency('{ model: lognormal, median: 10ms, p99: 1ms }')).toEqual([expect.stringMatching(/: sessions\[0\]\.latency\.p99: the 99th percentile must not be below the median$/)]);
    expect(latency('{ model: lognormal, median: 0s, p99: 1ms }')).toEqual([expect.stringMatching(/: sessions\[0\]\.latency\.median: expected a duration above 0$/)]);
    expect(latency('{ model: exponential, mean: 0s }')).toEqual([expect.stringMatching(/: sessions\[0\]\.latency\.mean: expected a duration above 0$/)]);
  });

  it('refuses a point in time beyond a week or a clock time out of range with its path, never throwing', () => {
    const at = (value: string, extra = '') => `${minimal}${extra}faults:\n  - { kind: session-disconnect, at: ${value}, session: s1, duration: 1s }\n`;
    expect(linesOf(at('{ between: [1s, 99999999999999999999s] }'))).toEqual([expect.stringMatching(/^bad\.yaml:\d+:\d+: faults\[0\]\.at\.between\[1\]: 99999999999999999999s is longer than a week/)]);
    expect(linesOf(at('"25:61:00"'))).toEqual([expect.stringMatching(/: faults\[0\]\.at: expected a clock time HH:MM:SS\[\.fff\] such as 09:30:00, got "25:61:00"$/)]);
    expect(linesOf(at('"12:00:10"', 'timeZero: "24:00:00"\n'))[0]).toMatch(/: timeZero: expected a clock time .*got "24:00:00"$/);
  });
});

describe('scenario limits and whole-scenario rules', () => {
  const withParent = (parent: string, extra = '') => minimal.replace('parent: { side: buy, qtyShares: 1000, horizon: 60s }', parent) + extra;

  it.each([
    ['a 1e12-share parent', withParent('parent: { side: buy, qtyShares: 1000000000000, horizon: 60s }'), 'parent.qtyShares', /over the limit of 10000000 shares/],
    ['a 1000 h horizon', withParent('parent: { side: buy, qtyShares: 1000, horizon: 160h }'), 'parent.horizon', /a run of 576005s is over the limit of 28800s/],
    ['a flow intensity of 1e9', minimal.replace('{ model: cst }', '{ model: cst, intensity: 1000000000 }'), 'market.flow.intensity', /an intensity of 1000000000 is over the limit of 1000 x/],
    ['a 1 ns heartbeat', minimal.replace('gateway: gw1 }', 'gateway: gw1, heartbeat: 1ns }'), 'sessions[0].heartbeat', /one run would take about 1\.3e\+12 events, over the limit of 20000000 \(limits\.eventsPerRun\); most of them from session s1's heartbeats/],
    ['a CST flow a million times the paper\'s limit-order rate', minimal.replace('{ model: cst }', '{ model: cst, k: 1920000 }'), 'market.flow.intensity', /one run would take about 7\.\de\+9 events, .*most of them from the background flow/],
    ['a CST flow a billion ticks deep', minimal.replace('{ model: cst }', '{ model: cst, maxDistanceTicks: 1000000000 }').replace('kind: synthetic', 'kind: synthetic\ninstrument: { referencePriceTicks: 2000000000 }'), 'market.flow.intensity', /events, over the limit of 20000000/],
    ['a starting book of billions of orders (cancellations 1e-9)', minimal.replace('{ model: cst }', '{ model: cst, theta: [0.000000001] }'), 'market.flow.theta', /most of them from the flow's starting book/],
    ['a CST flow deeper than the price', minimal.replace('{ model: cst }', '{ model: cst, maxDistanceTicks: 10000 }'), 'market.flow.maxDistanceTicks', /10000 ticks is not below instrument\.referencePriceTicks \(10000\)/],
    ['a parent cut into a million children', withParent('parent: { side: buy, qtyShares: 1000000, horizon: 60s }\nrouter: { minChildQtyShares: 1 }'), 'router.minChildQtyShares', /1000000 children is over the limit of 100000 children/],
  ])('refuses %s at validate, naming the field and the limit', (_, text, path, message) => {
    const issue = issuesOf(text).find((i) => i.path === path);
    expect(issue?.message).toMatch(message);
  });

  it('lets a scenario raise a limit it truly needs', () => {
    const result = parseScenario(withParent('parent: { side: buy, qtyShares: 20000000, horizon: 60s }\nlimits: { qtyShares: 50000000, childOrders: 1000000 }'), 'big.yaml');
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
    const long = parseScenario(withParent('parent: { side: buy, qtyShares: 1000, horizon: 10h }\nlimits: { runLength: 12h, eventsPerRun: 100000000 }'), 'long.yaml');
    expect(long.ok ? [] : long.issues.map(formatIssue)).toEqual([]);
  });

  it('refuses a fault placed at or after the parent ends, which would never fire', () => {
    const late = `${minimal}faults:\n  - { kind: session-disconnect, at: 50m, session: s1, duration: 1s }\n  - { kind: session-disconnect, at: { between: [10s, 61s] }, session: s1, duration: 1s }\n`;
    expect(issuesOf(late).map((i) => `${i.path}: ${i.message}`)).toEqual([
      "faults[0].at: 3000s is at or after the parent's end (parent.start + parent.horizon = 60s): the fault could not affect the order; expected a time before it",
      "faults[1].at: 61s is at or after the parent's end (parent.start + parent.horizon = 60s): the fault could not affect the order; expected a time before it",
    ]);
  });

  it('refuses a tick size that FIX prices cannot be written in', () => {
    expect(issuesOf(`${minimal}instrument: { tickSize: 0.000000001 }\n`)[0]).toMatchObject({ path: 'instrument.tickSize', message: expect.stringMatching(/^1e-9: prices on the FIX wire carry at most 8 decimal places/) });
  });

  it('parses a LOBSTER message file at validate and reports its bad lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'execdrill-lobster-'));
    writeFileSync(join(dir, 'messages.csv'), '34200.0,1,1,100,1000000,1\n34200.1,1,2,100,abc,1\n34200.2,9,3,100,1000000,-1\n');
    const text = minimal.replace('{ model: cst }', '{ model: lobster, file: messages.csv }');
    expect(issuesOf(text, join(dir, 'hist.yaml')).map((i) => i.message)).toEqual([
      expect.stringMatching(/messages\.csv:2: price: /),
      expect.stringMatching(/messages\.csv:3: type: /),
    ]);
    expect(issuesOf(minimal.replace('{ model: cst }', '{ model: lobster, file: nowhere.csv }'), join(dir, 'hist.yaml'))[0].message).toMatch(/nowhere\.csv: no such file: expected a LOBSTER message file$/);
  });

  it('checks 20,000 faults for overlaps in n log n: well under a second, the whole file in a few', () => {
    const faults = Array.from({ length: 20_000 }, (_, i) => ({ fault: { kind: 'sequencer-stall' as const, at: i * 3_000_000, duration: 1_000_000 }, index: i }));
    let started = performance.now();
    expect(faultOverlaps(faults)).toEqual([]);
    expect(faultOverlaps([...faults, { fault: { kind: 'sequencer-stall', at: 30_000_000, duration: 1 }, index: 20_000 }])).toEqual([
      { index: 20_000, message: 'may begin while faults[10] (sequencer-stall) is still in effect: the sequencer takes one fault at a time' },
    ]);
    expect(performance.now() - started).toBeLessThan(500);
    const text = `${withParent('parent: { side: buy, qtyShares: 1000, horizon: 120s }')}faults:\n${faults.map((f) => `  - { kind: sequencer-stall, at: ${f.index * 3}ms, duration: 1ms }`).join('\n')}\nlimits: { faults: 20000 }\n`;
    started = performance.now();
    expect(parseScenario(text, 'many.yaml').ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
