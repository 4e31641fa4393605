/**
 * Evaluates a fact's check tree on the records of one look. A leaf passes or fails at the error this
 * look may spend (sequential-looks.ts), each direction divided by the size of every node above it
 * that a single child can decide (Bonferroni): `any` passes when one child passes, so a pass under it
 * needs alpha/m; `all` fails when one child fails, so a fail under it needs alpha/m. The other
 * direction needs no division: `all` passes only when every child does, and `any` fails only when
 * every child does (an intersection-union test keeps the level of its parts). So a fact of 22
 * conjunctive checks, all true, is not failed one time in three by chance. A leaf whose two levels
 * differ gets an interval at each, from the same bootstrap stream; each decides only in its own direction.
 * Leaves: a BCa bootstrap of one sample
 * or of a paired difference (sim/stats; for importance-weighted records the weighted bootstrap, a
 * percentile interval), or Clopper-Pearson for a share of episodes.
 * A metric no record carries is "not measured", never a pass or a fail.
 */
import {
  bootstrapInterval,
  clopperPearsonInterval,
  pairedBootstrapDifference,
  pairedWeightedBootstrapDifference,
  RandomStreams,
  weightedBootstrapInterval,
  type UniformSource,
} from '../../sim/index.ts';
import { statisticNamed, weightedStatisticNamed } from '../compare/statistics.ts';
import { pairedWeightsOf, weightsOf } from '../compare/weights.ts';
import { metricValue } from '../compare/column-stats.ts';
import { pairedStrataOf, strataOf } from '../compare/strata.ts';
import type { EpisodeRecord } from '../episode/record.ts';
import { claimText, judgeClaim, settleSeeds, verdictWords, type ClaimInterval, type FactVerdict } from './claim.ts';
import type { LaterLook } from './sequential.ts';
import { describePaired, describeSample, describeShare } from './describe.ts';
import type { Arm, Check, Claim, PairedCheck, Sample, ShareCheck, StatisticCheck } from './fact.ts';

export interface CheckResult {
  label: string;
  kind: Check['kind'];
  verdict: FactVerdict;
  /** What was measured, in words; empty for `all` and `any`. */
  statistic: string;
  claim: string | null;
  estimate: number | null;
  low: number | null;
  high: number | null;
  /** Confidence of this leaf's interval at this look. */
  level: number | null;
  /** Values, pairs or episodes the interval rests on. */
  n: number;
  reason: string;
  /** For an undecided result: the seeds that would settle it (a projection), null when none in sight. */
  settleSeeds: number | null;
  checks?: CheckResult[];
}

export interface LookContext {
  /** The ok records of an arm at this look's seeds. */
  records(arm: Arm): EpisodeRecord[];
  seeds: number;
  /** The error this look may spend. */
  alpha: number;
  /** The looks after this one (seeds, and the error each may spend), for settle projections. */
  later: readonly LaterLook[];
  /** Names the bootstrap streams, so a look's intervals are the same on every run. */
  streamName: string;
}

/** Enough replicates that the tail quantile a level needs rests on about 20 of them. */
export function resamplesFor(alpha: number): number {
  return Math.min(20_000, Math.max(2_000, Math.ceil(20 / alpha)));
}

interface Leaf {
  context: LookContext;
  /** The error a pass of this leaf may spend, and a fail. */
  passAlpha: number;
  failAlpha: number;
  rng: () => UniformSource;
}

/** A leaf's interval at a confidence 1 - alpha, or null when there are too few values for one. */
type IntervalAt = (alpha: number) => ClaimInterval | null;

function notMeasured(records: readonly EpisodeRecord[], metrics: readonly string[]): string | null {
  const missing = metrics.filter((metric) => !records.some((record) => Object.hasOwn(record.metrics, metric)));
  return missing.length === 0 || records.length === 0 ? null : `not measured: no record carries ${missing.join(', ')}`;
}

