/**
 * Pool efficiency: whether the worker pool wastes anything against the plainest way to use two cores.
 * The same episodes run twice, each side taking the whole machine:
 *
 * - **pool**: one `execdrill sweep --workers 2` process;
 * - **processes**: two `execdrill sweep --workers 1` processes, `--shard 0/2` and `--shard 1/2`, started
 *   together; their wall time lasts until both have exited.
 *
 * `ratio` is wall(processes) / wall(pool), the pool's speed relative to the two processes; the goal
 * (issue 16) is at least 0.95. Walls are whole processes, spawn to exit, because start-up and each
 * worker's market cache (harness/world/market-path.ts) are part of what the pool could waste, and they
 * weigh more as episodes get cheaper.
 *
 * Every round also checks that the pool's `episodes.jsonl` and `manifest.json` are the same bytes as the
 * `execdrill merge` of the two shards (the README's "Order and determinism"), and throws if not, keeping
 * the directories for inspection.
 *
 * Episodes: scenarios/002-fix-gap-resend.yaml, naive and gap-recovery, seeds 1..80 (160 episodes, about
 * 22 s a side on two cores). Two rounds in alternating order (pool first, then processes first), so that
 * neither side always runs on a machine its predecessor just warmed or heated; the best wall of each counts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Bench } from './contract.ts';

const NAME = 'sweep.pool-efficiency.fix-gap-resend';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = 'scenarios/002-fix-gap-resend.yaml';
const POLICIES = ['naive', 'gap-recovery'];
const LAST_SEED = 80;
const EPISODES = POLICIES.length * LAST_SEED;
const ROUNDS = 2;
const GOAL_RATIO = 0.95;
/** Files a merge of shards writes byte for byte as the unsharded sweep does. */
const SAME_BYTES = ['episodes.jsonl', 'manifest.json'];

interface Run {
  wallSec: number;
  /** CPU seconds the process used while running episodes (`runCpuSec` of `sweep --json`). */
  runCpuSec: number;
}

/** Runs the built CLI to its exit; seconds from spawn to exit, and its stdout. */
function runCli(args: readonly string[]): Promise<{ wallSec: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // CI keeps the progress bar off; an empty EXECDRILL_FROM_SOURCE keeps the timed CLI the built one.
    const child = spawn(process.execPath, ['bin/execdrill.js', ...args], { cwd: ROOT, env: { ...process.env, CI: 'true', EXECDRILL_FROM_SOURCE: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSec = (performance.now() - start) / 1000;
      // bin/execdrill.js falls back to the source, through tsx, when it is newer than dist/: not what is timed here.
      if (stderr.includes('runs from source')) reject(new Error(`${NAME}: dist/ is older than the source: run \`npm run build\` first`));
      else if (code === 0) resolve({ wallSec, stdout });
      else reject(new Error(`${NAME}: execdrill ${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

async function sweep(out: string, workers: number, shard: string): Promise<Run> {
  const args = ['sweep', '--scenario', SCENARIO, ...POLICIES.flatMap((policy) => ['--policy', policy]), '--seeds', `1..${LAST_SEED}`];
  args.push('--workers', String(workers), '--shard', shard, '--out', out, '--json');
  const { wallSec, stdout } = await runCli(args);
  const summary = JSON.parse(stdout) as { ran: number; runCpuSec: number };
  const expected = EPISODES / Number(shard.split('/')[1]);
  if (summary.ran !== expected) throw new Error(`${NAME}: expected ${expected} episodes in ${out}, ran ${summary.ran}`);
  return { wallSec, runCpuSec: summary.runCpuSec };
}

function runPool(dir: string): Promise<Run> {
  return sweep(join(dir, 'pool'), 2, '0/1');
}

async function runProcesses(dir: string): Promise<Run> {
  const start = performance.now();
  const shards = await Promise.all([0, 1].map((index) => sweep(join(dir, `shard-${index}`), 1, `${index}/2`)));
  return { wallSec: (performance.now() - start) / 1000, runCpuSec: shards[0].runCpuSec + shards[1].runCpuSec };
}

/** Where the pool's sweep and the merge of its two shards differ, or null when they are the same bytes. */
async function recordsMismatch(dir: string): Promise<string | null> {
  await runCli(['merge', join(dir, 'shard-0'), join(dir, 'shard-1'), '--out', join(dir, 'merged')]);
  for (const file of SAME_BYTES) {
    const pool = readFileSync(join(dir, 'pool', file));
    const merged = readFileSync(join(dir, 'merged', file));
    if (pool.equals(merged)) continue;
    const mergedLines = merged.toString('utf8').split('\n');
    const line = pool.toString('utf8').split('\n').findIndex((text, i) => text !== mergedLines[i]);
    return `${file} of the 2-worker sweep differs from the merge of its two shards at line ${line + 1}`;
  }
  return null;
}

async function round(poolFirst: boolean): Promise<{ pool: Run; processes: Run }> {
  const dir = mkdtempSync(join(tmpdir(), 'execdrill-bench-pool-'));
  let mismatch: string | null = null;
  try {
    const runs = poolFirst
      ? { pool: await runPool(dir), processes: await runProcesses(dir) }
      : { processes: await runProcesses(dir), pool: await runPool(dir) };
    mismatch = await recordsMismatch(dir);
    if (mismatch === null) return runs;
  } finally {
    // A mismatch leaves its directory for the reader; anything else, a failed sweep included, cleans up.
    if (mismatch === null) rmSync(dir, { recursive: true, force: true });
  }
  throw new Error(`${NAME}: ${mismatch}; kept in ${dir} (pool/, shard-0/, shard-1/, merged/)`);
}

const best = (runs: readonly Run[]): Run => runs.reduce((a, b) => (b.wallSec < a.wallSec ? b : a));

export const benches: Bench[] = [
  {
    name: NAME,
    async run() {
      if (!existsSync(new URL('../dist/harness/cli.js', import.meta.url))) throw new Error(`${NAME} times the built CLI: run \`npm run build\` first`);
      const rounds: Array<{ pool: Run; processes: Run }> = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await round(i % 2 === 0));
      const pool = best(rounds.map((r) => r.pool));
      const processes = best(rounds.map((r) => r.processes));
      return {
        bench: NAME,
        opsPerSec: EPISODES / pool.wallSec,
        processesOpsPerSec: EPISODES / processes.wallSec,
        ratio: processes.wallSec / pool.wallSec,
        goal: `>= ${GOAL_RATIO}`,
        roundRatios: rounds.map((r) => (r.processes.wallSec / r.pool.wallSec).toFixed(3)).join(','),
        poolWallSec: Number(pool.wallSec.toFixed(2)),
        processesWallSec: Number(processes.wallSec.toFixed(2)),
        poolRunCpuSec: Number(pool.runCpuSec.toFixed(1)),
        processesRunCpuSec: Number(processes.runCpuSec.toFixed(1)),
        note: `${EPISODES} episodes of ${SCENARIO} (${POLICIES.join(', ')}), 1 process x 2 workers vs 2 processes x 1 worker (episodes/s); records identical`,
      };
    },
  },
];
