/**
 * A pool of worker threads running episodes. Built, a worker starts from worker.js; from source, from a
 * two-line bootstrap that registers tsx's loader in the thread (on Node 20 `execArgv: ['--import', 'tsx']`
 * does not reach a worker's own entry module) and then imports worker.ts. Tasks queue here and go to
 * whichever worker is free, a seed's episodes to one worker where they can (seed-queue.ts); results
 * come back through `onResult` in the order workers finish.
 * A worker that dies mid-episode (out of memory, process.exit in a runner or a policy) gives that
 * episode a failed record and is replaced, so one bad episode does not stop the sweep. The watchdog
 * (watchdog.ts) ends a worker whose policy runs over its budget, or whose episode runs over its time,
 * the same way; when the runaway was a shadow policy, the episode is run again with the shadow
 * stopped before that decision, so the acting policy's record is kept.
 */
import { Worker } from 'node:worker_threads';
import { UsageError } from '../errors.ts';
import { packageModule, RUNNING_FROM_SOURCE } from '../package-files.ts';
import { CLOCK_BYTES } from '../router/decision-clock.ts';
import { crashRecord } from './replay.ts';
import { EpisodeWatch, POLL_MS, type Breach } from './watchdog.ts';
import { SeedQueue, seedGroupOf } from './seed-queue.ts';
import type { EpisodeSummary, FromWorker, ToWorker, WorkerData, WorkerSetup } from './worker-protocol.ts';

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
  clock: Float64Array;
  tid: number | undefined;
  task: ToWorker | null;
  /** The seed group of the last task this worker took: its caches hold that seed's runs. */
  group: string | undefined;
  watch: EpisodeWatch | null;
  /** Why the watchdog ended this worker, once it has. */
  breach: Breach | null;
  lastError: string;
}

interface Spawned {
  worker: Worker;
  clock: SharedArrayBuffer;
  tid: number | undefined;
}

function spawnWorker(setup: WorkerSetup): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const clock = new SharedArrayBuffer(CLOCK_BYTES);
    const workerData: WorkerData = { ...setup, clock };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData });
    const onMessage = (message: FromWorker) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (message.type === 'ready') {
        resolve({ worker, clock, tid: message.tid });
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
  private readonly queue = new SeedQueue();
  private closing = false;
  private readonly poll: NodeJS.Timeout;

  private constructor(
    private readonly setup: WorkerSetup,
    private readonly events: PoolEvents,
  ) {
    this.poll = setInterval(() => this.watch(), POLL_MS);
    this.poll.unref();
  }

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
    clearInterval(this.poll);
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private adopt({ worker, clock, tid }: Spawned): void {
    const slot: Slot = { worker, clock: new Float64Array(clock), tid, task: null, group: undefined, watch: null, breach: null, lastError: '' };
    worker.on('message', (message: FromWorker) => {
      if (message.type !== 'done' || slot.breach !== null) return;
      slot.task = null;
      slot.watch = null;
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

  /** The watchdog's round: ends the worker of any episode that has broken its budget. */
  private watch(): void {
    for (const slot of this.slots) {
      const breach = slot.breach === null ? slot.watch?.check() : undefined;
      if (breach === undefined) continue;
      slot.breach = breach;
      void slot.worker.terminate();
    }
  }

  private onExit(slot: Slot, code: number): void {
    if (this.closing) return;
    this.slots.splice(this.slots.indexOf(slot), 1);
    const task = slot.task;
    const breach = slot.breach ?? slot.watch?.diedDuring(code) ?? null;
    if (task !== null && breach?.retireShadow !== undefined) {
      // The acting runs do not depend on the shadow: the rerun gives their record, with the shadow's fault in it.
      this.queue.unshift({ index: task.index, spec: { ...task.spec, shadowRetired: breach.retireShadow } });
    } else if (task !== null) {
      const died = `the worker running this episode died (exit code ${code})${slot.lastError === '' ? '' : `: ${slot.lastError.split('\n')[0]}`}`;
      const kind = breach?.kind ?? 'crash';
      const message = breach?.message ?? died;
      const record = crashRecord(task.spec, message, this.setup.commit, this.setup.runnerLabel, kind, this.setup.replay);
      const summary: EpisodeSummary = {
        status: 'failed',
        errorKind: kind,
        message,
        invariantViolations: [],
        replay: record.replay,
        stack: breach === null ? slot.lastError || undefined : undefined,
      };
      this.events.onResult({ index: task.index, line: JSON.stringify(record), summary });
    }
    spawnWorker(this.setup).then(
      (spawned) => (this.closing ? void spawned.worker.terminate() : this.adopt(spawned)),
      (error: Error) => this.events.onFatal(error),
    );
  }

  private dispatch(): void {
    const busy = new Set(this.slots.flatMap((slot) => (slot.task === null ? [] : [seedGroupOf(slot.task)])));
    for (const slot of this.slots) {
      if (slot.task !== null) continue;
      const task = this.queue.take(slot.group, busy);
      if (task === undefined) return;
      slot.task = task;
      slot.group = seedGroupOf(task);
      busy.add(slot.group);
      slot.watch = new EpisodeWatch(slot.clock, slot.tid, task.spec, this.setup.limits);
      slot.worker.postMessage(task);
    }
  }
}
