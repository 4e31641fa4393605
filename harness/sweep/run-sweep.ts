/**
 * Runs a sweep (or one shard of it) into a directory: writes the manifest, picks up whatever an
 * interrupted run left (see episode-log.ts), runs the remaining episodes on a worker pool and writes
 * their records in canonical order. Failed episodes are reported as they happen and the sweep goes on.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EpisodeSpec } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
import { resolveCommit } from './commit.ts';
import { EpisodeLog } from './episode-log.ts';
import { buildManifest, manifestDifference, readManifest, RECORDS_FILE, writeManifest, type SweepManifest } from './manifest.ts';
import { buildSpecs, shardIndices, type Shard, type SweepRequest } from './plan.ts';
import { EpisodePool, type EpisodeResult } from './pool.ts';
import { createProgress, type Progress } from './progress.ts';
import type { RunnerModule } from './runner-module.ts';

export interface SweepOptions {
  request: SweepRequest;
  out: string;
  workers: number;
  shard: Shard;
  runner: RunnerModule;
  /** Defaults to stderr's bar (quiet off a terminal). */
  progress?: (total: number, doneBefore: number) => Progress;
  /**
   * Stops the sweep early (a time budget ran out): no episode starts after it fires and those running
   * are dropped. The records written stand, so the same sweep run again finishes the rest.
   */
  signal?: AbortSignal;
  /** The commit the manifest records; default resolveCommit(). A caller running many sweeps pins it, so that a commit made meanwhile does not split them. */
  commit?: string;
}

export interface SweepOutcome {
  manifest: SweepManifest;
  /** Episodes in this directory's slice. */
  episodes: number;
  /** Finished by an earlier, interrupted run. */
  resumed: number;
  ran: number;
  /** Seconds to start the workers, and to run the episodes once they were up. */
  startupSec: number;
  runSec: number;
  /**
   * CPU seconds the whole process spent while the episodes ran: workers, the main thread and V8's own
   * helper threads (parallel GC, concurrent compilation). Over `runSec` it is the cores the sweep kept busy.
   */
  runCpuSec: number;
}

/** How many finished-but-unwritten records may wait behind a slow earlier episode, per worker. */
const REORDER_WINDOW_PER_WORKER = 64;

function describe(spec: EpisodeSpec): string {
  const params = Object.entries(spec.params).map(([name, value]) => ` ${name}=${value}`).join('');
  return `${spec.scenarioFile} policy ${spec.policy}${params} seed ${spec.seed}`;
}

/** The stack frames inside the runner: the worker's own frames below them say nothing about the episode. */
function runnerFrames(stack: string): string[] {
  const frames = stack.split('\n').slice(1).map((line) => line.trim());
  const worker = frames.findIndex((frame) => frame.includes('harness/sweep/worker.ts'));
  return worker < 0 ? frames : frames.slice(0, worker);
}

export function failureReport(spec: EpisodeSpec, result: EpisodeResult): string | null {
  const { summary } = result;
  const lines: string[] = [];
  if (summary.invariantViolations.length > 0) {
    lines.push(`episode violated invariants (${summary.invariantViolations.join('; ')}): ${describe(spec)}`);
  } else if (summary.status === 'failed') {
    lines.push(`episode failed (${summary.errorKind ?? 'crash'}): ${describe(spec)}: ${summary.message ?? ''}`);
  } else {
    return null;
  }
  lines.push(`  replay: ${summary.replay}`);
  if (summary.stack !== undefined) lines.push(...runnerFrames(summary.stack).map((line) => `  ${line}`));
  return lines.join('\n');
}

function prepareDirectory(out: string, manifest: SweepManifest): void {
  mkdirSync(out, { recursive: true });
  const existing = readManifest(out);
  if (existing === null) {
    if (existsSync(join(out, RECORDS_FILE))) throw new UsageError(`${out} holds records but no manifest: use another --out`);
    writeManifest(out, manifest);
    return;
  }
  const difference = manifestDifference(existing, manifest);
  if (difference !== null) {
    throw new UsageError(`${out} holds another sweep (${difference}): use another --out, or remove ${out} to start over`);
  }
}

function requireScenarioFiles(request: SweepRequest): void {
  const missing = request.scenarios.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new UsageError(`scenario file not found: ${missing.join(', ')}`);
}

export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const { request, out, shard, runner } = options;
  requireScenarioFiles(request);
  const specs = buildSpecs(request);
  const commit = options.commit ?? resolveCommit();
  const manifest = buildManifest(request, specs, commit, runner.label, shard);
  prepareDirectory(out, manifest);

  const slice = shardIndices(specs.length, shard);
  const log = new EpisodeLog(out, slice, (index) => specs[index].seed);
  const finished = log.finished();
  const todo = slice.filter((index) => !finished.has(index));
  const outcome: SweepOutcome = { manifest, episodes: slice.length, resumed: slice.length - todo.length, ran: 0, startupSec: 0, runSec: 0, runCpuSec: 0 };
  const { signal } = options;
  if (todo.length === 0 || signal?.aborted) {
    log.close();
    return outcome;
  }

  const progress = (options.progress ?? createProgress)(slice.length, outcome.resumed);
  const workers = Math.max(1, Math.min(options.workers, todo.length));
  const window = REORDER_WINDOW_PER_WORKER * workers;
  const positionOf = (index: number) => (index - shard.index) / shard.count;
  let submitted = 0;
  let received = 0;
  let failed = 0;
  let settle: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => {}, reject: () => {} };
  const allDone = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const stop = () => settle.resolve();
  signal?.addEventListener('abort', stop, { once: true });
  let pool: EpisodePool | null = null;

  const submitMore = () => {
    while (pool !== null && !signal?.aborted && submitted < todo.length && submitted - received < 2 * workers && positionOf(todo[submitted]) < log.writtenCount + window) {
      const index = todo[submitted++];
      pool.submit({ index, spec: specs[index] });
    }
  };
  const onResult = (result: EpisodeResult) => {
    log.accept(result.index, result.line);
    received++;
    const report = failureReport(specs[result.index], result);
    if (report !== null) failed++;
    progress.update(outcome.resumed + received, failed);
    if (report !== null) progress.note(report);
    if (received === todo.length) settle.resolve();
    else submitMore();
  };

  const startMs = performance.now();
  let runStartMs = startMs;
  let runStartCpu = process.cpuUsage();
  try {
    pool = await EpisodePool.start(workers, { runnerUrl: runner.url, runnerLabel: runner.label, commit }, { onResult, onFatal: (error) => settle.reject(error) });
    runStartMs = performance.now();
    runStartCpu = process.cpuUsage();
    submitMore();
    await allDone;
  } finally {
    signal?.removeEventListener('abort', stop);
    await pool?.close();
    log.close();
    progress.finish();
  }
  outcome.ran = received;
  outcome.startupSec = (runStartMs - startMs) / 1000;
  outcome.runSec = (performance.now() - runStartMs) / 1000;
  const cpu = process.cpuUsage(runStartCpu);
  outcome.runCpuSec = (cpu.user + cpu.system) / 1e6;
  return outcome;
}
