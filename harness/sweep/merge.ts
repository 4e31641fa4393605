/**
 * Joins the directories of a sharded sweep into what one unsharded run of it writes, byte for byte:
 * the same manifest (shard 0/1) and the records in canonical order (shard i holds every N-th seed
 * group, plan.ts, so the merge puts each record back at its episode's index). It refuses shards of different sweeps, a missing or doubled
 * shard, and an unfinished one, saying which and how to finish it.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { makeOutputDir } from '../io/output-dir.ts';
import { formatManifest, MANIFEST_FILE, PENDING_FILE, readManifest, RECORDS_FILE, sweepDifference, writeFileAtomic, type SweepManifest } from './manifest.ts';
import { changedInputs } from './inputs.ts';
import { formatShard, shardIndices, WHOLE_SWEEP } from './plan.ts';

interface ShardDirectory {
  dir: string;
  manifest: SweepManifest;
}

function readShard(dir: string): ShardDirectory {
  const manifest = readManifest(dir);
  if (manifest === null) throw new UsageError(`${dir}: no ${MANIFEST_FILE}; not a sweep directory`);
  return { dir, manifest };
}

/** The shard's records, each with the index of its episode in the whole sweep. */
function recordLines(shard: ShardDirectory): { index: number; line: string }[] {
  const { dir, manifest } = shard;
  const slice = shardIndices(manifest.specs, manifest.shard);
  const expected = slice.length;
  const path = join(dir, RECORDS_FILE);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const pending = join(dir, PENDING_FILE);
  const complete = lines.length === expected && (text === '' || text.endsWith('\n')) && !(existsSync(pending) && statSync(pending).size > 0);
  if (!complete) {
    throw new UsageError(`shard ${formatShard(manifest.shard)} in ${dir} is unfinished (${lines.length} of ${expected} episodes written): rerun its sweep command to finish it`);
  }
  return lines.map((line, position) => ({ index: slice[position], line }));
}

function requireOneSweep(shards: ShardDirectory[]): number {
  const [first] = shards;
  const count = first.manifest.shard.count;
  for (const shard of shards) {
    const difference = sweepDifference(first.manifest, shard.manifest);
    if (difference !== null) throw new UsageError(`${first.dir} and ${shard.dir} hold different sweeps (${difference})`);
    const changed = changedInputs(first.manifest.inputs ?? {}, shard.manifest.inputs ?? {});
    if (changed.length > 0) {
      throw new UsageError(`${first.dir} and ${shard.dir} were computed from different contents of ${changed.join(', ')}: rerun the stale shard's sweep command (it reruns what changed), then merge`);
    }
    if (shard.manifest.shard.count !== count) {
      throw new UsageError(`${first.dir} is shard ${formatShard(first.manifest.shard)} but ${shard.dir} is ${formatShard(shard.manifest.shard)}`);
    }
  }
  const byIndex = new Map<number, string>();
  for (const shard of shards) {
    const other = byIndex.get(shard.manifest.shard.index);
    if (other !== undefined) throw new UsageError(`${other} and ${shard.dir} are both shard ${formatShard(shard.manifest.shard)}`);
    byIndex.set(shard.manifest.shard.index, shard.dir);
  }
  const missing = Array.from({ length: count }, (_, index) => index).filter((index) => !byIndex.has(index));
  if (missing.length > 0) throw new UsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')}`);
  return count;
}

export interface MergeOutcome {
  manifest: SweepManifest;
  episodes: number;
}

/** The directory itself, whatever path names it (a symlink, `a/../a`); undefined when it does not exist. */
function sameDirectory(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function mergeShards(dirs: readonly string[], out: string): MergeOutcome {
  if (dirs.length === 0) throw new UsageError('name the shard directories to merge');
  const target = sameDirectory(out);
  const overwritten = target === undefined ? undefined : dirs.find((dir) => sameDirectory(dir) === target);
  if (overwritten !== undefined) throw new UsageError(`--out ${out} is the shard directory ${overwritten}: merging into it would overwrite one of its inputs; merge into a new directory`);
  const shards = dirs.map(readShard);
  requireOneSweep(shards);
  const ordered = [...shards].sort((a, b) => a.manifest.shard.index - b.manifest.shard.index);
  const manifest: SweepManifest = { ...ordered[0].manifest, shard: WHOLE_SWEEP };
  const merged: string[] = new Array<string>(manifest.episodes);
  ordered.forEach((shard) => {
    recordLines(shard).forEach(({ index, line }, position) => {
      const seed = (JSON.parse(line) as { seed?: unknown }).seed;
      if (seed !== manifest.specs[index].seed) throw new UsageError(`${shard.dir}: record ${position + 1} does not match episode ${index}`);
      merged[index] = line;
    });
  });
  makeOutputDir(out, '--out');
  const existing = readManifest(out);
  if (existing !== null && (sweepDifference(existing, manifest) !== null || existsSync(join(out, PENDING_FILE)))) {
    throw new UsageError(`${out} already holds another or an unfinished sweep: merge into a new directory`);
  }
  writeFileAtomic(join(out, MANIFEST_FILE), formatManifest(manifest));
  writeFileAtomic(join(out, RECORDS_FILE), merged.map((line) => `${line}\n`).join(''));
  return { manifest, episodes: merged.length };
}
