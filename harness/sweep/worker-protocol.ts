/** The messages between a sweep's main thread and its worker threads. */
import type { EpisodeRecord, EpisodeSpec } from '../episode/record.ts';
import type { ReplayStyle } from './replay.ts';
import type { EpisodeLimits } from './watchdog.ts';

export interface WorkerSetup {
  runnerUrl: string;
  runnerLabel: string;
  commit: string;
  limits: EpisodeLimits;
  /** How records made outside the runner (it threw, its worker died) name their replay. */
  replay: ReplayStyle;
}

/** What each worker is started with: the setup, and the decision clock it shares with the watchdog. */
export interface WorkerData extends WorkerSetup {
  clock: SharedArrayBuffer;
}

export interface ToWorker {
  index: number;
  spec: EpisodeSpec;
}

/** What the main thread reports about a finished episode (the record itself travels as its JSON line). */
export interface EpisodeSummary {
  status: EpisodeRecord['status'];
  errorKind?: NonNullable<EpisodeRecord['error']>['kind'];
  message?: string;
  invariantViolations: string[];
  replay: string;
  /** The runner's stack when it threw (stderr only; records stay machine-independent). */
  stack?: string;
}

export type FromWorker =
  | { type: 'ready'; tid: number | undefined }
  | { type: 'load-failed'; message: string }
  | { type: 'done'; index: number; line: string; summary: EpisodeSummary };
