/**
 * What a sweep records for an episode whose runner threw, or whose worker died or was stopped by the
 * watchdog: a failed record that keeps the episode's place in the records file, its seed, the message,
 * and the command that reruns exactly this episode (a one-episode sweep on one worker, the runner's
 * stack then printed on stderr; or `execdrill run`, for an episode that `run` started).
 */
import { basename, extname } from 'node:path';
import { EPISODE_RECORD_SCHEMA, type EpisodeErrorKind, type EpisodeRecord, type EpisodeSpec } from '../episode/record.ts';
import { isDefaultRunner } from './runner-module.ts';

const SHELL_SAFE = /^[\w@%+=:,./-]+$/;

export function shellQuote(arg: string): string {
  return SHELL_SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command that reruns one episode of a sweep. */
export function replayCommand(spec: EpisodeSpec, runnerLabel: string): string {
  const args = ['npx', 'execdrill', 'sweep', '--scenario', spec.scenarioFile, '--policy', spec.policy];
  for (const name of Object.keys(spec.params).sort()) args.push('--param', `${spec.policy}:${name}=${spec.params[name]}`);
  if (spec.shadowPolicy !== undefined) args.push('--shadow', spec.shadowPolicy);
  args.push('--seeds', String(spec.seed), '--workers', '1');
  if (!isDefaultRunner(runnerLabel)) args.push('--runner', runnerLabel);
  const params = Object.keys(spec.params).sort().map((name) => `-${name}_${spec.params[name]}`).join('');
  const name = `${basename(spec.scenarioFile, extname(spec.scenarioFile))}-${basename(spec.policy)}${params}-${spec.seed}`;
  args.push('--out', `results/replay/${name.replace(/[^\w.-]/g, '_')}`);
  return args.map(shellQuote).join(' ');
}

/** The `execdrill run` command of one episode. */
export function runReplayCommand(spec: EpisodeSpec): string {
  const args = ['npx', 'execdrill', 'run', '--scenario', spec.scenarioFile, '--policy', spec.policy, '--seed', String(spec.seed)];
  for (const [name, value] of Object.entries(spec.params)) args.push('--param', `${name}=${value}`);
  if (spec.shadowPolicy !== undefined) args.push('--shadow', spec.shadowPolicy);
  return args.map(shellQuote).join(' ');
}

/** How the records of one pool name their replay: as sweep episodes, or as `execdrill run`. */
export type ReplayStyle = 'sweep' | 'run';

export function crashRecord(spec: EpisodeSpec, message: string, commit: string, runnerLabel: string, kind: EpisodeErrorKind = 'crash', style: ReplayStyle = 'sweep'): EpisodeRecord {
  return {
    schema: EPISODE_RECORD_SCHEMA,
    scenario: basename(spec.scenarioFile, extname(spec.scenarioFile)),
    scenarioFile: spec.scenarioFile,
    scenarioHash: '',
    policy: { name: spec.policy, version: '', sourceHash: '', params: spec.params },
    seed: spec.seed,
    commit,
    status: 'failed',
    error: { kind, message },
    replay: style === 'run' ? runReplayCommand(spec) : replayCommand(spec, runnerLabel),
    traceHash: '',
    metrics: {},
    invariants: [],
    timeline: { regimes: [], runbook: {} },
    eventsSimulated: 0,
  };
}
