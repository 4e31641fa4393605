/**
 * Sweep scaling: episodes per second with 1 and 2 worker threads on the same CPU-bound sweep, and the
 * speedup as `ratio` (target: at least 1.8x on two free cores). Each run is the real CLI
 * (`execdrill sweep --json`) in a child process, timed by the sweep itself from the moment its workers
 * are up, so the figure is the episodes' throughput, not process and tsx start-up. The episodes come
 * from the fake runner (test/fixtures/sweep/fake-runner.ts) burning about 10 ms of random draws each;
 * switch SCENARIO and RUNNER to a bundled scenario and the project runner to measure real episodes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench } from './contract.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = 'test/fixtures/sweep/scenarios/busy.yaml';
const RUNNER = 'test/fixtures/sweep/fake-runner.ts';
const SEEDS = '1..100';
const EPISODES = 200;
const REPEATS = 3;

/** Seconds the sweep spent running episodes once its workers were up. */
function sweepSeconds(workers: number): number {
  const out = mkdtempSync(join(tmpdir(), 'execdrill-bench-sweep-'));
  try {
    const args = ['bin/execdrill.js', 'sweep', '--scenario', SCENARIO, '--policy', 'naive', '--policy', 'gap-recovery', '--seeds', SEEDS];
    args.push('--runner', RUNNER, '--workers', String(workers), '--out', join(out, 'sweep'), '--json');
    const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    if (result.status !== 0) throw new Error(`sweep with ${workers} workers failed: ${result.stderr}`);
    const summary = JSON.parse(result.stdout) as { ran: number; runSec: number };
    if (summary.ran !== EPISODES) throw new Error(`expected ${EPISODES} episodes, ran ${summary.ran}`);
    return summary.runSec;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export const benches: Bench[] = [
  {
    name: 'sweep.scaling',
    run() {
      // Interleaved, best of REPEATS: a burst of load from elsewhere on the machine hits both alike.
      let one = Infinity;
      let two = Infinity;
      for (let round = 0; round < REPEATS; round++) {
        one = Math.min(one, sweepSeconds(1));
        two = Math.min(two, sweepSeconds(2));
      }
      return {
        bench: 'sweep.scaling',
        opsPerSec: EPISODES / two,
        oneWorkerOpsPerSec: EPISODES / one,
        ratio: one / two,
        note: `${EPISODES} CPU-bound fake episodes, 2 workers vs 1 (episodes/s)`,
      };
    },
  },
];
