/**
 * Checks a policy's decision against its type before the router acts on it: a decision from a user's
 * JavaScript module can hold anything (NaN, a string, a negative size, an unknown placement, weights
 * for gateways that do not exist, a Promise), and the router would otherwise act on it silently or
 * loop forever (a child size of 0 never uses up the quantity to send). Every problem of a decision is
 * named at once, field by field, with what was expected. What passes comes back as a fresh, frozen
 * decision, so a policy that keeps a reference to what it returned cannot change it afterwards.
 */
import type { Decision, Placement } from '../../policies/index.ts';

const PLACEMENTS: ReadonlySet<string> = new Set<Placement>(['passive', 'cross', 'ioc']);
const FLAGS = ['pause', 'cancelResting', 'serialize', 'reconcileUnknown'] as const;
/** Flags a decision may leave out (absent reads as false). */
const OPTIONAL_FLAGS = ['massCancel', 'reenterUnknown'] as const;
const KNOBS = ['participationScale', 'catchupCap'] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set(['regime', 'placement', 'childQtyMaxShares', 'gatewayWeights', ...FLAGS, ...OPTIONAL_FLAGS, ...KNOBS]);
/** Regimes are shown in tables, charts and terminals, and recorded at every change. */
const REGIME_LENGTH_MAX = 64;

/** A value as a message shows it: short, and never the value's own (possibly hostile) rendering. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}...` : JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (isThenable(value)) return 'a Promise';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Weights must be plain data: a Map or a Promise has no own keys and would read as "weight nothing". */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Reads a decision's fields once each, into a plain object: a user's decision may have getters that
 * throw or answer differently on a second read, and what is checked must be what the router acts on.
 */
function copyFields(value: Record<string, unknown>): { fields: Record<string, unknown>; extra: string[] } {
  const fields: Record<string, unknown> = {};
  const extra: string[] = [];
  for (const key of Object.keys(value)) {
    if (!KNOWN_FIELDS.has(key)) extra.push(key);
    else if (key !== 'gatewayWeights') fields[key] = value[key];
  }
  const weights = value.gatewayWeights;
  if (isPlainRecord(weights)) {
    // No prototype: a gateway named like an Object.prototype member reads as unweighted, not as a function.
    const copy: Record<string, unknown> = Object.create(null);
    for (const id of Object.keys(weights)) copy[id] = weights[id];
    fields.gatewayWeights = copy;
  } else {
    fields.gatewayWeights = weights;
  }
  return { fields, extra };
}

function problemsOf(fields: Record<string, unknown>, extra: readonly string[], knowsGateway: (id: string) => boolean): string[] {
  const problems: string[] = [];
  const field = (name: string, expected: string) => problems.push(`decision.${name} = ${describeValue(fields[name])}: expected ${expected}`);
  const regime = fields.regime;
  // eslint-disable-next-line no-control-regex
  if (typeof regime !== 'string' || regime === '' || regime.length > REGIME_LENGTH_MAX || /[\u0000-\u001f\u007f-\u009f]/.test(regime)) {
    field('regime', `a name of 1 to ${REGIME_LENGTH_MAX} printable characters`);
  }
  for (const name of FLAGS) if (typeof fields[name] !== 'boolean') field(name, 'true or false');
  for (const name of OPTIONAL_FLAGS) if (fields[name] !== undefined && typeof fields[name] !== 'boolean') field(name, 'true, false or absent');
  for (const name of KNOBS) {
    const knob = fields[name];
    if (typeof knob !== 'number' || !Number.isFinite(knob) || knob < 0) field(name, 'a finite number >= 0');
  }
  const size = fields.childQtyMaxShares;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) field('childQtyMaxShares', 'a whole number of shares >= 1');
  if (typeof fields.placement !== 'string' || !PLACEMENTS.has(fields.placement)) field('placement', `one of ${[...PLACEMENTS].join(', ')}`);
  const weights = fields.gatewayWeights;
  if (weights !== undefined) {
    if (!isPlainRecord(weights)) field('gatewayWeights', 'undefined, or weights by gateway id ({ gw1: 1, gw2: 0 })');
    else {
      for (const [id, weight] of Object.entries(weights)) {
        if (!knowsGateway(id)) problems.push(`decision.gatewayWeights names ${describeValue(id)}: no such gateway in this observation (its sessions' and pool's gateway ids)`);
        else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) problems.push(`decision.gatewayWeights.${id} = ${describeValue(weight)}: expected a finite number >= 0`);
      }
    }
  }
  for (const key of extra) problems.push(`decision.${key.slice(0, 40)}: not a Decision field (a typo?)`);
  return problems;
}

export type DecisionCheck = { ok: true; decision: Decision } | { ok: false; problems: string[] };

/**
 * Checks what a policy's decide returned. A well-formed decision comes back copied and frozen (weights
 * included), so a policy that keeps a reference to what it returned cannot change it afterwards.
 */
export function checkDecision(value: unknown, knowsGateway: (id: string) => boolean): DecisionCheck {
  if (isThenable(value)) return { ok: false, problems: ['decide returned a Promise: decisions must be synchronous (is decide async?)'] };
  if (!isRecord(value)) return { ok: false, problems: [`decide returned ${describeValue(value)}: expected a Decision object`] };
  const { fields, extra } = copyFields(value);
  const problems = problemsOf(fields, extra, knowsGateway);
  if (problems.length > 0) return { ok: false, problems };
  if (fields.gatewayWeights !== undefined) Object.freeze(fields.gatewayWeights);
  return { ok: true, decision: Object.freeze(fields) as unknown as Decision };
}
