/**
 * A sweep's episode list: scenarios x seeds x policies (or a scenario's own selection of them) x
 * parameter settings, in one canonical order (scenarios in the order given, then seeds, then policies
 * in the order given, each with its settings, settings fastest). Every output (the records file, shard slices, merge, resume) is laid out in this
 * order, which is what makes them byte-identical whatever the worker count or the sharding. The episodes
 * of one seed of a scenario come together, so a worker meets them one after another and shares what
 * cannot differ between them: the seed's market tape and, where proved, its incident, control and oracle
 * runs (harness/world/market-path.ts, harness/episode/kept-runs.ts).
 *
 * Shards take every N-th seed of each scenario (the episodes of a (scenario, seed) group all go to one
 * shard: group `g`, counted in canonical order, goes to shard `g % N`), so that a shard reuses the seed's
 * tape and control run for every policy, as one worker does, and still gets a share of every scenario.
 */
import type { EpisodeSpec } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
import { requireDistinctAxes, settingsFor, type ParamAxis } from './params.ts';

export interface SweepRequest {
  scenarios: string[];
  policies: string[];
  params: ParamAxis[];
  seeds: number[];
  /** A policy that rides along in shadow in every episode. */
  shadowPolicy: string | null;
  /**
   * For a scenario file named here, only these of `policies` run on it (a drill's later look runs, per
   * scenario, just the policies its undecided gates read there); a scenario not named runs them all.
   */
  policiesByScenario?: Readonly<Record<string, readonly string[]>>;
}

export interface Shard {
  /** 0-based, like Kubernetes' JOB_COMPLETION_INDEX. */
  index: number;
  count: number;
}

export const WHOLE_SWEEP: Shard = { index: 0, count: 1 };

function requireDistinct(items: readonly string[], what: string): void {
  if (items.length === 0) throw new UsageError(`name at least one ${what}`);
  const twice = items.find((item, i) => items.indexOf(item) !== i);
  if (twice !== undefined) throw new UsageError(`${what} ${twice} is given twice`);
}

/**
 * The most episodes one sweep may hold: its manifest lists every one (about 120 bytes each), and past a few
 * million that list is longer than a string may be (10 million seeds of one policy ended in a RangeError,
 * exit 70). A sweep this size would run for weeks anyway (its shards list all of its episodes too).
 */
export const MAX_EPISODES = 1_000_000;

/** Episodes the request expands to, counted before any is built. */
function episodeCount(request: SweepRequest): number {
  return request.scenarios.reduce((total, scenarioFile) => {
    const only = request.policiesByScenario?.[scenarioFile];
    const policies = only === undefined ? request.policies : request.policies.filter((policy) => only.includes(policy));
    return total + request.seeds.length * policies.reduce((settings, policy) => settings + settingsFor(policy, request.params).length, 0);
  }, 0);
}

export function buildSpecs(request: SweepRequest): EpisodeSpec[] {
  requireDistinct(request.scenarios, '--scenario');
  requireDistinct(request.policies, '--policy');
  requireDistinctAxes(request.params, request.policies);
  const count = episodeCount(request);
  if (count > MAX_EPISODES) {
    throw new UsageError(`the sweep would hold ${count} episodes (scenarios x policies x settings x seeds), more than the ${MAX_EPISODES} one sweep may hold: fewer seeds, or split the seeds over several sweeps`);
  }
  const specs: EpisodeSpec[] = [];
  for (const scenarioFile of request.scenarios) {
    const only = request.policiesByScenario?.[scenarioFile];
    const policies = only === undefined ? request.policies : request.policies.filter((policy) => only.includes(policy));
    for (const seed of request.seeds) {
      for (const policy of policies) {
        for (const params of settingsFor(policy, request.params)) {
          const spec: EpisodeSpec = { scenarioFile, policy, params, seed };
          if (request.shadowPolicy !== null) spec.shadowPolicy = request.shadowPolicy;
          specs.push(spec);
        }
      }
    }
  }
  return specs;
}

const SHARD = /^(\d+)\/(\d+)$/;

/** Parses `--shard i/N`, i in 0..N-1. */
export function parseShard(text: string): Shard {
  const match = SHARD.exec(text.trim());
  if (match === null) throw new UsageError(`--shard: expected i/N with 0 <= i < N (e.g. 0/4), got ${JSON.stringify(text)}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new UsageError(`--shard ${text}: a sweep is cut into 1 or more shards, not ${count}`);
  if (index >= count) {
    throw new UsageError(`--shard ${text}: the index is 0-based (as JOB_COMPLETION_INDEX), so it must lie in 0..${count - 1}`);
  }
  return { index, count };
}

/** The episode indices (into the full sweep's specs) that one shard runs, in canonical order. */
export function shardIndices(specs: readonly Pick<EpisodeSpec, 'scenarioFile' | 'seed'>[], shard: Shard): number[] {
  const groupOf = new Map<string, number>();
  const indices: number[] = [];
  specs.forEach(({ scenarioFile, seed }, index) => {
    const key = `${scenarioFile}\u0000${seed}`;
    let group = groupOf.get(key);
    if (group === undefined) groupOf.set(key, (group = groupOf.size));
    if (group % shard.count === shard.index) indices.push(index);
  });
  return indices;
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
