/**
 * Records know their inputs: a sweep run again after one of its scenario files (or a policy module)
 * changed reruns exactly the episodes that read it, and ends with the records a fresh sweep of the
 * edited files writes; shards computed from different contents are not merged.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execdrill, FAKE_RUNNER, SCENARIOS, temporaryDirectory } from './cli.ts';

function sweepOf(dir: string, extra: string[] = []): string[] {
  return ['sweep', '--scenario', join(dir, 'a.yaml'), '--scenario', join(dir, 'b.yaml'), '--policy', 'naive', '--policy', 'gap-recovery', '--seeds', '1..3', '--runner', FAKE_RUNNER, '--workers', '1', ...extra];
}

describe('a sweep whose inputs changed', () => {
  it('reruns the episodes of the changed file only, and ends with the records of a fresh sweep', () => {
    const dir = temporaryDirectory('inputs');
    copyFileSync(`${SCENARIOS}/fix-resend.yaml`, join(dir, 'a.yaml'));
    copyFileSync(`${SCENARIOS}/fix-resend.yaml`, join(dir, 'b.yaml'));
    const out = join(dir, 'out');
    expect(execdrill([...sweepOf(dir), '--out', out]).status).toBe(0);
    const before = readFileSync(join(out, 'episodes.jsonl'), 'utf8').split('\n');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).inputs).toEqual({
      [join(dir, 'a.yaml')]: expect.stringMatching(/^[0-9a-f]{16}$/),
      [join(dir, 'b.yaml')]: expect.stringMatching(/^[0-9a-f]{16}$/),
      naive: expect.stringMatching(/^[0-9a-f]{16}$/),
      'gap-recovery': expect.stringMatching(/^[0-9a-f]{16}$/),
    });

    writeFileSync(join(dir, 'b.yaml'), readFileSync(join(dir, 'b.yaml'), 'utf8').replace('shockMeanBps: 10', 'shockMeanBps: 30'));
    const again = execdrill([...sweepOf(dir), '--out', out, '--json']);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`changed since ${out} was written: ${join(dir, 'b.yaml')}; 6 of its episodes run again`);
    expect(JSON.parse(again.stdout)).toMatchObject({ resumed: 6, ran: 6 });
    const after = readFileSync(join(out, 'episodes.jsonl'), 'utf8');
    expect(after.split('\n').slice(0, 6)).toEqual(before.slice(0, 6));

    const fresh = join(dir, 'fresh');
    expect(execdrill([...sweepOf(dir), '--out', fresh]).status).toBe(0);
    expect(after).toBe(readFileSync(join(fresh, 'episodes.jsonl'), 'utf8'));
    expect(execdrill([...sweepOf(dir), '--out', out, '--json']).stderr).not.toContain('changed since');
  });

  it('merge refuses shards computed from different contents, naming the file', () => {
    const dir = temporaryDirectory('inputs-merge');
    copyFileSync(`${SCENARIOS}/fix-resend.yaml`, join(dir, 'a.yaml'));
    copyFileSync(`${SCENARIOS}/fix-resend.yaml`, join(dir, 'b.yaml'));
    expect(execdrill([...sweepOf(dir, ['--shard', '0/2']), '--out', join(dir, 's0')]).status).toBe(0);
    writeFileSync(join(dir, 'a.yaml'), `${readFileSync(join(dir, 'a.yaml'), 'utf8')}# edited\n`);
    expect(execdrill([...sweepOf(dir, ['--shard', '1/2']), '--out', join(dir, 's1')]).status).toBe(0);
    const merged = execdrill(['merge', join(dir, 's0'), join(dir, 's1'), '--out', join(dir, 'merged')]);
    expect(merged.status).toBe(64);
    expect(merged.stderr).toContain(`were computed from different contents of ${join(dir, 'a.yaml')}`);
  });
});
