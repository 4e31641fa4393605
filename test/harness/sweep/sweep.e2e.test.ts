/**
 * End to end through the real CLI with the fake runner: the records file is the same bytes whatever the
 * worker count (and through npx), and shards merge into exactly the unsharded output.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CLI_ENV, execdrill, execdrillAsync, ROOT, temporaryDirectory, fakeSweepArgs, readRecords, type CliResult } from './cli.ts';

const SWEEP = fakeSweepArgs('1..12');
// 2 scenarios x (naive + broken + 2 gap-recovery settings) x 12 seeds.
const EPISODES = 96;

const records = readRecords;
const manifest = (dir: string) => readFileSync(join(dir, 'manifest.json'), 'utf8');

let tmp: string;
let oneWorker: string;
let oneWorkerRun: CliResult;

beforeAll(() => {
  tmp = temporaryDirectory('sweep');
  oneWorker = join(tmp, 'one-worker');
  oneWorkerRun = execdrill([...SWEEP, '--workers', '1', '--out', oneWorker]);
});

describe('sweep', () => {
  it('writes one record per episode, in the same bytes with 1 and 2 workers', () => {
    expect(oneWorkerRun.status).toBe(0);
    const twoWorkers = join(tmp, 'two-workers');
    expect(execdrill([...SWEEP, '--workers', '2', '--out', twoWorkers]).status).toBe(0);
    expect(records(oneWorker).split('\n').filter(Boolean)).toHaveLength(EPISODES);
    expect(records(twoWorkers)).toBe(records(oneWorker));
    expect(manifest(twoWorkers)).toBe(manifest(oneWorker));
  });

  it('runs as `npx execdrill` too, its worker threads loading TypeScript through tsx', () => {
    const out = join(tmp, 'npx');
    const result = spawnSync('npx', ['--no-install', 'execdrill', ...SWEEP, '--workers', '2', '--out', out], { cwd: ROOT, env: CLI_ENV, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(records(out)).toBe(records(oneWorker));
  });

  it('merges three shards (given in any order) into exactly what the unsharded sweep writes', async () => {
    const shards = [0, 1, 2].map((index) => join(tmp, `shard-${index}`));
    const runs = await Promise.all(shards.map((dir, index) => execdrillAsync([...SWEEP, '--workers', '1', '--shard', `${index}/3`, '--out', dir])));
    expect(runs.map((run) => run.status)).toEqual([0, 0, 0]);
    const merged = join(tmp, 'merged');
    const result = execdrill(['merge', shards[2], shards[0], shards[1], '--out', merged]);
    expect(result.status).toBe(0);
    expect(records(merged)).toBe(records(oneWorker));
    expect(manifest(merged)).toBe(manifest(oneWorker));
  });

  it('refuses to merge with a shard missing, naming it', () => {
    const result = execdrill(['merge', join(tmp, 'shard-0'), join(tmp, 'shard-2'), '--out', join(tmp, 'merged-missing')]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('missing shard 1/3');
  });

  it('refuses a shard whose manifest lost its episode list, naming the file and the field', () => {
    const broken = join(tmp, 'shard-broken');
    cpSync(join(tmp, 'shard-1'), broken, { recursive: true });
    const file = join(broken, 'manifest.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), specs: [{ seed: 'one' }] }));
    const result = execdrill(['merge', join(tmp, 'shard-0'), broken, join(tmp, 'shard-2'), '--out', join(tmp, 'merged-broken')]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain(`${file}: specs[0] is not an episode`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

});