/** Pass at the pass level, fail at the fail level; shown: the interval that decided, or the one that straddles. */
function judgeLeaf(claim: Claim, leaf: Leaf, intervalAt: IntervalAt): { verdict: FactVerdict; interval: ClaimInterval; alpha: number } | null {
  const atPass = intervalAt(leaf.passAlpha);
  if (atPass === null) return null;
  const passJudged = judgeClaim(atPass, claim);
  if (passJudged === 'pass') return { verdict: 'pass', interval: atPass, alpha: leaf.passAlpha };
  const atFail = leaf.failAlpha === leaf.passAlpha ? atPass : (intervalAt(leaf.failAlpha) as ClaimInterval);
  if (judgeClaim(atFail, claim) === 'fail') return { verdict: 'fail', interval: atFail, alpha: leaf.failAlpha };
  return passJudged === 'fail' ? { verdict: 'undecided', interval: atFail, alpha: leaf.failAlpha } : { verdict: 'undecided', interval: atPass, alpha: leaf.passAlpha };
}

function leafResult(check: StatisticCheck | PairedCheck | ShareCheck, statistic: string, leaf: Leaf, intervalAt: IntervalAt, n: number, missing: string | null): CheckResult {
  const base = { label: check.label, kind: check.kind, statistic, claim: claimText(check.claim), n };
  const judged = judgeLeaf(check.claim, leaf, intervalAt);
  if (judged === null) {
    const reason = missing ?? (n === 0 ? 'no values at these seeds' : `only ${n} value${n === 1 ? '' : 's'}: too few for an interval`);
    return { ...base, level: 1 - leaf.passAlpha, verdict: 'undecided', estimate: null, low: null, high: null, reason, settleSeeds: null };
  }
  const { verdict, interval, alpha } = judged;
  const later = leaf.context.later.map((look) => ({ seeds: look.seeds, alpha: look.alpha * (alpha / leaf.context.alpha) }));
  const settle = verdict === 'undecided' ? settleSeeds(interval, check.claim, { seeds: leaf.context.seeds, alpha }, later) : null;
  let reason = verdictWords(verdict, check.claim);
  if (verdict === 'undecided' && alpha !== leaf.passAlpha) reason += ` at the ${percent(1 - alpha)} a fail needs here`;
  if (verdict === 'undecided') reason += settle === null ? `: at this estimate not even ${later.at(-1)?.seeds ?? leaf.context.seeds} seeds would settle it` : `: about ${settle} seeds would settle it`;
  return { ...base, level: 1 - alpha, verdict, estimate: interval.estimate, low: interval.low, high: interval.high, reason, settleSeeds: settle };
}

const percent = (level: number) => `${Number((level * 100).toFixed(2))}%`;

/** The arm's records, its values by seed and the records they came from (whose strata a stratified design resamples within). */
function samples(context: LookContext, sample: Sample): { records: EpisodeRecord[]; values: Map<number, number>; measured: Map<number, EpisodeRecord> } {
  const records = context.records(sample.arm);
  const values = new Map<number, number>();
  const measured = new Map<number, EpisodeRecord>();
  for (const record of records) {
    const v = metricValue(record, sample.metric);
    if (v !== null && (sample.where === undefined || sample.where.holds(record))) {
      values.set(record.seed, v);
      measured.set(record.seed, record);
    }
  }
  return { records, values, measured };
}

function statisticOf(name: string) {
  const statistic = statisticNamed(name);
  if (statistic === null) throw new Error(`a fact names an unknown statistic: ${name}`);
  return statistic;
}

function evaluateStatistic(check: StatisticCheck, leaf: Leaf): CheckResult {
  const { records, values, measured } = samples(leaf.context, check.sample);
  const sample = [...values.values()];
  const strata = strataOf([...measured.values()]);
  // Under tail sampling the records carry importance weights, and the statistic is the weighted one.
  const weights = weightsOf([...measured.values()]);
  const intervalAt: IntervalAt = (alpha) => {
    if (sample.length < 2) return null;
    const options = { rng: leaf.rng(), level: 1 - alpha, resamples: resamplesFor(alpha), strata };
    return weights === undefined ? bootstrapInterval(sample, statisticOf(check.stat), options) : weightedBootstrapInterval(sample, weights, weightedStatisticNamed(check.stat), options);
  };
  return leafResult(check, describeSample(check.stat, check.sample), leaf, intervalAt, sample.length, notMeasured(records, [check.sample.metric]));
}

