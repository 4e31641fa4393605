/**
 * The gate grammar of drill files. A gate is a YAML object, or a one-line string that reads as the
 * object it stands for:
 *
 *   threshold   { metric: IS_FO_BPS, stat: p99, policy: gap-recovery, max: 25 }     (max, min or both)
 *               "p99(IS_FO_BPS) of gap-recovery <= 25"       ("<= 25 bps" and ">= x" too)
 *               { metric: FETL_BPS, policy: gap-recovery, max: 10 }   "FETL_BPS of gap-recovery <= 10"
 *   beats       { policy: gap-recovery, beats: naive, stat: p95, metric: IS_FO_BPS, confidence: 0.95, margin: 0.25 }   (metric: IS_FO_BPS unless named)
 *               "gap-recovery beats naive at p95 with 95% confidence with margin 0.25 bps"   ("at p95(IS_BPS)" names another metric;
 *               the margin, the smallest saving that matters, is optional: beats-gate.ts)
 *   invariants  { noInvariantViolations: true }   "no invariant violations"   ("for <policy>" scopes it)
 *
 * Every form takes an optional scenario (`scenario: fix-resend`, or "... in fix-resend"); without one
 * the gate is checked in every scenario of the drill. `stat` is p<NN>, cvar<NN> or mean. `metric` is a
 * metric name of the records (IS_BPS, IS_FO_BPS, COMPLETION ...), or FETL_BPS. `confidence` defaults to
 * the drill's `level` (0.95); a threshold gate with `confidence: false` compares the point estimate.
 * `policy` is a policy name, or a column label (`gap-recovery[confidenceThreshold=0.9]`,
 * `gap-recovery@2.0.0`) to pick one setting or version.
 */
import { z } from 'zod';
import { STATISTIC_GRAMMAR, statisticNamed } from '../compare/statistics.ts';
import { formatPath } from '../scenario/index.ts';
import { BEATS_DEFAULT_METRIC, BeatsGate } from './beats-gate.ts';
import { formatPercent, type Gate } from './gate.ts';
import { NoInvariantViolationsGate } from './record-gates.ts';
import { FETL_METRIC, ThresholdGate } from './threshold-gate.ts';

export interface DrillIssue {
  path: string;
  message: string;
}

const METRIC = /^[A-Za-z][A-Za-z0-9_]*$/;
const STAT = String.raw`p\d+(?:\.\d+)?|cvar\d+(?:\.\d+)?|mean`;
const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const SCOPE = String.raw`(?:\s+in\s+(?<scenario>\S+))?`;
const THRESHOLD_TEXT = new RegExp(
  String.raw`^(?<stat>${STAT})\s*(?:\(\s*(?<metric>\w+)\s*\)|\s+(?<bare>\w+))\s+of\s+(?<policy>\S+)\s*(?<op><=|>=)\s*(?<value>${NUMBER})(?:\s*bps)?${SCOPE}$`,
);
const FETL_TEXT = new RegExp(String.raw`^FETL(?:_BPS)?\s+of\s+(?<policy>\S+)\s*(?<op><=|>=)\s*(?<value>${NUMBER})(?:\s*bps)?${SCOPE}$`);
const BEATS_TEXT = new RegExp(
  String.raw`^(?<policy>\S+)\s+beats\s+(?<other>\S+)\s+at\s+(?<stat>${STAT})(?:\s*\(\s*(?<metric>\w+)\s*\))?(?:\s+with\s+(?<percent>\d+(?:\.\d+)?)%\s+confidence)?(?:\s+with\s+margin\s+(?<margin>\d+(?:\.\d+)?)(?:\s*bps)?)?${SCOPE}$`,
);
const INVARIANTS_TEXT = new RegExp(String.raw`^no invariant violations(?:\s+for\s+(?<policy>\S+))?${SCOPE}$`);

export const GATE_FORMS = [
  '"<stat>(<METRIC>) of <policy> <= <number>"',
  '"FETL_BPS of <policy> <= <number>"',
  '"<policy> beats <policy> at <stat>[(<METRIC>)] [with <NN>% confidence] [with margin <number> bps]"',
  '"no invariant violations [for <policy>]"',
  '(each optionally followed by "in <scenario>"), or the object forms in the docs',
];

