/**
 * Runs the real CLI (`node bin/execdrill.js`) from the project root, as a user would, with the fake
 * episode runner. The commit is pinned so that other engineers' commits between two runs of a test do
 * not make them different sweeps, and CI is set so that no progress bar is drawn.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FAKE_RUNNER = 'test/fixtures/sweep/fake-runner.ts';
export const SCENARIOS = 'test/fixtures/sweep/scenarios';
const BIN = join(ROOT, 'bin/execdrill.js');

export const CLI_ENV: NodeJS.ProcessEnv = { ...process.env, EXECDRILL_COMMIT: 'test-commit', CI: 'true', GITHUB_STEP_SUMMARY: '' };

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function execdrill(args: readonly string[], env: NodeJS.ProcessEnv = CLI_ENV): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI without blocking, so that several runs (shards) can go at once. */
export function execdrillAsync(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: CLI_ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts the CLI without waiting (for the kill -9 test). */
export function startExecdrill(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: CLI_ENV, stdio: 'ignore' });
}

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `execdrill-${prefix}-`));
}

/** Turns a recorded `npx execdrill ...` replay command into arguments for `execdrill` (no shell quoting in these). */
export function argsOfReplay(command: string): string[] {
  const words = command.split(' ');
  if (words[0] !== 'npx' || words[1] !== 'execdrill') throw new Error(`not an execdrill command: ${command}`);
  return words.slice(2);
}

/**
 * The sweep the end-to-end tests run with the fake runner: 2 scenarios x (naive + broken + 2
 * gap-recovery settings) x the seeds, so 8 episodes per seed.
 */
export function fakeSweepArgs(seeds: string): string[] {
  return [
    'sweep',
    '--scenario', `${SCENARIOS}/fix-resend.yaml`,
    '--scenario', `${SCENARIOS}/flaky.yaml`,
    '--policy', 'naive', '--policy', 'broken', '--policy', 'gap-recovery',
    '--param', 'gap-recovery:confidenceThreshold=0.8,0.9',
    '--seeds', seeds,
    '--runner', FAKE_RUNNER,
  ];
}

/** The records file of a sweep directory, as bytes (tests compare it whole). */
export const readRecords = (dir: string): string => readFileSync(join(dir, 'episodes.jsonl'), 'utf8');
