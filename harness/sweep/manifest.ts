/**
 * A sweep's manifest (`<out>/manifest.json`): the resolved sweep, written before the first episode
 * runs. It holds what decides the records (the full episode list in canonical order, the commit, the
 * runner) and which shard of it this directory holds, and nothing that does not (no worker count, no
 * times), so that an unsharded run and a merge of its shards write the same bytes. Resume and merge
 * compare manifests to refuse mixing records of two different sweeps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpisodeSpec } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import type { InputHashes } from './inputs.ts';
import { formatParamAxis } from './params.ts';
import { formatShard, type Shard, type SweepRequest } from './plan.ts';

export const SWEEP_MANIFEST_SCHEMA = 'execdrill.sweep/1';
export const MANIFEST_FILE = 'manifest.json';
/** Episode records, one JSON object per line, in canonical order. */
export const RECORDS_FILE = 'episodes.jsonl';
/** Records finished ahead of an unfinished earlier one: `<index>\t<record JSON>` lines; gone when the sweep is complete. */
export const PENDING_FILE = 'pending.log';

export interface SweepManifest {
  schema: typeof SWEEP_MANIFEST_SCHEMA;
  commit: string;
  runner: string;
  /** What was asked for, in the options' own terms (for people and for replay commands). */
  request: { scenarios: string[]; policies: string[]; params: string[]; seeds: number[]; shadowPolicy: string | null; policiesByScenario?: Readonly<Record<string, readonly string[]>> };
  shard: Shard;
  /** Episodes in the whole sweep (all shards). */
  episodes: number;
  /**
   * Content hashes of the scenario files and policy sources the records were computed from
   * (inputs.ts); absent in manifests written before they were kept.
   */
  inputs?: InputHashes;
  specs: EpisodeSpec[];
}

export function buildManifest(request: SweepRequest, specs: EpisodeSpec[], commit: string, runner: string, shard: Shard, inputs: InputHashes): SweepManifest {
  return {
    schema: SWEEP_MANIFEST_SCHEMA,
    commit,
    runner,
    request: {
      scenarios: request.scenarios,
      policies: request.policies,
      params: request.params.map(formatParamAxis),
      seeds: request.seeds,
      shadowPolicy: request.shadowPolicy,
      ...(request.policiesByScenario === undefined ? {} : { policiesByScenario: request.policiesByScenario }),
    },
    shard,
    episodes: specs.length,
    inputs,
    specs,
  };
}

/** Pretty at the top, one spec per line: readable, and still small for a large sweep. */
export function formatManifest(manifest: SweepManifest): string {
  const { specs, ...head } = manifest;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const lines = specs.map((spec) => `    ${JSON.stringify(spec)}`).join(',\n');
  return `${top},\n  "specs": [\n${lines}\n  ]\n}\n`;
}

export { writeFileAtomic };

export function writeManifest(dir: string, manifest: SweepManifest): void {
  writeFileAtomic(join(dir, MANIFEST_FILE), formatManifest(manifest));
}

export function readManifest(dir: string): SweepManifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path}: not a sweep manifest (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { schema?: unknown }).schema !== SWEEP_MANIFEST_SCHEMA) {
    throw new UsageError(`${path}: not a sweep manifest (expected schema ${SWEEP_MANIFEST_SCHEMA})`);
  }
  const problem = shapeProblem(parsed as Record<string, unknown>);
  if (problem !== null) throw new UsageError(`${path}: ${problem}`);
  return parsed as SweepManifest;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** What resume, merge and readers index by: the episode list and the shard, checked before any is read. */
function shapeProblem(manifest: Record<string, unknown>): string | null {
  const { specs, shard, episodes } = manifest;
  if (!Array.isArray(specs)) return 'specs is not a list of episodes';
  const bad = specs.findIndex((spec: unknown) => typeof spec !== 'object' || spec === null || typeof (spec as EpisodeSpec).scenarioFile !== 'string' || !Number.isSafeInteger((spec as EpisodeSpec).seed));
  if (bad >= 0) return `specs[${bad}] is not an episode (scenarioFile and an integer seed)`;
  if (episodes !== specs.length) return `episodes is ${JSON.stringify(episodes)}, but specs lists ${specs.length}`;
  const { index, count } = (typeof shard === 'object' && shard !== null ? shard : {}) as Partial<Shard>;
  if (!isCount(index) || !isCount(count) || index >= count) return `shard is ${JSON.stringify(shard)}, expected { index, count } with 0 <= index < count`;
  return null;
}

/** How two manifests differ in what decides the records (shard aside), or null when they are one sweep. */
export function sweepDifference(was: SweepManifest, now: SweepManifest): string | null {
  if (was.commit !== now.commit) return `commit ${was.commit} vs ${now.commit}`;
  if (was.runner !== now.runner) return `runner ${was.runner} vs ${now.runner}`;
  if (was.specs.length !== now.specs.length) return `${was.specs.length} episodes vs ${now.specs.length}`;
  const at = was.specs.findIndex((spec, i) => JSON.stringify(spec) !== JSON.stringify(now.specs[i]));
  if (at >= 0) return `episode ${at}: ${JSON.stringify(was.specs[at])} vs ${JSON.stringify(now.specs[at])}`;
  return null;
}

/** The difference including the shard: what resume checks. */
export function manifestDifference(was: SweepManifest, now: SweepManifest): string | null {
  const sweep = sweepDifference(was, now);
  if (sweep !== null) return sweep;
  if (was.shard.index !== now.shard.index || was.shard.count !== now.shard.count) {
    return `shard ${formatShard(was.shard)} vs ${formatShard(now.shard)}`;
  }
  return null;
}
