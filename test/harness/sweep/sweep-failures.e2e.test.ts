/**
 * End to end through the real CLI with the fake runner: a failing episode (a throwing runner, a dying
 * worker) is recorded and reported with the command that replays it and the sweep goes on; a sweep
 * whose last lines were torn finishes to the bytes of an uninterrupted run; resume refuses another sweep.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOfReplay, execdrill, FAKE_RUNNER, SCENARIOS, temporaryDirectory, fakeSweepArgs, readRecords, type CliResult } from './cli.ts';

const SWEEP = fakeSweepArgs('1..6');
// 2 scenarios x (naive + broken + 2 gap-recovery settings) x 6 seeds.
const EPISODES = 48;

const records = readRecords;

let tmp: string;
let oneWorker: string;
let oneWorkerRun: CliResult;

beforeAll(() => {
  tmp = temporaryDirectory('sweep-failures');
  oneWorker = join(tmp, 'one-worker');
  oneWorkerRun = execdrill([...SWEEP, '--workers', '1', '--out', oneWorker]);
});

describe('sweep failures and resume', () => {
  it('records a failing episode with its seed and replay command, reports it on stderr, and goes on', () => {
    expect(oneWorkerRun.stderr).toMatch(/episode failed \(crash\): \S*flaky\.yaml policy naive seed 3: fake runner: seed 3 is set to fail/);
    expect(oneWorkerRun.stderr).toMatch(/episode violated invariants \(position-reconciles\): \S*flaky\.yaml policy broken seed 1\b/);
    const lines = records(oneWorker).split('\n').filter(Boolean);
    const failed = lines.map((line) => JSON.parse(line)).filter((record) => record.error?.kind === 'crash');
    // Seeds 3 and 5 fail for each of the four policy settings of the flaky scenario; every other episode ran.
    expect(oneWorkerRun.status).toBe(0);
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

  it('records an episode whose worker died as failed, replaces the worker, and goes on', () => {
    const out = join(tmp, 'dying');
    const args = ['sweep', '--scenario', `${SCENARIOS}/dying.yaml`, '--policy', 'naive', '--seeds', '1..4', '--runner', FAKE_RUNNER, '--workers', '1', '--out', out];
    const result = execdrill(args);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/episode failed \(crash\): \S*dying\.yaml policy naive seed 2: the worker running this episode died \(exit code 7\)/);
    const dying = records(out).split('\n').filter(Boolean).map((line) => JSON.parse(line));
    expect(dying.map((record) => [record.seed, record.status])).toEqual([[1, 'ok'], [2, 'failed'], [3, 'ok'], [4, 'ok']]);
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
    const result = execdrill([...SWEEP.slice(0, -4), '--seeds', '1..7', '--runner', FAKE_RUNNER, '--out', oneWorker]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('holds another sweep');
  });

  it('rejects an option given twice instead of picking one', () => {
    const result = execdrill([...SWEEP, '--seeds', '1..3', '--out', join(tmp, 'twice')]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('--seeds is given more than once');
  });
});
