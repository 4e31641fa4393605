/**
 * `execdrill compare` on a real sweep run with `--shadow`: the comparison reports how often and where the
 * shadow policy's decisions diverged from the acting policy's, in its JSON and its table, and its figures
 * agree with the records the sweep wrote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../harness/compare/comparison.ts';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import { formatClockTime } from '../../../sim/index.ts';
import { execdrill, temporaryDirectory } from '../sweep/cli.ts';

let out: string;
let records: EpisodeRecord[];

beforeAll(() => {
  out = join(temporaryDirectory('compare-shadow'), 'sweep');
  const sweep = execdrill(['sweep', '--scenario', 'test/fixtures/scenarios/tiny-gap.yaml', '--policy', 'naive', '--shadow', 'gap-recovery', '--seeds', '1..3', '--workers', '2', '--out', out]);
  expect(sweep.stderr).toBe('');
  expect(sweep.status).toBe(0);
  records = readFileSync(join(out, 'episodes.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
});

describe('compare with shadow runs', () => {
  it('reports per acting policy the shadow decisions, divergences and share, as the records have them', () => {
    const result = execdrill(['compare', out, '--json']);
    expect(result.status).toBe(0);
    const [scenario] = (JSON.parse(result.stdout) as Comparison).scenarios;
    const decisions = records.reduce((sum, r) => sum + (r.shadow?.decisions ?? 0), 0);
    const divergences = records.reduce((sum, r) => sum + (r.shadow?.divergences.length ?? 0), 0);
    expect(divergences).toBeGreaterThan(0);
    expect(scenario.shadow).toHaveLength(1);
    expect(scenario.shadow[0]).toMatchObject({ column: 'naive', shadow: 'gap-recovery', episodes: 3, decisions, divergences, share: divergences / decisions });
    for (const first of scenario.shadow[0].firstDivergences) {
      const record = records.find((r) => r.seed === first.seed) as EpisodeRecord;
      expect(first.atNs).toBe(record.shadow?.divergences[0].atNs);
      expect(first.afterFirstFaultNs).toBe(first.atNs - (record.trajectory?.faults[0].atNs as number));
    }
  });

  it('prints a shadow table and the first divergences, with their times on the session clock', () => {
    const result = execdrill(['compare', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Shadow policies');
    expect(result.stdout).toMatch(/^ {2}naive +gap-recovery +3 +\d+ +\d+ +\d+ +[\d.]+%/m);
    expect(result.stdout).toContain('first divergences of gap-recovery from naive');
    const earliest = records.map((r) => r.shadow?.divergences[0]).filter((d) => d !== undefined).sort((a, b) => a.atNs - b.atNs)[0];
    expect(result.stdout).toContain(`at ${formatClockTime((records[0].timeZeroNs as number) + earliest.atNs, 3)}`);
    expect(result.stdout).toContain(`acting ${earliest.acting} | shadow ${earliest.shadow}`);
  });
});
