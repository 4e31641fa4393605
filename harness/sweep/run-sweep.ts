/**
 * Runs a sweep (or one shard of it) into a directory: writes the manifest, picks up whatever an
 * interrupted run left (see episode-log.ts), runs the remaining episodes on a worker pool and writes
 * their records in canonical order. Failed episodes are reported as they happen and the sweep goes on.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { policyReferenceProblem } from '../episode/policy-loader.ts';
import type { EpisodeSpec } from '../episode/record.ts';
import { formatIssue, loadScenarioFile } from '../scenario/index.ts';
import { UsageError } from '../errors.ts';
import { makeOutputDir } from '../io/output-dir.ts';
import { printable } from '../terminal-text.ts';
import { resolveCommit } from './commit.ts';
import { EpisodeLog } from './episode-log.ts';
import { changedInputs, inputHashes, readsAny } from './inputs.ts';
import { buildManifest, manifestDifference, readManifest, RECORDS_FILE, writeManifest, type SweepManifest } from './manifest.ts';
import { buildSpecs, shardIndices, type Shard, type SweepRequest } from './plan.ts';
import { EpisodePool, type EpisodeResult } from './pool.ts';
import { createProgress, type Progress } from './progress.ts';
import { isDefaultRunner, type RunnerModule } from './runner-module.ts';
import { DEFAULT_EPISODE_LIMITS, type EpisodeLimits } from './watchdog.ts';

export interface SweepOptions {
  request: SweepRequest;
  out: string;
  workers: number;
  shard: Shard;
  runner: RunnerModule;
  /** Budgets of a policy and an episode (default DEFAULT_EPISODE_LIMITS). */
  limits?: EpisodeLimits;
  /** Where notes before the run go (inputs that changed since an earlier run); default stderr. */
  note?: (text: string) => void;
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

/** The output directory holds another sweep's records: nothing may be written there, not even a report of why. */
export class OccupiedOutputError extends UsageError {
  constructor(
    readonly out: string,
    why: string,
    /** The commit of the records there, when they are this sweep's episodes run by another commit. */
    readonly earlierCommit?: string,
  ) {
    super(`${out} ${why}`);
    this.name = 'OccupiedOutputError';
  }
}

/** Makes or checks the output directory; returns the manifest of an earlier run of this sweep there, if any. */
function prepareDirectory(out: string, manifest: SweepManifest): SweepManifest | null {
  makeOutputDir(out, '--out');
  const existing = readManifest(out);
  if (existing === null) {
    if (existsSync(join(out, RECORDS_FILE))) throw new OccupiedOutputError(out, 'holds records but no manifest: use another --out');
    writeManifest(out, manifest);
    return null;
  }
  const difference = manifestDifference(existing, manifest);
  if (difference !== null) {
    const sameEpisodes = manifestDifference({ ...existing, commit: manifest.commit }, manifest) === null;
    throw new OccupiedOutputError(out, `holds another sweep (${difference}): use another --out, or remove ${out} to start over`, sameEpisodes ? existing.commit : undefined);
  }
  return existing;
}

/**
 * What can be checked before any episode runs, all at once: scenario files exist, and with the
 * project's runner (another runner reads files of its own making) they validate and every policy
 * named is a bundled one or a module file. A module that exists but does not load is found by the
 * episodes themselves, as bad-input records.
 */
function requireInputs(request: SweepRequest, runner: RunnerModule): void {
  const missing = request.scenarios.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new UsageError(`scenario file not found: ${missing.join(', ')}`);
  if (!isDefaultRunner(runner.label)) return;
  const problems = request.scenarios.flatMap((file) => {
    const loaded = loadScenarioFile(file);
    return loaded.ok ? [] : loaded.issues.map(formatIssue);
  });
  for (const [option, policy] of [...request.policies.map((policy) => ['--policy', policy]), ...(request.shadowPolicy === null ? [] : [['--shadow', request.shadowPolicy]])]) {
    const problem = policyReferenceProblem(policy, policy, 'a path from the working directory');
    if (problem !== undefined) problems.push(`${option} ${policy}: ${problem}`);
  }
  if (problems.length > 0) throw new UsageError(`the sweep cannot run:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
}

export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const { request, out, shard, runner } = options;
  requireInputs(request, runner);
  const specs = buildSpecs(request);
  const commit = options.commit ?? resolveCommit();
  const manifest = buildManifest(request, specs, commit, runner.label, shard, inputHashes(request));
  const earlier = prepareDirectory(out, manifest);

  const slice = shardIndices(specs, shard);
  // Records computed from a file that has changed since are stale: those episodes run again.
  const changed = new Set(earlier?.inputs === undefined ? [] : changedInputs(earlier.inputs, manifest.inputs ?? {}));
  const stale = new Set(slice.filter((index) => readsAny(specs[index], changed)));
  const log = new EpisodeLog(out, slice, (index) => specs[index].seed, stale);
  if (earlier !== null) writeManifest(out, manifest);
  const progressNote = options.note ?? ((text: string) => process.stderr.write(`${text}\n`));
  if (changed.size > 0) progressNote(printable(`execdrill: changed since ${out} was written: ${[...changed].join(', ')}; ${stale.size} of its episodes run again`));
  const finished = log.finished();
  const todo = slice.filter((index) => !finished.has(index));
  const outcome: SweepOutcome = { manifest, episodes: slice.length, resumed: slice.length - todo.length, ran: 0, startupSec: 0, runSec: 0, runCpuSec: 0 };
  const { signal } = options;
  if (todo.length === 0 || signal?.aborted) {
    log.close();
    return outcome;
  }

  const progress = (options.progress ?? createProgress)(slice.length, outcome.resumed);
  // No more workers than cores (a drill file's `workers:` included) or than episodes to run.
  const workers = Math.max(1, Math.min(options.workers, todo.length, availableParallelism()));
  const window = REORDER_WINDOW_PER_WORKER * workers;
  let submitted = 0;
  let received = 0;
  let failed = 0;
  let settle: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => {}, reject: () => {} };
  const allDone = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const stop = () => settle.resolve();
  signal?.addEventListener('abort', stop, { once: true });
  let pool: EpisodePool | null = null;

  const submitMore = () => {
    while (pool !== null && !signal?.aborted && submitted < todo.length && submitted - received < 2 * workers && log.positionOf(todo[submitted]) < log.writtenCount + window) {
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
    if (report !== null) progress.note(printable(report));
    if (received === todo.length) settle.resolve();
    else submitMore();
  };

  const startMs = performance.now();
  let runStartMs = startMs;
  let runStartCpu = process.cpuUsage();
  try {
    const setup = { runnerUrl: runner.url, runnerLabel: runner.label, commit, limits: options.limits ?? DEFAULT_EPISODE_LIMITS, replay: 'sweep' as const };
    pool = await EpisodePool.start(workers, setup, { onResult, onFatal: (error) => settle.reject(error) });
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
