/** A sweep stopped by its signal (a time budget) keeps what it wrote, and the same sweep run again finishes it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WHOLE_SWEEP, type SweepRequest } from '../../../harness/sweep/plan.ts';
import { resolveRunner } from '../../../harness/sweep/runner-module.ts';
import { runSweep } from '../../../harness/sweep/run-sweep.ts';
import { FAKE_RUNNER, ROOT, SCENARIOS, temporaryDirectory } from './cli.ts';

const request: SweepRequest = { scenarios: [`${SCENARIOS}/slow.yaml`], policies: ['naive'], params: [], seeds: Array.from({ length: 30 }, (_, i) => i + 1), shadowPolicy: null };
const quiet = () => ({ update: () => {}, note: () => {}, finish: () => {} });

describe('sweep abort', () => {
  it('stops starting episodes once aborted; a second run finishes the same records an uninterrupted one writes', async () => {
    const tmp = temporaryDirectory('abort');
    const runner = resolveRunner(FAKE_RUNNER, ROOT);
    const stop = new AbortController();
    let seen = 0;
    const progress = () => ({ ...quiet(), update: (done: number) => (seen = done) >= 3 && stop.abort() });
    const first = await runSweep({ request, out: join(tmp, 'stopped'), workers: 1, shard: WHOLE_SWEEP, runner, progress, signal: stop.signal });
    expect(seen).toBeGreaterThanOrEqual(3);
    expect(first.ran).toBeLessThan(30);
    const second = await runSweep({ request, out: join(tmp, 'stopped'), workers: 1, shard: WHOLE_SWEEP, runner, progress: quiet });
    expect(second.resumed + second.ran).toBe(30);
    expect(second.resumed).toBeGreaterThanOrEqual(first.ran);
    await runSweep({ request, out: join(tmp, 'whole'), workers: 1, shard: WHOLE_SWEEP, runner, progress: quiet });
    expect(readFileSync(join(tmp, 'stopped', 'episodes.jsonl'), 'utf8')).toBe(readFileSync(join(tmp, 'whole', 'episodes.jsonl'), 'utf8'));
  }, 60_000);
});
