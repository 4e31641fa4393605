/**
 * `npx tsx bench/tail-sampling-intervals.ts <sweep dir> <baseline> <seeds per replicate>`: how much importance
 * sampling of fault occurrence (a scenario's `tailSampling`) narrows the paired p99 and CVaR95 intervals of
 * IS_FO_BPS(policy) - IS_FO_BPS(baseline), measured on a sweep of one scenario with and without the option
 * (harness/drill/README.md, "Importance sampling of fault occurrence").
 *
 * Replicates: the seeds (1, 2, ... in order) cut into consecutive replicates of the given size; each is
 * compared as `execdrill compare` would (95%, 4000 resamples, weighted when the records carry weights), and
 * its estimate, interval and width printed, with Kish's effective seeds and the count of seeds where a tilted
 * fault occurred. Then, per policy, which of the ten costliest seeds had a tilted fault: where the tail is
 * not made of fault seeds, tilting the fault cannot narrow it.
 */
import { compareRecords } from '../harness/compare/index.ts';
import type { EpisodeRecord } from '../harness/episode/record.ts';
import { readRecordsFile } from '../harness/sweep/records.ts';
import { loadScenarioFile } from '../harness/scenario/load.ts';
import { RandomStreams } from '../sim/index.ts';

const [dir, baseline, replicateText] = process.argv.slice(2);
const REPLICATE_SEEDS = Number(replicateText);
// A replicate size that is not a whole number of seeds would print nothing, as if no replicate fitted.
if (replicateText === undefined || !Number.isInteger(REPLICATE_SEEDS) || REPLICATE_SEEDS < 1) {
  console.error('usage: npx tsx bench/tail-sampling-intervals.ts <sweep dir> <baseline> <seeds per replicate: a whole number above 0>');
  process.exit(64);
}
const METRIC = 'IS_FO_BPS';
const all: EpisodeRecord[] = readRecordsFile(`${dir}/episodes.jsonl`);
if (all.length === 0) {
  console.error(`${dir}/episodes.jsonl: no records`);
  process.exit(64);
}
const seeds = [...new Set(all.map((record) => record.seed))].sort((a, b) => a - b);
const occurred = (record: EpisodeRecord) => record.importanceWeight?.faults.some((fault) => fault.occurred) ?? false;

for (let start = 0; start + REPLICATE_SEEDS <= seeds.length; start += REPLICATE_SEEDS) {
  const range = new Set(seeds.slice(start, start + REPLICATE_SEEDS));
  const records = all.filter((record) => range.has(record.seed));
  const comparison = compareRecords([{ path: dir, records, expected: null }], { baseline, objective: 'p95', level: 0.95, resamples: 4000, seed: 1 }).scenarios[0];
  const faultSeeds = records.filter((record) => record.policy.name === baseline && occurred(record)).length;
  for (const difference of comparison.differences.filter((d) => d.metric === METRIC && (d.stat === 'p99' || d.stat === 'cvar95'))) {
    if (difference.estimate === null || difference.low === null || difference.high === null) continue;
    const weighted = difference.importanceWeighted === undefined ? 'unweighted' : `effective seeds ${difference.importanceWeighted.effectiveSeeds.toFixed(1)}, tilted fault in ${faultSeeds}`;
    console.log(
      `seeds ${seeds[start]}..${seeds[start + REPLICATE_SEEDS - 1]}  ${difference.candidate} - ${baseline}  ${difference.stat}  ${difference.estimate.toFixed(2)} [${difference.low.toFixed(2)}, ${difference.high.toFixed(2)}]  width ${(difference.high - difference.low).toFixed(2)}  ${weighted}`,
    );
  }
}

// Which seeds make the tail: the fault's outcome per seed, read from the records' weights, or for an
// unweighted sweep drawn as the scenario draws it (the seed's fault.<index>.include below p).
const loaded = loadScenarioFile(all[0].scenarioFile);
const ownOutcome = (seed: number) =>
  loaded.ok &&
  loaded.scenario.faults.some((fault, index) => {
    const p = fault.probability;
    return p !== undefined && p > 0 && p < 1 && new RandomStreams(seed).get(`fault.${index}.include`).next() < p;
  });
for (const policy of [...new Set(all.map((record) => record.policy.name))]) {
  const costliest = all
    .filter((record) => record.policy.name === policy && typeof record.metrics[METRIC] === 'number')
    .sort((a, b) => (b.metrics[METRIC] as number) - (a.metrics[METRIC] as number))
    .slice(0, 10);
  const marks = costliest.map((record) => ((record.importanceWeight === undefined ? ownOutcome(record.seed) : occurred(record)) ? 'F' : '-'));
  console.log(`${policy}: ten costliest seeds, F where a tilted fault occurred: ${marks.join('')}`);
}
