import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('a sweep with the real episode runner', () => {
  it("loads a user's policy module in its worker threads and records its name, version and source hash", () => {
    const out = join(mkdtempSync(join(tmpdir(), 'execdrill-sweep-')), 'sweep');
    const result = spawnSync(
      process.execPath,
      ['bin/execdrill.js', 'sweep', '--scenario', 'test/fixtures/scenarios/tiny-gap.yaml', '--policy', 'naive', '--policy', 'test/fixtures/policies/always-passive.ts', '--seeds', '1..2', '--workers', '2', '--out', out],
      { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    expect(result.status).toBe(0);
    const records = readFileSync(join(out, 'episodes.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(records.map((r) => [r.policy.name, r.seed, r.status])).toEqual([
      ['naive', 1, 'ok'],
      ['always-passive', 1, 'ok'],
      ['naive', 2, 'ok'],
      ['always-passive', 2, 'ok'],
    ]);
    expect(records[1].policy).toMatchObject({ version: '2.1.0', sourceHash: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(records.every((r) => r.commit === manifest.commit)).toBe(true);
  });
});
