/**
 * Resume after kill -9: a sweep killed mid-way with SIGKILL and run again with the same command ends
 * with exactly the records of an uninterrupted run, and the second run does not redo what the first
 * finished. The episodes burn CPU (about 40 ms each) so that the kill lands mid-sweep.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { execdrill, FAKE_RUNNER, SCENARIOS, startExecdrill, temporaryDirectory } from './cli.ts';

const SWEEP = ['sweep', '--scenario', `${SCENARIOS}/slow.yaml`, '--policy', 'naive', '--policy', 'gap-recovery', '--seeds', '1..20', '--runner', FAKE_RUNNER, '--workers', '2'];
const EPISODES = 40;

function lineCount(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0;
}

describe('sweep resume', () => {
  it('after kill -9 mid-sweep, the same command finishes it: nothing lost, duplicated or rerun', async () => {
    const tmp = temporaryDirectory('resume');
    const killed = join(tmp, 'killed');
    const child = startExecdrill([...SWEEP, '--out', killed]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const records = join(killed, 'episodes.jsonl');
    while (lineCount(records) < 6) await sleep(20);
    child.kill('SIGKILL');
    await exited;
    const writtenBeforeKill = lineCount(records);
    expect(writtenBeforeKill).toBeLessThan(EPISODES);

    const resumed = execdrill([...SWEEP, '--out', killed, '--json']);
    expect(resumed.status).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.resumed).toBeGreaterThanOrEqual(writtenBeforeKill);
    expect(summary.resumed + summary.ran).toBe(EPISODES);

    const uninterrupted = join(tmp, 'uninterrupted');
    expect(execdrill([...SWEEP, '--out', uninterrupted]).status).toBe(0);
    expect(readFileSync(records, 'utf8')).toBe(readFileSync(join(uninterrupted, 'episodes.jsonl'), 'utf8'));
  });
});
