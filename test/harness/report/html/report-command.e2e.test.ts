/**
 * `execdrill report` through the real CLI: on a sweep of the fake runner it writes one page whose
 * embedded comparison is the JSON `execdrill compare` prints for the same directory, and on bad input
 * it exits 64 naming the path.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../../../harness/report/html/index.ts';
import { execdrill, FAKE_RUNNER, SCENARIOS, temporaryDirectory } from '../../sweep/cli.ts';

let dir: string;

beforeAll(() => {
  dir = join(temporaryDirectory('report'), 'sweep');
  const sweep = execdrill(['sweep', '--scenario', `${SCENARIOS}/fix-resend.yaml`, '--policy', 'naive', '--policy', 'gap-recovery', '--seeds', '1..6', '--runner', FAKE_RUNNER, '--out', dir]);
  expect(sweep.status, sweep.stderr).toBe(0);
});

const embedded = (html: string): ReportData => JSON.parse(/<script type="application\/json" id="execdrill-data">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');

describe('execdrill report', () => {
  it('writes report.html in the sweep directory, its comparison the one compare --json prints', () => {
    const result = execdrill(['report', dir]);
    expect(result.status, result.stderr).toBe(0);
    const path = join(dir, 'report.html');
    expect(result.stdout).toContain(`wrote ${path}`);
    const data = embedded(readFileSync(path, 'utf8'));
    const compared = execdrill(['compare', dir, '--json']);
    expect(data.comparison).toEqual(JSON.parse(compared.stdout));
    expect(data.episodes).toHaveLength(12);
  });

  it('passes the comparison options through and writes where --out says, reporting it as JSON', () => {
    const out = join(temporaryDirectory('report-out'), 'page.html');
    const result = execdrill(['report', dir, '--out', out, '--json', '--baseline', 'gap-recovery', '--level', '0.8']);
    expect(result.status, result.stderr).toBe(0);
    const written = JSON.parse(result.stdout);
    expect(written).toEqual({ path: out, bytes: statSync(out).size, scenarios: 1, episodes: 12 });
    const { comparison } = embedded(readFileSync(out, 'utf8'));
    expect(comparison).toMatchObject({ baseline: 'gap-recovery', level: 0.8 });
    expect(comparison.scenarios[0].differences.every((difference) => difference.reference === 'gap-recovery' && difference.level === 0.8)).toBe(true);
  });

  it('exits 64 naming the path when the directory does not exist', () => {
    const missing = join(temporaryDirectory('report-bad'), 'no-such-sweep');
    const result = execdrill(['report', missing]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 64 naming the path when the directory holds no episode records', () => {
    const empty = temporaryDirectory('report-empty');
    mkdirSync(join(empty, 'nothing'));
    const result = execdrill(['report', join(empty, 'nothing')]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain(join(empty, 'nothing'));
    expect(result.stderr).toContain('episodes.jsonl');
  });

  it.each(['episodes.jsonl', 'manifest.json'])('exits 64 and leaves the sweep as it was when --out names its %s', (file) => {
    const before = readFileSync(join(dir, file), 'utf8');
    const result = execdrill(['report', dir, '--out', join(dir, '..', 'sweep', file)]);
    expect(result.status).toBe(64);
    expect(result.stderr).toBe(`execdrill: --out ${join(dir, '..', 'sweep', file)} is ${join(dir, file)}, which the report reads: writing it there would lose it; name an .html file\n`);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(before);
  });
});
