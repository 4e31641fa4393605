/**
 * A policy behind a guard, as the world assembly hands it to the router. A policy may come from a
 * user's module and is untrusted: it sees a frozen observation (a write to it is the policy's fault,
 * not a change to the episode), every decision is checked against its type before the router acts on
 * it (decision-check.ts), a throw of any value (`throw null` included) or a Promise for a decision
 * becomes a `PolicyFault` naming the policy, the decision time and the problem, and the time spent
 * deciding counts against the episode's policy budget (decision-clock.ts; a decision that never
 * returns is the sweep worker's watchdog's to stop). A shadow policy is guarded the same way, but its
 * fault is recorded and it stops deciding: it never touches the episode it rides along in.
 */
import type { Ns } from '../../sim/index.ts';
import type { Decision, Observation, Policy, PolicyDefinition, PolicyParams } from '../../policies/index.ts';
import { checkDecision, describeValue, type DecisionCheck } from './decision-check.ts';
import { currentDecisionClock, type DecisionRole } from './decision-clock.ts';
import { freezeObservation } from './observation-snapshot.ts';

/** A policy broke its contract: it threw, returned a malformed decision, wrote to its observation or ran over its budget. */
export class PolicyFault extends Error {
  constructor(
    readonly policy: string,
    readonly atNs: Ns | undefined,
    readonly detail: string,
  ) {
    super(`policy ${policy} ${atNs === undefined ? '' : `at ${(atNs / 1e9).toFixed(3)} s `}${detail}`);
    this.name = 'PolicyFault';
  }
}

/** What a policy threw, for a message: any value can be thrown, and none may crash the harness. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) {
    const where = thrown.stack?.split('\n').find((line) => /^\s+at /.test(line))?.trim();
    return `${thrown.name}: ${thrown.message}${where === undefined ? '' : ` (${where})`}`;
  }
  return describeValue(thrown);
}

function mutationDetail(error: unknown): string | undefined {
  if (!(error instanceof TypeError)) return undefined;
  const match = /(?:Cannot assign to read only property|Cannot add property|Cannot delete property) '?([^' ]+)'?/.exec(error.message);
  return match === null ? undefined : `wrote to its observation (${match[0]}): an observation is read-only; keep state in the policy`;
}

/** Which gateway ids a decision may weight: those the observation shows it, and those the router routes to. */
function gatewayIdsOf(observation: Observation, routed: ReadonlySet<string>): (id: string) => boolean {
  return (id) => routed.has(id) || observation.sessions.some((s) => s.gatewayId === id) || observation.gateways.some((g) => g.gatewayId === id);
}

function decideGuarded(policy: Policy, role: DecisionRole, observation: Observation, routed: ReadonlySet<string>): Decision {
  const clock = currentDecisionClock();
  const frozen = freezeObservation(observation);
  let value: unknown;
  let thrown: { error: unknown } | undefined;
  let check: DecisionCheck | undefined;
  let unreadable: unknown;
  clock.enter(role, observation.timeNs);
  try {
    value = policy.decide(frozen);
  } catch (error) {
    thrown = { error };
  }
  // Reading the decision runs the policy's code too (a getter, a Proxy): inside the budget, so one that never returns is stopped.
  if (thrown === undefined) {
    try {
      check = checkDecision(value, gatewayIdsOf(observation, routed));
    } catch (error) {
      unreadable = error;
    }
  }
  const over = clock.leave(role);
  if (thrown !== undefined) throw new PolicyFault(policy.name, observation.timeNs, mutationDetail(thrown.error) ?? `threw ${describeThrown(thrown.error)}`);
  if (over !== undefined) throw new PolicyFault(policy.name, observation.timeNs, over);
  // An async decide's rejected promise must not go unhandled: that would end the process. (A foreign
  // thenable is left alone: calling its then() would run the policy's code outside any budget.)
  if (value instanceof Promise) value.catch(() => {});
  if (check === undefined) throw new PolicyFault(policy.name, observation.timeNs, `returned a decision that threw when read: ${describeThrown(unreadable)}`);
  if (!check.ok) throw new PolicyFault(policy.name, observation.timeNs, `returned a malformed decision: ${check.problems.join('; ')}`);
  return check.decision;
}

