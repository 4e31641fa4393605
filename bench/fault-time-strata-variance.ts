/**
 * `npx tsx bench/fault-time-strata-variance.ts <sweep dir> <policy a> <policy b> <K> <seeds per replicate>`: how
 * much stratified fault times (a scenario's `faultTimeStrata`) narrow the paired estimate of
 * IS_FO_BPS(b) - IS_FO_BPS(a), mean and p95 difference, measured on a sweep of one scenario with and without
 * strata (harness/drill/README.md, "Stratified fault times").
 *
 * Replicates: the seeds (1, 2, ... in order) cut into consecutive replicates of the given size (whole blocks of
 * K), each an independent estimate; the sd of the estimates over replicates is the estimate's standard error at
 * that seed count, measured rather than modelled, and the ratio of the two designs' variances is the gain.
 * Bootstrap: over all the seeds, the half-width of the 68.27% bootstrap interval (stratified when the records
 * carry strata), and `between`, the share of the paired differences' variance that lies between strata (1 -
 * pooled within-stratum variance / variance): what stratifying can remove from the mean's variance at best. An
 * unstratified scenario is post-stratified for it by the stratum its fault time fell in (floor(u K), u from the
 * seed's stream fault.0.at).
 */
import { meanStatistic, pairedBootstrapDifference, quantileStatistic, RandomStreams, type Statistic } from '../sim/index.ts';
import { evaluate } from '../harness/compare/statistics.ts';
import { metricValue, strataOf } from '../harness/compare/index.ts';
import type { EpisodeRecord } from '../harness/episode/record.ts';
import { readRecordsFile } from '../harness/sweep/records.ts';

const [dir, policyA, policyB, strataText, replicateText] = process.argv.slice(2);
if (replicateText === undefined) {
  console.error('usage: npx tsx bench/fault-time-strata-variance.ts <sweep dir> <policy a> <policy b> <K> <seeds per replicate>');
  process.exit(64);
}
const K = Number(strataText);
const REPLICATE_SEEDS = Number(replicateText);
const METRIC = 'IS_FO_BPS';
const P95 = quantileStatistic(0.95);

const average = (x: readonly number[]) => x.reduce((sum, v) => sum + v, 0) / x.length;
const variance = (x: readonly number[]) => x.reduce((sum, v) => sum + (v - average(x)) ** 2, 0) / (x.length - 1);

function betweenShare(d: readonly number[], strata: readonly number[]): number {
  const groups = [...new Set(strata)].map((stratum) => d.filter((_, i) => strata[i] === stratum));
  const within = groups.reduce((sum, g) => sum + (g.length - 1) * variance(g), 0) / (d.length - groups.length);
  return 1 - within / variance(d);
}

function bootstrapSe(a: number[], b: number[], strata: number[] | undefined, statistic: Statistic, stream: string): number {
  const interval = pairedBootstrapDifference(a, b, statistic, { rng: new RandomStreams(1).get(stream), level: 0.6827, resamples: 20_000, strata });
  return (interval.high - interval.low) / 2;
}

interface Design {
  file: string;
  label: string;
  a: number[];
  b: number[];
  strata: number[];
}

function designOf(file: string, records: readonly EpisodeRecord[]): Design {
  const bySeed = (policy: string) => new Map(records.filter((r) => r.scenarioFile === file && r.policy.name === policy).map((r) => [r.seed, r]));
  const a = bySeed(policyA as string);
  const b = bySeed(policyB as string);
  const seeds = [...a.keys()].filter((seed) => b.has(seed)).sort((x, y) => x - y);
  const value = (side: Map<number, EpisodeRecord>) => seeds.map((seed) => metricValue(side.get(seed) as EpisodeRecord, METRIC) as number);
  const recorded = strataOf(seeds.map((seed) => a.get(seed) as EpisodeRecord));
  const strata = recorded ?? seeds.map((seed) => Math.floor(new RandomStreams(seed).get('fault.0.at').next() * K));
  const label = recorded === undefined ? 'uniform' : `stratified K=${(a.get(seeds[0]) as EpisodeRecord).faultTimeStrata?.count}`;
  return { file, label, a: value(a), b: value(b), strata };
}

const records = readRecordsFile(`${dir}/episodes.jsonl`).filter((record) => record.status === 'ok' && metricValue(record, METRIC) !== null);
const designs = [...new Set(records.map((record) => record.scenarioFile))].sort().map((file) => designOf(file, records));
console.log(`${METRIC}(${policyB}) - ${METRIC}(${policyA}), paired by seed`);
console.log(['scenario file', 'design', 'seeds', 'replicates', 'sd(mean)', 'sd(p95 diff)', 'bootstrap se(mean)', 'bootstrap se(p95 diff)', 'between'].join('\t'));
const sds = new Map<string, { mean: number; p95: number }>();
for (const design of designs) {
  const replicates = Math.floor(design.a.length / REPLICATE_SEEDS);
  const estimates = Array.from({ length: replicates }, (_, r) => {
    const slice = (x: number[]) => x.slice(r * REPLICATE_SEEDS, (r + 1) * REPLICATE_SEEDS);
    const d = slice(design.b).map((value, i) => value - slice(design.a)[i]);
    return { mean: average(d), p95: evaluate(P95, slice(design.b)) - evaluate(P95, slice(design.a)) };
  });
  const sd = { mean: Math.sqrt(variance(estimates.map((e) => e.mean))), p95: Math.sqrt(variance(estimates.map((e) => e.p95))) };
  sds.set(design.label, sd);
  const uniform = design.label === 'uniform';
  const seMean = bootstrapSe(design.a, design.b, uniform ? undefined : design.strata, meanStatistic, `${design.file}.mean`);
  const seP95 = bootstrapSe(design.a, design.b, uniform ? undefined : design.strata, P95, `${design.file}.p95`);
  const d = design.b.map((value, i) => value - design.a[i]);
  console.log([design.file, design.label, design.a.length, replicates, sd.mean.toFixed(3), sd.p95.toFixed(3), seMean.toFixed(3), seP95.toFixed(3), betweenShare(d, design.strata).toFixed(3)].join('\t'));
}
const plain = sds.get('uniform');
for (const [label, sd] of sds) {
  if (label === 'uniform' || plain === undefined) continue;
  console.log(`variance ratio ${label} / uniform at ${REPLICATE_SEEDS} seeds: mean ${((sd.mean / plain.mean) ** 2).toFixed(2)}, p95 difference ${((sd.p95 / plain.p95) ** 2).toFixed(2)}`);
}
