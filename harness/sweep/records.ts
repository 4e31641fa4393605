/**
 * Reads episode records back: from a sweep directory (its `episodes.jsonl`) or a `.jsonl` file. Lines
 * that are not episode records are bad input and are named by file and line.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EPISODE_RECORD_SCHEMA, type EpisodeRecord } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
import { readInputFile } from '../io/input-file.ts';
import { readManifest, RECORDS_FILE } from './manifest.ts';
import { shardIndices } from './plan.ts';

export interface RecordSource {
  path: string;
  records: EpisodeRecord[];
  /** Episodes the sweep's manifest expects here, when the source is a sweep directory. */
  expected: number | null;
}

/** The longest string V8 holds is about 512 MiB: a larger records file must be split (shards). */
const RECORDS_FILE_BYTES_MAX = 512 * 1024 * 1024;

export function readRecordsFile(path: string): EpisodeRecord[] {
  const text = readInputFile(path, { what: 'records file (.jsonl)', maxBytes: RECORDS_FILE_BYTES_MAX });
  const records: EpisodeRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${path}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    if ((parsed as { schema?: unknown } | null)?.schema !== EPISODE_RECORD_SCHEMA) {
      throw new UsageError(`${path}:${i + 1}: not an episode record (expected schema ${EPISODE_RECORD_SCHEMA})`);
    }
    const issue = recordShapeIssue(parsed as Record<string, unknown>) ?? importanceWeightIssue((parsed as { importanceWeight?: unknown }).importanceWeight);
    if (issue !== null) throw new UsageError(`${path}:${i + 1}: ${issue}`);
    records.push(parsed as EpisodeRecord);
  });
  return records;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown) => JSON.stringify(value) ?? 'missing';

/**
 * The fields comparisons group and pair records by, and the metrics they compute with, of the types they
 * are read as: a hand-edited seed of "x" or IS_BPS of "abc" would otherwise drop out of the pairs, or
 * count as a number, without a word. Checked by field, as the importance weight is.
 */
function recordShapeIssue(record: Record<string, unknown>): string | null {
  for (const key of ['scenario', 'scenarioFile'] as const) if (typeof record[key] !== 'string') return `${key} is ${shown(record[key])}, expected a string`;
  const seed = record.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) return `seed is ${shown(seed)}, expected a whole number >= 0`;
  if (record.status !== 'ok' && record.status !== 'failed') return `status is ${shown(record.status)}, expected "ok" or "failed"`;
  const policy = record.policy;
  if (!isObject(policy) || typeof policy.name !== 'string' || typeof policy.version !== 'string' || !isObject(policy.params)) {
    return `policy is ${shown(policy)}, expected { name, version, sourceHash, params }`;
  }
  if (!isObject(record.metrics)) return `metrics is ${shown(record.metrics)}, expected an object of numbers`;
  const metric = Object.entries(record.metrics).find(([, value]) => value !== null && typeof value !== 'number');
  if (metric !== undefined) return `metrics.${metric[0]} is ${shown(metric[1])}, expected a number (or null: not applicable)`;
  return Array.isArray(record.invariants) ? null : `invariants is ${shown(record.invariants)}, expected a list`;
}

/**
 * A record's importance weight (tail sampling) is read as a number every tail figure multiplies by, so a
 * hand-edited one that is not a finite weight above 0 is refused here, by field, rather than failing
 * deep in sim/stats as if it were a bug.
 */
function importanceWeightIssue(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null) return `importanceWeight is ${JSON.stringify(value)}, expected { weight, faults }`;
  const { weight, faults } = value as { weight?: unknown; faults?: unknown };
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
    return `importanceWeight.weight is ${JSON.stringify(weight) ?? 'missing'}, expected a finite number above 0 (the seed's likelihood ratio)`;
  }
  return Array.isArray(faults) ? null : `importanceWeight.faults is ${JSON.stringify(faults) ?? 'missing'}, expected the list of tilted faults`;
}

/** A sweep directory or a records file. */
export function readRecordSource(path: string): RecordSource {
  if (!existsSync(path)) throw new UsageError(`${path}: no such file or directory`);
  if (!statSync(path).isDirectory()) return { path, records: readRecordsFile(path), expected: null };
  const file = join(path, RECORDS_FILE);
  if (!existsSync(file)) throw new UsageError(`${path}: no ${RECORDS_FILE}; not a sweep directory`);
  const manifest = readManifest(path);
  const expected = manifest === null ? null : shardIndices(manifest.specs, manifest.shard).length;
  return { path: file, records: readRecordsFile(file), expected };
}
