/**
 * A pool of worker threads running episodes. Built, a worker starts from worker.js; from source, from a
 * two-line bootstrap that registers tsx's loader in the thread (on Node 20 `execArgv: ['--import', 'tsx']`
 * does not reach a worker's own entry module) and then imports worker.ts. Tasks queue here and go to
 * whichever worker is free; results come back through `onResult` in the order workers finish.
 * A worker that dies mid-episode (out of memory, process.exit in a runner) gives that episode a crash
 * record and is replaced, so one bad episode does not stop the sweep.
 */
import { Worker } from 'node:worker_threads';
import { UsageError } from '../errors.ts';
import { packageModule, RUNNING_FROM_SOURCE } from '../package-files.ts';
import { crashRecord } from './replay.ts';
import type { EpisodeSummary, FromWorker, ToWorker, WorkerSetup } from './worker-protocol.ts';

export interface EpisodeResult {
  index: number;
  line: string;
  summary: EpisodeSummary;
}

export interface PoolEvents {
  onResult(result: EpisodeResult): void;
  /** A replacement worker could not start: the sweep cannot go on. */
  onFatal(error: Error): void;
}

const WORKER = packageModule('harness/sweep/worker.ts').href;
const BOOTSTRAP = RUNNING_FROM_SOURCE
  ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); });`
  : `import(${JSON.stringify(WORKER)});`;

interface Slot {
  worker: Worker;
  task: ToWorker | null;
  lastError: string;
}

function spawnWorker(setup: WorkerSetup): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: setup });
    const onMessage = (message: FromWorker) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (message.type === 'ready') {
        resolve(worker);
      } else {
        void worker.terminate();
        reject(new UsageError(`cannot load the episode runner ${setup.runnerLabel}: ${message.type === 'load-failed' ? message.message : message.type}`));
      }
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(new UsageError(`cannot start a sweep worker for runner ${setup.runnerLabel}: ${error.message}`));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
  });
}

export class EpisodePool {
  private readonly slots: Slot[] = [];
  private readonly queue: ToWorker[] = [];
  private closing = false;

  private constructor(
    private readonly setup: WorkerSetup,
    private readonly events: PoolEvents,
  ) {}

  /** Starts `size` workers and resolves once every one has loaded the runner. */
  static async start(size: number, setup: WorkerSetup, events: PoolEvents): Promise<EpisodePool> {
    const pool = new EpisodePool(setup, events);
    const started = await Promise.allSettled(Array.from({ length: size }, () => spawnWorker(setup)));
    for (const outcome of started) if (outcome.status === 'fulfilled') pool.adopt(outcome.value);
    const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure !== undefined) {
      await pool.close();
      throw failure.reason;
    }
    return pool;
  }

  submit(task: ToWorker): void {
    this.queue.push(task);
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private adopt(worker: Worker): void {
    const slot: Slot = { worker, task: null, lastError: '' };
    worker.on('message', (message: FromWorker) => {
      if (message.type !== 'done') return;
      slot.task = null;
      this.events.onResult({ index: message.index, line: message.line, summary: message.summary });
      this.dispatch();
    });
    worker.on('error', (error) => {
      slot.lastError = error.stack ?? error.message;
    });
    worker.on('exit', (code) => this.onExit(slot, code));
    this.slots.push(slot);
    this.dispatch();
  }

  private onExit(slot: Slot, code: number): void {
    if (this.closing) return;
    this.slots.splice(this.slots.indexOf(slot), 1);
    const task = slot.task;
    if (task !== null) {
      const message = `the worker running this episode died (exit code ${code})${slot.lastError === '' ? '' : `: ${slot.lastError.split('\n')[0]}`}`;
      const record = crashRecord(task.spec, message, this.setup.commit, this.setup.runnerLabel);
      const summary: EpisodeSummary = {
        status: 'failed',
        errorKind: 'crash',
        message,
        invariantViolations: [],
        replay: record.replay,
        stack: slot.lastError || undefined,
      };
      this.events.onResult({ index: task.index, line: JSON.stringify(record), summary });
    }
    spawnWorker(this.setup).then(
      (worker) => (this.closing ? void worker.terminate() : this.adopt(worker)),
      (error: Error) => this.events.onFatal(error),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task !== null) continue;
      slot.task = this.queue.shift() ?? null;
      slot.worker.postMessage(slot.task);
    }
  }
}