/**
 * Creates the policy from its definition, turning a throw (or a malformed result) into a PolicyFault.
 * create() is the policy's code as much as decide(): it runs on the decision clock, so one that never
 * returns is stopped by the watchdog like a decision.
 */
function createGuarded(definition: PolicyDefinition, params: PolicyParams, role: DecisionRole): Policy {
  const clock = currentDecisionClock();
  let policy: unknown;
  let thrown: { error: unknown } | undefined;
  clock.enter(role, 0);
  try {
    policy = definition.create(Object.freeze({ ...params }));
  } catch (error) {
    thrown = { error };
  }
  const over = clock.leaveCreate(role);
  if (thrown !== undefined) throw new PolicyFault(definition.name, undefined, `threw from create(params): ${describeThrown(thrown.error)}`);
  if (over !== undefined) throw new PolicyFault(definition.name, undefined, `in create(params) ${over}`);
  if (typeof policy !== 'object' || policy === null || typeof (policy as Policy).decide !== 'function') {
    throw new PolicyFault(definition.name, undefined, `create(params) returned ${describeValue(policy)}: expected an object with decide(observation)`);
  }
  return policy as Policy;
}

/**
 * The acting policy, guarded. `routedGateways` are the gateway ids the router's sessions go through;
 * weights for them, or for any gateway the observation shows, are accepted.
 */
export function guardPolicy(definition: PolicyDefinition, params: PolicyParams, routedGateways: readonly string[]): Policy {
  const policy = createGuarded(definition, params, 'acting');
  const routed = new Set(routedGateways);
  return { name: definition.name, version: definition.version, decide: (observation) => decideGuarded(policy, 'acting', observation, routed) };
}

/** A shadow policy's decisions, or undefined once it has failed; `failure` then says why. */
export interface ShadowPolicy {
  decide(observation: Observation): Decision | undefined;
  readonly failure: { atNs: Ns | null; message: string } | undefined;
}

/**
 * The shadow policy, guarded. `retired` stops it before its decision number `afterDecisions` (0-based)
 * with `reason`: how an episode is rerun after the watchdog ended a shadow decision that never
 * returned (the acting policy's runs do not depend on the shadow, so the rerun gives their record).
 */
export function guardShadow(
  definition: PolicyDefinition,
  params: PolicyParams,
  routedGateways: readonly string[],
  retired?: { afterDecisions: number; reason: string },
): ShadowPolicy {
  const routed = new Set(routedGateways);
  let failure: ShadowPolicy['failure'];
  let policy: Policy | undefined;
  const fail = (error: unknown) => {
    if (!(error instanceof PolicyFault)) throw error;
    failure = { atNs: error.atNs ?? null, message: error.message };
    return undefined;
  };
  // Retired before its first decision: it may have been stopped in create(params), which is not run again.
  if (retired === undefined || retired.afterDecisions > 0) {
    try {
      policy = createGuarded(definition, params, 'shadow');
    } catch (error) {
      fail(error);
    }
  }
  return {
    get failure() {
      return failure;
    },
    decide(observation) {
      if (failure !== undefined) return undefined;
      if (retired !== undefined && currentDecisionClock().shadowDecisions >= retired.afterDecisions) {
        failure = { atNs: observation.timeNs, message: `policy ${definition.name} at ${(observation.timeNs / 1e9).toFixed(3)} s ${retired.reason}` };
        return undefined;
      }
      if (policy === undefined) return undefined;
      try {
        return decideGuarded(policy, 'shadow', observation, routed);
      } catch (error) {
        return fail(error);
      }
    },
  };
}
