import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_POLICIES,
  RegimeMachine,
  checkPolicyContract,
  normalDecision,
  resolveParams,
  type Observation,
  type PolicyDefinition,
} from '../../policies/index.ts';
import { noisyObservations } from './arbitraries.ts';

const brokenPolicy = (name: string, decide: (o: Observation, call: number) => ReturnType<typeof normalDecision>): PolicyDefinition => ({
  name,
  version: '0.0.0',
  summary: 'deliberately broken, for the contract tests',
  source: 'test',
  defaults: {},
  create() {
    let call = 0;
    return { name, version: '0.0.0', decide: (o) => decide(o, call++) };
  },
});

describe('policy contract', () => {
  for (const definition of BUNDLED_POLICIES) {
    it(`${definition.name} keeps the contract under noisy incident signals`, () => {
      fc.assert(
        fc.property(noisyObservations(100), (observations) => {
          expect(checkPolicyContract(definition, resolveParams(definition), observations)).toEqual([]);
        }),
        { numRuns: 60, seed: 7 },
      );
    });
  }

  it('catches a policy that is not deterministic', () => {
    let shared = 0;
    const flaky = brokenPolicy('flaky', () => ({ ...normalDecision('NORMAL', 100), participationScale: shared++ % 2 }));
    const violations = checkPolicyContract(flaky, {}, fc.sample(noisyObservations(100, 5), { seed: 1, numRuns: 1 })[0]);
    expect(violations.some((v) => v.rule === 'deterministic')).toBe(true);
  });

  it('catches a policy that reaches for venue truth', () => {
    const peeker = brokenPolicy('peeker', (o) => {
      const truth = (o as unknown as { venueTruth?: { residual: number } }).venueTruth;
      return normalDecision(truth ? 'PEEKED' : 'NORMAL', 100);
    });
    const violations = checkPolicyContract(peeker, {}, fc.sample(noisyObservations(100, 3), { seed: 2, numRuns: 1 })[0]);
    expect(violations.map((v) => v.rule)).toContain('reads-only-observation');
    expect(violations[0].detail).toContain('observation.venueTruth');
  });

  it('catches a policy that mutates its observation or returns a malformed decision', () => {
    const mutator = brokenPolicy('mutator', (o) => {
      (o.belief as { residualQtyShares: number }).residualQtyShares = 0;
      return normalDecision('NORMAL', 100);
    });
    const negative = brokenPolicy('negative', () => ({ ...normalDecision('NORMAL', 100), participationScale: -1 }));
    const observations = fc.sample(noisyObservations(100, 3), { seed: 3, numRuns: 1 })[0];
    expect(checkPolicyContract(mutator, {}, observations).map((v) => v.rule)).toContain('does-not-mutate');
    expect(checkPolicyContract(negative, {}, observations).map((v) => v.rule)).toContain('well-formed-decision');
  });
});

describe('hysteresis', () => {
  // Seed 001: "Encode hysteresis + minimum dwell time to avoid state flapping".
  it('a regime machine relaxes only after the current regime has held for the minimum dwell', () => {
    const severity = { A: 0, B: 1, C: 2, D: 3 } as const;
    type S = keyof typeof severity;
    fc.assert(
      fc.property(fc.array(fc.record({ dtNs: fc.nat(1_000), state: fc.constantFrom<S>('A', 'B', 'C', 'D') }), { maxLength: 200 }), (proposals) => {
        const machine = new RegimeMachine<S>('A', severity, 700);
        let t = 0;
        for (const p of proposals) machine.propose(p.state, (t += p.dtNs));
        const log = machine.transitions;
        log.forEach((transition, i) => {
          if (severity[transition.to] < severity[transition.from]) {
            const enteredAt = i === 0 ? 0 : log[i - 1].atNs;
            expect(transition.atNs - enteredAt).toBeGreaterThanOrEqual(700);
          }
        });
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  // So within any dwell window a policy makes at most one relaxation, and escalations between
  // relaxations only climb: at most 2 * (levels - 1) + 1 changes per window, however noisy the signals.
  const levels: Record<string, number> = { 'failover-fsm': 7, 'gap-recovery': 6, 'replay-regime': 4, 'warmup-aware': 5 };
  for (const [name, levelCount] of Object.entries(levels)) {
    it(`${name} changes regime a bounded number of times per dwell window under noisy signals`, () => {
      const definition = BUNDLED_POLICIES.find((d) => d.name === name)!;
      const params = resolveParams(definition);
      fc.assert(
        fc.property(noisyObservations(50, 120), (observations) => {
          const policy = definition.create(params);
          const regimes = observations.map((o) => ({ t: o.timeNs, regime: policy.decide(o).regime }));
          const changeTimes = regimes.filter((r, i) => i > 0 && r.regime !== regimes[i - 1].regime).map((r) => r.t);
          for (const start of changeTimes) {
            const inWindow = changeTimes.filter((t) => t >= start && t < start + params.minDwellNs).length;
            expect(inWindow).toBeLessThanOrEqual(2 * (levelCount - 1) + 1);
          }
          // Flapping check: with signals redrawn every 50 ms, an undamped machine would change on most steps.
          expect(changeTimes.length).toBeLessThanOrEqual(Math.ceil(observations.length / 2) + levelCount);
        }),
        { numRuns: 100, seed: 11 },
      );
    });
  }
});
