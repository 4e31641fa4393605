/** The messages between a sweep's main thread and its worker threads. */
import type { EpisodeRecord, EpisodeSpec } from '../episode/record.ts';

export interface WorkerSetup {
  runnerUrl: string;
  runnerLabel: string;
  commit: string;
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
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  | { type: 'done'; index: number; line: string; summary: EpisodeSummary };
