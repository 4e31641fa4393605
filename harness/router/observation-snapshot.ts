/**
 * Makes an observation immutable before a policy sees it. The router builds a fresh observation at
 * each decision and acts on it after the policy has decided (prices at the touch, the children to
 * reprice), so a policy that wrote to it (`o.market.bestBidTicks = 1`) would change what the router
 * does, with every invariant still holding. Freezing it in place costs less than copying it (see
 * bench/observation-snapshot.ts): nothing is allocated, and a write throws a TypeError in the
 * policy's (strict-mode) module, which the guard reports as the policy's fault.
 */
import type { Observation } from '../../policies/index.ts';

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
}

/** The observation itself, frozen all the way down; the router reads the same object afterwards. */
export function freezeObservation(observation: Observation): Readonly<Observation> {
  deepFreeze(observation);
  return observation;
}