/** The object a gate string stands for, or null when it matches no form. */
export function parseGateText(text: string): Record<string, unknown> | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const scope = (groups: Record<string, string | undefined>) => (groups.scenario === undefined ? {} : { scenario: groups.scenario });
  const bound = (op: string, value: string) => (op === '<=' ? { max: Number(value) } : { min: Number(value) });
  let match = FETL_TEXT.exec(trimmed);
  if (match?.groups) return { metric: FETL_METRIC, policy: match.groups.policy, ...bound(match.groups.op, match.groups.value), ...scope(match.groups) };
  match = THRESHOLD_TEXT.exec(trimmed);
  if (match?.groups) {
    const { stat, metric, bare, policy, op, value } = match.groups;
    return { metric: metric ?? bare, stat, policy, ...bound(op, value), ...scope(match.groups) };
  }
  match = BEATS_TEXT.exec(trimmed);
  if (match?.groups) {
    const { policy, other, stat, metric, percent, margin } = match.groups;
    return {
      policy,
      beats: other,
      stat,
      ...(metric ? { metric } : {}),
      ...(percent ? { confidence: Number(percent) / 100 } : {}),
      ...(margin ? { margin: Number(margin) } : {}),
      ...scope(match.groups),
    };
  }
  match = INVARIANTS_TEXT.exec(trimmed);
  if (match?.groups) return { noInvariantViolations: true, ...(match.groups.policy ? { policy: match.groups.policy } : {}), ...scope(match.groups) };
  return null;
}

const optionalName = z.string().min(1).optional();
const metricName = z.string().regex(METRIC, 'a metric name such as IS_FO_BPS');
const thresholdSchema = z
  .object({
    metric: metricName,
    stat: z.string().optional(),
    policy: z.string().min(1),
    scenario: optionalName,
    max: z.number().optional(),
    min: z.number().optional(),
    confidence: z.union([z.number().gt(0).lt(1), z.literal(false)]).optional(),
  })
  .strict();
const beatsSchema = z
  .object({
    policy: z.string().min(1),
    beats: z.string().min(1),
    stat: z.string(),
    metric: metricName.optional(),
    scenario: optionalName,
    confidence: z.number().gt(0).lt(1).optional(),
    margin: z.number().nonnegative().optional(),
  })
  .strict();
const invariantsSchema = z.object({ noInvariantViolations: z.literal(true), policy: optionalName, scenario: optionalName }).strict();

export interface GateDefaults {
  file: string;
  level: number;
  /** The drill's policies: a gate naming another is a typo, caught before the sweep runs. */
  policies: readonly string[];
}

/** Whether a name (a policy, a version `naive@1.1.0`, a setting `gap-recovery[...]`) is one of the drill's policies. */
export function knownPolicy(name: string, policies: readonly string[]): boolean {
  const base = name.replace(/\[.*\]$/, '');
  const isModulePath = (policy: string) => /[\\/]|\.m?[jt]s$/.test(policy);
  return policies.some((policy) => isModulePath(policy) || policy === base || policy.split('@')[0] === base.split('@')[0]);
}

function parsed<T>(schema: z.ZodType<T>, raw: unknown, path: string, issues: DrillIssue[]): T | null {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const key of keys) {
      const where = formatPath(key);
      issues.push({ path: where === '' ? path : `${path}.${where}`, message: issue.code === 'unrecognized_keys' ? 'unknown key (a typo?)' : issue.message });
    }
  }
  return null;
}

function checkStat(stat: string | undefined, path: string, issues: DrillIssue[]): string | null {
  if (stat === undefined) issues.push({ path: `${path}.stat`, message: `missing: ${STATISTIC_GRAMMAR}` });
  else if (statisticNamed(stat) === null) issues.push({ path: `${path}.stat`, message: `${stat} is not a statistic: ${STATISTIC_GRAMMAR}` });
  else return stat;
  return null;
}

function checkPolicy(policy: string, path: string, defaults: GateDefaults, issues: DrillIssue[]): void {
  if (!knownPolicy(policy, defaults.policies)) issues.push({ path, message: `${policy} is not one of the drill's policies (${defaults.policies.join(', ')})` });
}

