/**
 * The body of a sweep worker thread: loads the episode runner once, then runs the episodes the main
 * thread sends, one at a time, and answers each with its record as one JSON line (serialised here, so
 * the main thread only writes strings) and a summary for the progress report. A runner that throws
 * gives a crash record, not a dead worker: the sweep goes on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EPISODE_RECORD_SCHEMA, type EpisodeRecord, type EpisodeSpec } from '../episode/record.ts';
import { importUserModule } from '../package-files.ts';
import { crashRecord } from './replay.ts';
import type { RunnerModuleExports } from './runner-module.ts';
import type { EpisodeSummary, FromWorker, ToWorker, WorkerSetup } from './worker-protocol.ts';

function summarise(record: EpisodeRecord, stack?: string): EpisodeSummary {
  const violations = record.invariants.filter((result) => !result.ok).map((result) => result.name);
  if (record.error?.kind === 'invariant' && violations.length === 0) violations.push(record.error.message);
  return {
    status: record.status,
    message: record.error?.message,
    errorKind: record.error?.kind,
    invariantViolations: violations,
    replay: record.replay,
    stack,
  };
}

function runOne(runner: RunnerModuleExports, spec: EpisodeSpec, setup: WorkerSetup): { record: EpisodeRecord; stack?: string } {
  try {
    const record = runner.runEpisode(spec);
    if (record?.schema !== EPISODE_RECORD_SCHEMA || record.seed !== spec.seed) {
      return { record: crashRecord(spec, `the runner returned no ${EPISODE_RECORD_SCHEMA} record for seed ${spec.seed}`, setup.commit, setup.runnerLabel) };
    }
    return { record };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    return { record: crashRecord(spec, message, setup.commit, setup.runnerLabel), stack };
  }
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('harness/sweep/worker.ts runs only as a worker thread');
  const setup = workerData as WorkerSetup;
  const post = (message: FromWorker) => port.postMessage(message);
  let runner: RunnerModuleExports;
  try {
    runner = (await importUserModule(setup.runnerUrl)) as unknown as RunnerModuleExports;
    if (typeof runner.runEpisode !== 'function') throw new Error('it does not export runEpisode(spec)');
  } catch (error) {
    post({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  port.on('message', async (task: ToWorker) => {
    let prepared: { record: EpisodeRecord; stack?: string } | undefined;
    try {
      await runner.prepareEpisode?.(task.spec);
    } catch (error) {
      prepared = { record: crashRecord(task.spec, error instanceof Error ? error.message : String(error), setup.commit, setup.runnerLabel) };
    }
    const { record, stack } = prepared ?? runOne(runner, task.spec, setup);
    post({ type: 'done', index: task.index, line: JSON.stringify(record), summary: summarise(record, stack) });
  });
  post({ type: 'ready' });
}

await serve();
