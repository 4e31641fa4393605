import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../../../sim/index.ts';
import type { AllocationCandidate } from '../../../../venues/gateway/pool/allocation-strategy.ts';
import { CanaryCap } from '../../../../venues/gateway/pool/canary-cap.ts';
import { EnvoySlowStart, envoySlowStartFactor } from '../../../../venues/gateway/pool/envoy-slow-start.ts';
import { HaproxySlowStart, haproxySlowStartMaxconn } from '../../../../venues/gateway/pool/haproxy-slow-start.ts';

const WINDOW = 60 * NS_PER_S;

describe('Envoy slow start (VALIDATION.md W1)', () => {
  it('aggression 1: t = 15, 30, 59 s of a 60 s window give 0.25, 0.5, 0.9833', () => {
    expect(envoySlowStartFactor(15 * NS_PER_S, WINDOW)).toBeCloseTo(0.25, 9);
    expect(envoySlowStartFactor(30 * NS_PER_S, WINDOW)).toBeCloseTo(0.5, 9);
    expect(envoySlowStartFactor(59 * NS_PER_S, WINDOW)).toBeCloseTo(59 / 60, 9);
    expect(Math.abs(envoySlowStartFactor(59 * NS_PER_S, WINDOW) - 0.9833)).toBeLessThan(1e-4);
  });

  it('aggression 2: t = 15, 30 s give 0.5, 0.7071', () => {
    expect(envoySlowStartFactor(15 * NS_PER_S, WINDOW, 2)).toBeCloseTo(0.5, 9);
    expect(envoySlowStartFactor(30 * NS_PER_S, WINDOW, 2)).toBeCloseTo(Math.SQRT1_2, 9);
  });

  it('never goes below minWeightPercent (10% by default) and is full weight from the end of the window', () => {
    expect(envoySlowStartFactor(0, WINDOW)).toBe(0.1);
    expect(envoySlowStartFactor(5 * NS_PER_S, WINDOW)).toBe(0.1);
    expect(envoySlowStartFactor(60 * NS_PER_S, WINDOW)).toBe(1);
  });

  it('as a strategy weights each candidate by its own time since it became routable', () => {
    const weights = new Float64Array(2);
    const caps = new Float64Array(2);
    new EnvoySlowStart(WINDOW).allocate([candidate('old', 120 * NS_PER_S), candidate('new', 30 * NS_PER_S)], weights, caps);
    expect([...weights]).toEqual([1, 0.5]);
    expect([...caps]).toEqual([Infinity, Infinity]);
  });
});

describe('HAProxy slowstart (VALIDATION.md W3)', () => {
  it('ss = 60 s, maxconn = 100: t = 0, 15, 30, 59, 60 s give 1, 25, 50, 98, 100', () => {
    const limits = [0, 15, 30, 59, 60].map((t) => haproxySlowStartMaxconn(t * NS_PER_S, 60 * NS_PER_S, 100));
    expect(limits).toEqual([1, 25, 50, 98, 100]);
  });

  it('truncates to whole seconds and integer percent as HAProxy does', () => {
    expect(haproxySlowStartMaxconn(14.999 * NS_PER_S, 60 * NS_PER_S, 100)).toBe(23);
    expect(haproxySlowStartMaxconn(30 * NS_PER_S, 60 * NS_PER_S, 7)).toBe(3);
  });

  it('as a strategy caps in-flight orders, not weights', () => {
    const weights = new Float64Array(1);
    const caps = new Float64Array(1);
    new HaproxySlowStart(60 * NS_PER_S, 100).allocate([candidate('new', 15 * NS_PER_S)], weights, caps);
    expect(weights[0]).toBe(1);
    expect(caps[0]).toBe(25);
  });
});

describe('canary cap (seed 003: 1-5% to a new node)', () => {
  const strategy = new CanaryCap(0.03, 60 * NS_PER_S);
  const shares = (candidates: AllocationCandidate[]) => {
    const weights = new Float64Array(candidates.length);
    strategy.allocate(candidates, weights, new Float64Array(candidates.length));
    const total = weights.reduce((a, b) => a + b, 0);
    return [...weights].map((w) => w / total);
  };

  it('gives a new node 3% and splits the rest among settled nodes', () => {
    const result = shares([candidate('a', 600 * NS_PER_S), candidate('b', 600 * NS_PER_S), candidate('new', 5 * NS_PER_S)]);
    expect(result[2]).toBeCloseTo(0.03, 12);
    expect(result[0]).toBeCloseTo(0.485, 12);
  });

  it('never gives a canary more than an equal share, and shares equally when all are new', () => {
    const many = [candidate('old', 600 * NS_PER_S), ...Array.from({ length: 40 }, (_, i) => candidate(`n${i}`, 0))];
    expect(shares(many)[1]).toBeCloseTo(1 / 41, 12);
    expect(shares([candidate('x', 0), candidate('y', 0)])).toEqual([0.5, 0.5]);
  });

  it('stops capping once the node has been routable for the canary period', () => {
    expect(shares([candidate('a', 600 * NS_PER_S), candidate('b', 60 * NS_PER_S)])).toEqual([0.5, 0.5]);
  });
});

function candidate(id: string, routableForNs: number, inFlight = 0): AllocationCandidate {
  return { id, routableForNs, inFlight };
}
