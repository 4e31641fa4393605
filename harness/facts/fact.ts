/**
 * A stylized fact of the facts table (README.md beside this file) as data: which episodes it runs (a sweep design: scenarios x
 * policies x parameter settings, seeds added by the sequential rounds), and the check over their
 * records that decides it. A check is a tree: leaves are one statistic against a bound (a bootstrap
 * interval), a paired difference between two samples on the same seeds (a paired bootstrap), or a
 * share of episodes (a Clopper-Pearson interval); `all` needs every child, `any` one of them (where
 * one child decides, a pass of `any` or a fail of `all`, the children split the error, Bonferroni,
 * so m children are not m chances at a false verdict: evaluate.ts).
 * Scenario paths are relative to the project root.
 */
import { metricValue } from '../compare/column-stats.ts';
import type { EpisodeRecord } from '../episode/record.ts';
import type { ParamAxis } from '../sweep/params.ts';

/** One column of episodes: a scenario run by one policy with one parameter setting. */
export interface Arm {
  scenario: string;
  policy: string;
  /** Overrides of the policy's defaults, as the design's axes give them (none: `{}`). */
  params: Record<string, number>;
}

/** A condition on one record, with the words the report shows for it. */
export interface RecordPredicate {
  text: string;
  holds(record: EpisodeRecord): boolean;
}

/** A metric's values over an arm's records (those the predicate keeps). */
export interface Sample {
  arm: Arm;
  metric: string;
  where?: RecordPredicate;
}

export type ClaimOp = '>' | '>=' | '<' | '<=' | '!=';

/** What the statistic must be: `> 0`, `>= 0.9`, `!= 0` (two-sided). */
export interface Claim {
  op: ClaimOp;
  bound: number;
}

interface CheckBase {
  /** Short, for the report: `FETL in 002-fix-gap-resend`. */
  label: string;
}

export interface StatisticCheck extends CheckBase {
  kind: 'statistic';
  sample: Sample;
  /** `mean`, `p50`, `p95`, `p99`, `cvar95` (compare/statistics.ts). */
  stat: string;
  claim: Claim;
}

/** stat(b) - stat(a), paired by seed: a seed counts when both samples have it. */
export interface PairedCheck extends CheckBase {
  kind: 'paired';
  a: Sample;
  b: Sample;
  stat: string;
  claim: Claim;
}

/** The share of an arm's episodes (within `population`) for which `success` holds. */
export interface ShareCheck extends CheckBase {
  kind: 'share';
  arm: Arm;
  population?: RecordPredicate;
  success: RecordPredicate;
  claim: Claim;
}

export interface AllOf extends CheckBase {
  kind: 'all';
  checks: Check[];
}

export interface AnyOf extends CheckBase {
  kind: 'any';
  checks: Check[];
}

export type Check = StatisticCheck | PairedCheck | ShareCheck | AllOf | AnyOf;

export interface FactDesign {
  scenarios: string[];
  policies: string[];
  params: ParamAxis[];
}

export interface FactDefinition {
  id: string;
  /** The fact in a few words. */
  title: string;
  /** The playbooks' words it rests on, quoted. */
  basis: string;
  /** The test, in words, with the choices made where the fact leaves them open. */
  test: string;
  /** Seeds of the first look: the count the fact states where it states one, else the default. */
  seeds: number;
  seedsStated: boolean;
  design: FactDesign;
  check: Check;
}

/** Seeds of a fact's first look where it states none: enough for a p95 (its 5th largest value). */
export const DEFAULT_FACT_SEEDS = 100;

export const arm = (scenario: string, policy: string, params: Record<string, number> = {}): Arm => ({ scenario, policy, params });

/** A bundled scenario's file, relative to the project root. */
export const scenarioFile = (name: string): string => `scenarios/${name}.yaml`;

/** The scenario's name as reports show it: its file name without directory and extension. */
export const scenarioName = (file: string): string => file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');

export const metricIs = (metric: string, text: string, test: (value: number | null) => boolean): RecordPredicate => ({
  text,
  holds: (record) => test(metricValue(record, metric)),
});
