/**
 * Start-up of the command line as a user meets it: `node bin/execdrill.js --help` (the built CLI in dist/;
 * the bench refuses to time the TypeScript fallback) against `node -e 0`, the floor any Node program pays,
 * timed in the same run, interleaved, best of several. `ratio` is starts per second of `--help` over those of
 * `node -e 0` (1 would be free); `helpSec` is what a user waits, which the project holds under 0.5 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bench } from './contract.ts';
import { bestSeconds } from './timing.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const REPEATS = 15;

function start(args: readonly string[]): () => void {
  return () => {
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, EXECDRILL_FROM_SOURCE: '' } });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  };
}

export const benches: Bench[] = [
  {
    name: 'cli.help-startup',
    run() {
      if (!existsSync(new URL('../dist/harness/cli.js', import.meta.url))) throw new Error('cli.help-startup times the built CLI: run `npm run build` first');
      const [helpSec, nodeSec] = bestSeconds([start(['bin/execdrill.js', '--help']), start(['-e', '0'])], REPEATS);
      return {
        bench: 'cli.help-startup',
        opsPerSec: 1 / helpSec,
        ratio: nodeSec / helpSec,
        helpSec: Number(helpSec.toFixed(3)),
        nodeSec: Number(nodeSec.toFixed(3)),
        note: `best of ${REPEATS} interleaved starts each`,
      };
    },
  },
];
