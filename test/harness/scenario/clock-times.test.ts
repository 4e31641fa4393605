import { describe, expect, it } from 'vitest';
import { formatClockTime, NS_PER_S, parseClockTime } from '../../../sim/index.ts';
import { formatIssue, parseScenario, timeZeroOf } from '../../../harness/scenario/index.ts';

const scenario = (extra: string, parent = '{ side: buy, qtyShares: 1000, start: 10s, horizon: 60s }') => `
name: clocked
title: Clocked
description: Times written as clock times of the day.
kind: synthetic
${extra}
market:
  flow: { model: cst }
sessions:
  - { id: s1, gateway: gw1 }
parent: ${parent}
`;

function load(text: string) {
  const result = parseScenario(text, 'clocked.yaml');
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result;
}
const issuesOf = (text: string) => {
  const result = parseScenario(text, 'clocked.yaml');
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
};

describe('clock times in scenario files', () => {
  it('reads a clock time as the offset from the time zero of the phase (midday: 12:00:00)', () => {
    const clocked = load(scenario('faults:\n  - { kind: session-disconnect, at: "12:00:30", session: s1, duration: 5s }'));
    const offset = load(scenario('faults:\n  - { kind: session-disconnect, at: 30s, session: s1, duration: 5s }'));
    expect(clocked.scenario.faults[0].at).toBe(30 * NS_PER_S);
    expect(clocked.scenario).toEqual(offset.scenario);
    expect(timeZeroOf(clocked.scenario)).toBe(parseClockTime('12:00:00'));
  });

  it('takes clock times in between bounds, the parent start and intensity windows, against a stated timeZero', () => {
    const { scenario: s } = load(
      scenario(
        'timeZero: "10:00:00"\nfaults:\n  - { kind: session-disconnect, at: { between: ["10:00:30", "10:00:45.5"] }, session: s1, duration: 5s }',
        '{ side: buy, qtyShares: 1000, start: "10:00:05", horizon: 60s }',
      ).replace('flow: { model: cst }', 'flow: { model: cst }\n  intensityWindows: [{ from: "10:00:20", to: 40s, intensity: 2 }]'),
    );
    expect(s.faults[0].at).toEqual({ between: [30 * NS_PER_S, 45.5 * NS_PER_S] });
    expect(s.parent.start).toBe(5 * NS_PER_S);
    expect(s.market.intensityWindows[0]).toMatchObject({ from: 20 * NS_PER_S, to: 40 * NS_PER_S });
    expect(timeZeroOf(s)).toBe(parseClockTime('10:00:00'));
  });

  it('puts the open at time zero (09:30:00) and the close at the episode end (16:00:00)', () => {
    expect(timeZeroOf(load(scenario('phase: open')).scenario)).toBe(parseClockTime('09:30:00'));
    // start 10 s + horizon 60 s + settle 5 s: the episode ends at 16:00:00.
    expect(formatClockTime(timeZeroOf(load(scenario('phase: close')).scenario))).toBe('15:58:45');
  });

  it('refuses a clock time before time zero, and a close scenario with clock times but no timeZero', () => {
    expect(issuesOf(scenario('faults:\n  - { kind: session-disconnect, at: "11:59:00", session: s1, duration: 5s }'))).toEqual([
      "faults[0].at: 11:59:00 is before the scenario's time zero (phase midday's default, 12:00:00); write a later time or set timeZero",
    ]);
    expect(issuesOf(scenario('phase: close\nfaults:\n  - { kind: session-disconnect, at: "15:59:00", session: s1, duration: 5s }'))[0]).toMatch(/^timeZero: this close-phase scenario writes clock times \(faults\[0\]\.at\), so it must state timeZero/);
  });

  it('leaves a scenario without clock times exactly as it was (same hash)', () => {
    const text = scenario('faults:\n  - { kind: session-disconnect, at: 30s, session: s1, duration: 5s }');
    expect(load(text).hash).toBe(load(text).hash);
    expect('timeZero' in load(text).scenario).toBe(false);
  });
});

describe('formatClockTime', () => {
  it('prints whole seconds bare and fractions to the millisecond, rounding once', () => {
    expect(formatClockTime(parseClockTime('10:00:30'))).toBe('10:00:30');
    expect(formatClockTime(parseClockTime('10:00:30.25'))).toBe('10:00:30.250');
    expect(formatClockTime(parseClockTime('09:59:59.9996'), 3)).toBe('10:00:00.000');
    expect(formatClockTime(parseClockTime('10:00:30.25'), 0)).toBe('10:00:30');
  });
});
