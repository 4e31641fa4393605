import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, parseScenario } from '../../../harness/scenario/index.ts';
import { FAULT_ARBITRARIES, faultScheduleArbitrary, scenarioArbitrary, scenarioYaml, STANDARD, type GeneratedScenario, type IncidentShape } from '../../../harness/testing/index.ts';

const validates = (yaml: string) => {
  const loaded = parseScenario(yaml, 'generated.yaml');
  return loaded.ok ? null : loaded.issues;
};

describe('scenarioArbitrary', () => {
  it('generates only scenario files that validate, with one session and a drop copy', () => {
    fc.assert(fc.property(scenarioArbitrary(), (scenario) => {
      expect(validates(scenarioYaml(scenario, 'a header\nof two lines'))).toBeNull();
    }), { numRuns: 300, seed: 7 });
  });

  it('generates only valid scenarios with several sessions, no drop copy and longer horizons', () => {
    const arbitrary = scenarioArbitrary({ sessions: 3, dropCopy: false, horizonMs: { min: 20_000, max: 60_000 }, maxFaults: 6 });
    fc.assert(fc.property(arbitrary, (scenario) => {
      expect(validates(scenarioYaml(scenario))).toBeNull();
    }), { numRuns: 300, seed: 8 });
  });

  it('generates only valid scenarios behind a gateway pool, an order server or a failover pair, with their faults', () => {
    const ownFaults = { pool: /^(gateway-crash|gateway-cold-start|load-spike)$/, 'order-server': /^order-server-/, 'failover-pair': /^gateway-failover$/ };
    for (const front of ['pool', 'order-server', 'failover-pair'] as const) {
      const kinds = new Set<string>();
      fc.assert(
        fc.property(scenarioArbitrary({ front, maxFaults: 4 }), (scenario) => {
          for (const fault of scenario.faults ?? []) kinds.add(fault.kind);
          expect(validates(scenarioYaml(scenario))).toBeNull();
        }),
        { numRuns: 200, seed: 14 },
      );
      expect([...kinds].some((kind) => ownFaults[front].test(kind))).toBe(true);
    }
  });

  it('keeps every fault inside the parent order and in time order', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ horizonMs: { min: 5_000, max: 9_000 } }), (scenario) => {
        const loaded = parseScenario(scenarioYaml(scenario), 'generated.yaml');
        if (!loaded.ok) return false;
        const { start, horizon } = loaded.scenario.parent;
        const times = loaded.scenario.faults.map((fault) => fault.at as number);
        return times.every((t, i) => t >= start && t <= start + horizon && (i === 0 || times[i - 1] <= t));
      }),
      { numRuns: 200, seed: 9 },
    );
  });

  it('shrinks the parent and the market to a standard order, not to a 100-share parent in the quietest market', () => {
    // A property every case fails: the shrink goes as far as it can, and ends where the arbitrary aims it.
    const details = fc.check(fc.property(scenarioArbitrary({ maxFaults: 2 }), () => false), { seed: 3, numRuns: 20 });
    const [shrunk] = details.counterexample as [GeneratedScenario];
    expect(shrunk.parent).toMatchObject({ qtyShares: STANDARD.qtyShares, horizon: `${STANDARD.horizonMs}ms` });
    expect(shrunk.market).toEqual({ flow: { model: 'cst', intensity: STANDARD.intensity } });
    expect(shrunk.faults).toEqual([]);
    // Drawn cases still span the whole range, from small parents to large.
    const sizes = fc.sample(scenarioArbitrary(), { numRuns: 300, seed: 4 }).map((s) => s.parent!.qtyShares as number);
    expect(Math.min(...sizes)).toBe(500);
    expect(Math.max(...sizes)).toBe(3000);
  });

  it('draws only the kinds asked for', () => {
    const kinds = ['sequencer-stall', 'feed-loss'] as const;
    const faults = fc.sample(scenarioArbitrary({ faultKinds: kinds, maxFaults: 5 }), { numRuns: 100, seed: 10 }).flatMap((s) => s.faults ?? []);
    expect(new Set(faults.map((fault) => fault.kind))).toEqual(new Set(kinds));
  });
});

describe('fault arbitraries', () => {
  const shape: IncidentShape = { sessionIds: ['s1', 's2'], dropCopy: true, pool: true, orderServer: true, failoverPair: true, faultWindowStartMs: 0, faultWindowEndMs: 10_000 };

  it('cover only kinds of the fault catalogue', () => {
    for (const kind of Object.keys(FAULT_ARBITRARIES)) expect(FAULT_KINDS).toContain(kind);
  });

  it('draw every covered kind', () => {
    const drawn = fc.sample(faultScheduleArbitrary(shape, { maxFaults: 8 }), { numRuns: 300, seed: 11 }).flat();
    expect(new Set(drawn.map((fault) => fault.kind))).toEqual(new Set(Object.keys(FAULT_ARBITRARIES)));
  });

  it('never draw a fault whose section (drop copy, pool, order server) the scenario lacks', () => {
    const drawn = fc.sample(faultScheduleArbitrary({ ...shape, dropCopy: false, pool: false, orderServer: false, failoverPair: false }, { maxFaults: 8 }), { numRuns: 300, seed: 12 }).flat();
    expect(drawn.length).toBeGreaterThan(0);
    const needSection = ['drop-copy-lag', 'drop-copy-down', 'load-spike', 'gateway-crash', 'gateway-cold-start', 'order-server-crash', 'order-server-disk-loss', 'gateway-failover'];
    expect(drawn.filter((fault) => needSection.includes(fault.kind))).toEqual([]);
  });

  it('name only the sessions the scenario has', () => {
    const drawn = fc.sample(faultScheduleArbitrary({ ...shape, sessionIds: ['only'] }, { maxFaults: 8 }), { numRuns: 200, seed: 13 }).flat();
    const named = drawn.flatMap((fault) => ('session' in fault ? [fault.session] : []));
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set(['only']));
  });
});
