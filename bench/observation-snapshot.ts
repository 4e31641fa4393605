/**
 * `npx tsx bench/observation-snapshot.ts [scenario]`: what making a policy's observation immutable costs, frozen
 * in place (what the policy guard does) against a deep copy per decision (hand-written, and
 * structuredClone). The observations are the real ones of an episode of 002-fix-gap-resend (children,
 * sessions and all), captured by a recording policy (another scenario may be named); each strategy then processes all of them, five
 * interleaved rounds, and the script prints nanoseconds per decision and the share of the episode.
 * A standalone script, not a `*.bench.ts`: it backs one design choice and need not run with the suite.
 */
import { performance } from 'node:perf_hooks';
import type { Observation, PolicyDefinition } from '../policies/index.ts';
import { naive } from '../policies/naive.ts';
import { runWorld } from '../harness/episode/world.ts';
import { freezeObservation } from '../harness/router/observation-snapshot.ts';
import { loadScenarioFile } from '../harness/scenario/index.ts';

const SCENARIO = process.argv[2] ?? 'scenarios/002-fix-gap-resend.yaml';
const ROUNDS = 5;

function deepCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(deepCopy);
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = deepCopy((value as Record<string, unknown>)[key]);
  return copy;
}

const loaded = loadScenarioFile(SCENARIO);
if (!loaded.ok) throw new Error(`${SCENARIO} does not load`);
const captured: Observation[] = [];
const recording: PolicyDefinition = {
  ...naive,
  create(params) {
    const inner = naive.create(params);
    return { ...inner, decide: (o) => (captured.push(structuredClone(o)), inner.decide(o)) };
  },
};
const started = performance.now();
runWorld(loaded.scenario, SCENARIO, recording, naive.defaults, 1, 'incident');
const runMs = performance.now() - started;
const decisions = captured.length;

const timings: Record<string, number[]> = { freeze: [], 'deep copy': [], structuredClone: [] };
let sink = 0;
for (let round = 0; round < ROUNDS; round++) {
  const fresh = captured.map((o) => structuredClone(o));
  let t = performance.now();
  for (const o of fresh) sink += freezeObservation(o).timeNs;
  timings.freeze.push(performance.now() - t);
  t = performance.now();
  for (const o of captured) sink += (deepCopy(o) as Observation).timeNs;
  timings['deep copy'].push(performance.now() - t);
  t = performance.now();
  for (const o of captured) sink += structuredClone(o).timeNs;
  timings.structuredClone.push(performance.now() - t);
}

const children = captured.reduce((n, o) => n + o.belief.children.length, 0) / decisions;
console.log(`${SCENARIO}, seed 1, incident run: ${decisions} decisions, ${children.toFixed(1)} children per observation on average, run ${runMs.toFixed(0)} ms`);
for (const [name, ms] of Object.entries(timings)) {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const nsPerDecision = (median * 1e6) / decisions;
  console.log(`${name.padEnd(16)} ${nsPerDecision.toFixed(0).padStart(6)} ns a decision (median of ${ROUNDS}; range ${((sorted[0] * 1e6) / decisions).toFixed(0)}-${((sorted[sorted.length - 1] * 1e6) / decisions).toFixed(0)}), ${((100 * median) / runMs).toFixed(2)}% of the run`);
}
if (sink === 0) console.log('');
