/**
 * The episode runner a sweep loads in each worker: a module exporting
 * `runEpisode(spec: EpisodeSpec): EpisodeRecord` (synchronous). Sweeps, drills and the bench take the
 * runner as a module path so that tests and users can inject their own; `DEFAULT_RUNNER_MODULE` is the
 * one place that names the project's own.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EpisodeRecord, EpisodeSpec } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
import { PACKAGE_ROOT, packageModule } from '../package-files.ts';

/** The package's root (the checkout, or the installed package). */
export const PROJECT_ROOT = PACKAGE_ROOT;

/** The runner used when none is given, relative to the project root. */
export const DEFAULT_RUNNER_MODULE = 'harness/episode/run-episode.ts';

export interface RunnerModuleExports {
  runEpisode(spec: EpisodeSpec): EpisodeRecord;
  /** Optional: asynchronous set-up before an episode runs (loading a user's policy module). */
  prepareEpisode?(spec: EpisodeSpec): Promise<void>;
}

export interface RunnerModule {
  /** As written in the manifest and in replay commands: relative to the project root when inside it. */
  label: string;
  url: string;
}

function labelOf(absolute: string): string {
  const inside = relative(PROJECT_ROOT, absolute);
  const isInside = inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  return isInside ? inside.split(sep).join('/') : absolute;
}

/** Resolves `--runner` (relative to the working directory) or the default (relative to the project root). */
export function resolveRunner(option: string | undefined, baseDir = process.cwd(), defaultModule = DEFAULT_RUNNER_MODULE): RunnerModule {
  // The default runner is labelled by its source path whether the package runs from source or built.
  if (option === undefined && existsSync(packageModule(defaultModule))) return { label: defaultModule, url: packageModule(defaultModule).href };
  const absolute = option === undefined ? resolve(PROJECT_ROOT, defaultModule) : resolve(baseDir, option);
  if (!existsSync(absolute)) {
    if (option === undefined) {
      throw new UsageError(
        `the default episode runner ${defaultModule} is not in this package; ` +
          'pass --runner <module> (a module exporting runEpisode(spec): EpisodeRecord)',
      );
    }
    throw new UsageError(`--runner ${option}: no such file (${absolute})`);
  }
  return { label: labelOf(absolute), url: pathToFileURL(absolute).href };
}

/** Whether a runner label names the default runner (replay commands then leave `--runner` out). */
export function isDefaultRunner(label: string): boolean {
  return label === DEFAULT_RUNNER_MODULE;
}
