/**
 * The contract every policy must keep, checked by running it on a sequence of observations:
 * - deterministic: two instances fed the same observations make the same decisions;
 * - it reads only what an observation holds (a policy loaded from a user's JavaScript file could
 *   otherwise reach for fields that do not exist, such as venue truth, and silently read undefined);
 * - it does not mutate what it is shown;
 * - its decisions are well formed (finite, non-negative knobs; positive integer child size).
 * Returns the violations found as values; an empty list means the contract held on these inputs.
 */
import type { Decision } from './decision.ts';
import type { Observation } from './observation.ts';
import type { PolicyDefinition, PolicyParams } from './policy.ts';

export interface ContractViolation {
  rule: 'deterministic' | 'reads-only-observation' | 'does-not-mutate' | 'well-formed-decision';
  step: number;
  detail: string;
}

const IGNORED_KEYS = new Set(['then', 'toJSON', 'constructor', 'length', 'valueOf', 'toString']);

/** A read-only view that records reads of keys the observation does not have. */
function guarded<T extends object>(target: T, path: string, strayReads: string[]): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof key === 'string' && !IGNORED_KEYS.has(key) && !(key in object)) strayReads.push(`${path}.${key}`);
      if (value !== null && typeof value === 'object') return guarded(value as object, `${path}.${String(key)}`, strayReads);
      return value;
    },
    set(_object, key) {
      throw new TypeError(`policy wrote ${path}.${String(key)}`);
    },
    deleteProperty(_object, key) {
      throw new TypeError(`policy deleted ${path}.${String(key)}`);
    },
  });
}

function malformed(decision: Decision): string | undefined {
  const knobs: [string, number][] = [
    ['participationScale', decision.participationScale],
    ['catchupCap', decision.catchupCap],
  ];
  for (const [name, value] of knobs) if (!Number.isFinite(value) || value < 0) return `${name} = ${value}`;
  if (!Number.isInteger(decision.childQtyMaxShares) || decision.childQtyMaxShares < 1) return `childQtyMaxShares = ${decision.childQtyMaxShares}`;
  if (typeof decision.regime !== 'string' || decision.regime === '') return 'regime is empty';
  for (const [gateway, weight] of Object.entries(decision.gatewayWeights ?? {})) {
    if (!Number.isFinite(weight) || weight < 0) return `gatewayWeights.${gateway} = ${weight}`;
  }
  return undefined;
}

export function checkPolicyContract(
  definition: PolicyDefinition,
  params: PolicyParams,
  observations: readonly Observation[],
): ContractViolation[] {
  const violations: ContractViolation[] = [];
  const first = definition.create(params);
  const second = definition.create(params);
  observations.forEach((observation, step) => {
    const strayReads: string[] = [];
    let decision: Decision;
    try {
      decision = first.decide(guarded(observation, 'observation', strayReads));
    } catch (error) {
      if (error instanceof TypeError && /^policy (wrote|deleted)/.test(error.message)) {
        violations.push({ rule: 'does-not-mutate', step, detail: error.message });
        return;
      }
      throw error;
    }
    for (const read of new Set(strayReads)) violations.push({ rule: 'reads-only-observation', step, detail: `read ${read}, which observations do not have` });
    const problem = malformed(decision);
    if (problem) violations.push({ rule: 'well-formed-decision', step, detail: problem });
    const replayed = second.decide(observation);
    if (JSON.stringify(replayed) !== JSON.stringify(decision)) {
      violations.push({ rule: 'deterministic', step, detail: `same observations gave ${JSON.stringify(decision)} and ${JSON.stringify(replayed)}` });
    }
  });
  return violations;
}
