/**
 * End to end through the real CLI with the fake runner: the records file is the same bytes whatever the
 * worker count, shards merge into exactly the unsharded output, a failing episode is reported with the
 * command that replays it and the sweep goes on, and an interrupted sweep (kill -9, torn lines) finishes
 * to the same bytes without rerunning what was done.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { argsOfReplay, CLI_ENV, execdrill, ROOT, FAKE_RUNNER, SCENARIOS, temporaryDirectory, type CliResult } from './cli.ts';

const SWEEP = [
  'sweep',
  '--scenario', `${SCENARIOS}/fix-resend.yaml`,
  '--scenario', `${SCENARIOS}/flaky.yaml`,
  '--policy', 'naive', '--policy', 'broken', '--policy', 'gap-recovery',
  '--param', 'gap-recovery:confidenceThreshold=0.8,0.9',
  '--seeds', '1..12',
  '--runner', FAKE_RUNNER,
];
// 2 scenarios x (naive + broken + 2 gap-recovery settings) x 12 seeds.
const EPISODES = 96;

const records = (dir: string) => readFileSync(join(dir, 'episodes.jsonl'), 'utf8');
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

  it('merges three shards (given in any order) into exactly what the unsharded sweep writes', () => {
    const shards = [0, 1, 2].map((index) => join(tmp, `shard-${index}`));
    shards.forEach((dir, index) => expect(execdrill([...SWEEP, '--workers', '1', '--shard', `${index}/3`, '--out', dir]).status).toBe(0));
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

  it('records a failing episode with its seed and replay command, reports it on stderr, and goes on', () => {
    expect(oneWorkerRun.stderr).toMatch(/episode failed \(crash\): \S*flaky\.yaml policy naive seed 3: fake runner: seed 3 is set to fail/);
    expect(oneWorkerRun.stderr).toMatch(/episode violated invariants \(position-reconciles\): \S*flaky\.yaml policy broken seed 1\b/);
    const lines = records(oneWorker).split('\n').filter(Boolean);
    const failed = lines.map((line) => JSON.parse(line)).filter((record) => record.error?.kind === 'crash');
    // Seeds 3 and 5 fail for each of the four policy settings of the flaky scenario; every other episode ran.
    expect(failed.map((record) => record.seed).sort()).toEqual([3, 3, 3, 3, 5, 5, 5, 5]);
    expect(lines.filter((line) => JSON.parse(line).status === 'ok').length).toBeGreaterThan(EPISODES / 2);
    const naiveSeed3 = failed.find((record) => record.policy.name === 'naive' && record.seed === 3);
    expect(oneWorkerRun.stderr).toContain(`replay: ${naiveSeed3.replay}`);

    const args = argsOfReplay(naiveSeed3.replay);
    const replayOut = join(tmp, 'replay');
    args[args.indexOf('--out') + 1] = replayOut;
    const replay = execdrill(args);
    expect(replay.stderr).toContain('fake runner: seed 3 is set to fail');
    expect(replay.stderr).toMatch(/at .*runEpisode .*fake-runner\.ts/);
    expect(records(replayOut)).toBe(`${JSON.stringify(naiveSeed3)}\n`);
  });

  it('finishes a sweep whose last lines were torn, without rerunning finished episodes', () => {
    const complete = records(oneWorker).split('\n').filter(Boolean);
    const dir = join(tmp, 'torn');
    mkdirSync(dir);
    copyFileSync(join(oneWorker, 'manifest.json'), join(dir, 'manifest.json'));
    // Ten records written in order and the eleventh cut mid-line; two later ones pending and a third torn.
    const half = (line: string) => line.slice(0, Math.floor(line.length / 2));
    writeFileSync(join(dir, 'episodes.jsonl'), `${complete.slice(0, 10).join('\n')}\n${half(complete[10])}`);
    writeFileSync(join(dir, 'pending.log'), `14\t${complete[14]}\n20\t${complete[20]}\n25\t${half(complete[25])}`);
    const resumed = execdrill([...SWEEP, '--workers', '2', '--out', dir]);
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain(`(${EPISODES - 12} run now, 12 from an earlier run)`);
    expect(records(dir)).toBe(records(oneWorker));
    expect(existsSync(join(dir, 'pending.log'))).toBe(false);
  });

  it('refuses to resume into a directory that holds another sweep, saying how they differ', () => {
    const result = execdrill([...SWEEP.slice(0, -4), '--seeds', '1..13', '--runner', FAKE_RUNNER, '--out', oneWorker]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('holds another sweep');
  });

  it('rejects an option given twice instead of picking one', () => {
    const result = execdrill([...SWEEP, '--seeds', '1..3', '--out', join(tmp, 'twice')]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('--seeds is given more than once');
  });
});
