/**
 * The router's policy interface. A policy is a pure state machine over point-in-time observations:
 * it is created per episode from named numeric parameters, sees only `Observation`s, and returns a
 * `Decision` at each decision point. It must be deterministic (no clocks, no global randomness), so
 * the same seed gives the same decisions.
 */
import type { Decision } from './decision.ts';
import type { Observation } from './observation.ts';

export interface Policy {
  readonly name: string;
  readonly version: string;
  decide(observation: Observation): Decision;
}

export type PolicyParams = Readonly<Record<string, number>>;

export interface PolicyDefinition {
  readonly name: string;
  readonly version: string;
  /** One line: what the policy does. */
  readonly summary: string;
  /** Where its rules come from: the playbook section it implements (`playbook 002 runbook`), or 'baseline'. */
  readonly source: string;
  /** Every tunable parameter with its default; units are in the names. */
  readonly defaults: PolicyParams;
  /**
   * The oracle's router is fed venue truth at once by the harness; every other policy sees belief.
   * The observation type is the same: what differs is who fills it in.
   */
  readonly seesTruth?: boolean;
  create(params: PolicyParams): Policy;
}

export class PolicyParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyParamError';
  }
}

/** Defaults overlaid with overrides; an unknown name or a non-finite value is an error naming it. */
export function resolveParams(definition: PolicyDefinition, overrides: Record<string, number> = {}): PolicyParams {
  const resolved: Record<string, number> = { ...definition.defaults };
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(definition.defaults, key)) {
      const known = Object.keys(definition.defaults).join(', ') || 'none';
      throw new PolicyParamError(`policy ${definition.name} has no parameter "${key}" (parameters: ${known})`);
    }
    if (!Number.isFinite(value)) throw new PolicyParamError(`policy ${definition.name} parameter "${key}" must be a finite number`);
    resolved[key] = value;
  }
  return resolved;
}