const scopeText = (scenario: string | undefined) => (scenario === undefined ? '' : ` in ${scenario}`);

/** Builds the gate at `path` (`gates[2]`) of a drill file, or records why it cannot. */
export function buildGate(raw: unknown, path: string, defaults: GateDefaults, issues: DrillIssue[]): Gate | null {
  const where = `${defaults.file}: ${path}`;
  let value = raw;
  if (typeof raw === 'string') {
    value = parseGateText(raw);
    if (value === null) {
      issues.push({ path, message: `cannot read ${JSON.stringify(raw)} as a gate; the forms are ${GATE_FORMS.join(', ')}` });
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ path, message: 'expected a gate: a string or an object (see the gate grammar)' });
    return null;
  }
  const before = issues.length;
  if ('noInvariantViolations' in value) {
    const spec = parsed(invariantsSchema, value, path, issues);
    if (spec?.policy !== undefined) checkPolicy(spec.policy, `${path}.policy`, defaults, issues);
    if (spec === null || issues.length > before) return null;
    const text = `no invariant violations${spec.policy === undefined ? '' : ` for ${spec.policy}`}${scopeText(spec.scenario)}`;
    return new NoInvariantViolationsGate(text, where, spec.policy ?? null, spec.scenario ?? null);
  }
  if ('beats' in value) {
    const spec = parsed(beatsSchema, value, path, issues);
    if (spec === null) return null;
    const stat = checkStat(spec.stat, path, issues);
    checkPolicy(spec.policy, `${path}.policy`, defaults, issues);
    checkPolicy(spec.beats, `${path}.beats`, defaults, issues);
    // Their paired difference is 0 on every seed: the gate could never pass, whatever ran.
    if (spec.policy === spec.beats) issues.push({ path: `${path}.beats`, message: `${spec.policy} is compared with itself: name another policy` });
    if (stat === null || issues.length > before) return null;
    const metric = spec.metric ?? BEATS_DEFAULT_METRIC;
    const confidence = spec.confidence ?? defaults.level;
    const margin = spec.margin ?? 0;
    const marginText = margin > 0 ? ` with margin ${margin} bps` : '';
    const text = `${spec.policy} beats ${spec.beats} at ${stat}(${metric}) with ${formatPercent(confidence)} confidence${marginText}${scopeText(spec.scenario)}`;
    return new BeatsGate(text, where, { policy: spec.policy, other: spec.beats, metric, stat, scenario: spec.scenario ?? null, confidence, margin });
  }
  const spec = parsed(thresholdSchema, value, path, issues);
  if (spec === null) return null;
  const isFetl = spec.metric === FETL_METRIC;
  if (isFetl && spec.stat !== undefined) issues.push({ path: `${path}.stat`, message: 'FETL_BPS is a statistic already (p95 minus p95): leave stat out' });
  const stat = isFetl ? null : checkStat(spec.stat, path, issues);
  if (spec.max === undefined && spec.min === undefined) issues.push({ path: `${path}.max`, message: 'give max, min or both' });
  if (spec.max !== undefined && spec.min !== undefined && spec.min > spec.max) issues.push({ path: `${path}.min`, message: `${spec.min} is above max ${spec.max}: no value lies within both` });
  checkPolicy(spec.policy, `${path}.policy`, defaults, issues);
  if (issues.length > before) return null;
  const confidence = spec.confidence === false ? null : (spec.confidence ?? defaults.level);
  const bounds = [spec.max === undefined ? '' : ` <= ${spec.max}`, spec.min === undefined ? '' : ` >= ${spec.min}`].filter(Boolean).join(' and');
  const measured = isFetl ? FETL_METRIC : `${stat}(${spec.metric})`;
  const how = confidence === null ? ' (point estimate)' : ` with ${formatPercent(confidence)} confidence`;
  const text = `${measured} of ${spec.policy}${bounds}${how}${scopeText(spec.scenario)}`;
  return new ThresholdGate(text, where, {
    metric: spec.metric,
    stat,
    policy: spec.policy,
    scenario: spec.scenario ?? null,
    max: spec.max ?? null,
    min: spec.min ?? null,
    confidence,
  });
}
