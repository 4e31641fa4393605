/**
 * One episode on a worker thread of its own, watched: how `run`, `explain` and `checkPolicy` run a
 * user's policy, so that a decision that never returns, a process.exit or a module that will not load
 * ends as a failed record with its replay command, not as a hung or silently ended command. The
 * worker costs its start-up (tsx and the simulator's modules, loaded again in the thread: about 0.8 s
 * of CPU) once per pool, so `EpisodeRunner` keeps one pool for many episodes, and an episode whose
 * policies are all bundled ones (trusted code, guarded all the same) runs on the calling thread.
 */
import { isPolicyModulePath, type EpisodeRecord, type EpisodeSpec } from '../episode/record.ts';
import { resolveCommit } from './commit.ts';
import { EpisodePool, type EpisodeResult } from './pool.ts';
import { resolveRunner } from './runner-module.ts';
import { DEFAULT_EPISODE_LIMITS, type EpisodeLimits } from './watchdog.ts';

export class EpisodeRunner {
  private readonly waiting = new Map<number, { resolve: (result: EpisodeResult) => void; reject: (error: Error) => void }>();
  private next = 0;
  private fatal: Error | undefined;

  private constructor(private pool: EpisodePool | undefined) {}

  static async start(limits: EpisodeLimits = DEFAULT_EPISODE_LIMITS): Promise<EpisodeRunner> {
    const runner = resolveRunner(undefined);
    const instance = new EpisodeRunner(undefined);
    instance.pool = await EpisodePool.start(
      1,
      { runnerUrl: runner.url, runnerLabel: runner.label, commit: resolveCommit(), limits, replay: 'run' },
      {
        onResult: (result) => {
          instance.waiting.get(result.index)?.resolve(result);
          instance.waiting.delete(result.index);
        },
        onFatal: (error) => {
          instance.fatal = error;
          for (const waiter of instance.waiting.values()) waiter.reject(error);
          instance.waiting.clear();
        },
      },
    );
    return instance;
  }

  /** The episode's record; a failure of any kind comes back as a failed record, never as a throw. */
  run(spec: EpisodeSpec): Promise<EpisodeRecord> {
    if (this.fatal !== undefined) return Promise.reject(this.fatal);
    const index = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(index, { resolve: (result) => resolve(JSON.parse(result.line) as EpisodeRecord), reject });
      this.pool?.submit({ index, spec });
    });
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

const isModulePath = (policy: string | undefined) => policy !== undefined && isPolicyModulePath(policy);

/** Runs one episode, on a watched worker thread when a user's policy module takes part, and returns its record. */
export async function runWatchedEpisode(spec: EpisodeSpec, limits?: EpisodeLimits): Promise<EpisodeRecord> {
  if (!isModulePath(spec.policy) && !isModulePath(spec.shadowPolicy)) {
    const { runEpisode } = await import('../episode/run-episode.ts');
    return runEpisode(spec);
  }
  const runner = await EpisodeRunner.start(limits);
  try {
    return await runner.run(spec);
  } finally {
    await runner.close();
  }
}