function evaluatePaired(check: PairedCheck, leaf: Leaf): CheckResult {
  const a = samples(leaf.context, check.a);
  const b = samples(leaf.context, check.b);
  const seeds = [...a.values.keys()].filter((seed) => b.values.has(seed));
  const pairedRecords = (arm: typeof a) => seeds.map((seed) => arm.measured.get(seed) as EpisodeRecord);
  const strata = pairedStrataOf(pairedRecords(a), pairedRecords(b));
  const weights = pairedWeightsOf(pairedRecords(a), pairedRecords(b));
  const valuesA = seeds.map((seed) => a.values.get(seed) as number);
  const valuesB = seeds.map((seed) => b.values.get(seed) as number);
  const intervalAt: IntervalAt = (alpha) => {
    if (seeds.length < 2) return null;
    const options = { rng: leaf.rng(), level: 1 - alpha, resamples: resamplesFor(alpha), strata };
    return weights === undefined
      ? pairedBootstrapDifference(valuesA, valuesB, statisticOf(check.stat), options)
      : pairedWeightedBootstrapDifference(valuesA, valuesB, weights, weightedStatisticNamed(check.stat), options);
  };
  const missing = notMeasured(a.records, [check.a.metric]) ?? notMeasured(b.records, [check.b.metric]);
  return leafResult(check, describePaired(check.stat, check.a, check.b), leaf, intervalAt, seeds.length, missing);
}

function evaluateShare(check: ShareCheck, leaf: Leaf): CheckResult {
  const population = leaf.context.records(check.arm).filter((record) => check.population === undefined || check.population.holds(record));
  const successes = population.filter((record) => check.success.holds(record)).length;
  const intervalAt: IntervalAt = (alpha) => (population.length === 0 ? null : clopperPearsonInterval(successes, population.length, 1 - alpha));
  return leafResult(check, describeShare(check), leaf, intervalAt, population.length, null);
}

const count = (results: readonly CheckResult[], verdict: FactVerdict) => results.filter((result) => result.verdict === verdict);

function combined(check: Check & { kind: 'all' | 'any' }, children: CheckResult[]): CheckResult {
  const passed = count(children, 'pass');
  const failed = count(children, 'fail');
  const undecided = count(children, 'undecided');
  const all = check.kind === 'all';
  const verdict: FactVerdict = all
    ? failed.length > 0 ? 'fail' : undecided.length > 0 ? 'undecided' : 'pass'
    : passed.length > 0 ? 'pass' : undecided.length > 0 ? 'undecided' : 'fail';
  const settles = undecided.map((result) => result.settleSeeds);
  const known = settles.filter((seeds): seeds is number => seeds !== null);
  let settle: number | null = null;
  if (verdict === 'undecided') settle = all ? (known.length === settles.length ? Math.max(...known) : null) : known.length > 0 ? Math.min(...known) : null;
  const of = `of ${children.length}`;
  const first = (results: CheckResult[]) => `${results[0].label}: ${results[0].reason}`;
  const reasons: Record<FactVerdict, () => string> = all
    ? { pass: () => `all ${children.length} checks pass`, fail: () => `${failed.length} ${of} fail; ${first(failed)}`, undecided: () => `${undecided.length} ${of} undecided, none failed; ${first(undecided)}` }
    : { pass: () => `${passed.length} ${of} pass (one is needed); ${first(passed)}`, fail: () => `none ${of} passes; ${first(failed)}`, undecided: () => `none ${of} passes yet, ${undecided.length} undecided; ${first(undecided)}` };
  const reason = reasons[verdict]();
  return { label: check.label, kind: check.kind, verdict, statistic: '', claim: null, estimate: null, low: null, high: null, level: null, n: 0, reason, settleSeeds: settle, checks: children };
}

function evaluateNode(check: Check, context: LookContext, passAlpha: number, failAlpha: number, path: string): CheckResult {
  const leaf: Leaf = { context, passAlpha, failAlpha, rng: () => new RandomStreams(context.streamName).get(path) };
  const children = (checks: readonly Check[], pass: number, fail: number) => checks.map((child, i) => evaluateNode(child, context, pass, fail, `${path}.${i}`));
  switch (check.kind) {
    case 'statistic':
      return evaluateStatistic(check, leaf);
    case 'paired':
      return evaluatePaired(check, leaf);
    case 'share':
      return evaluateShare(check, leaf);
    case 'all':
      return combined(check, children(check.checks, passAlpha, failAlpha / check.checks.length));
    case 'any':
      return combined(check, children(check.checks, passAlpha / check.checks.length, failAlpha));
  }
}

export function evaluateCheck(check: Check, context: LookContext): CheckResult {
  return evaluateNode(check, context, context.alpha, context.alpha, 'check');
}
