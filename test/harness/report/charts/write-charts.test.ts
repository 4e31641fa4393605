import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPng, STANDARD_SIZE, TIMELINE_SIZE, writeCharts } from '../../../../harness/report/charts/index.ts';
import { pngHeader } from './png.ts';
import { TINY_POLICIES, TINY_SEEDS, tinySweep } from './records.ts';

describe('writeCharts on a small real sweep (tiny-gap, naive and gap-recovery, 3 seeds)', () => {
  const records = tinySweep();
  const out = mkdtempSync(join(tmpdir(), 'execdrill-charts-'));
  const files = writeCharts(records, out);

  it('writes, per policy, both cost ECDFs and one timeline; per scenario, the tail whiskers and the event study', () => {
    const names = files.map((f) => f.file);
    for (const policy of TINY_POLICIES) {
      expect(names).toContain(`tiny-gap--${policy}--is-bps-ecdf.png`);
      expect(names).toContain(`tiny-gap--${policy}--is-fo-bps-ecdf.png`);
      expect(names.filter((name) => name.startsWith(`tiny-gap--${policy}--seed-`) && name.endsWith('-timeline.png'))).toHaveLength(1);
    }
    expect(names).toContain('tiny-gap--is-fo-tail-intervals.png');
    expect(names).toContain('tiny-gap--event-study.png');
    expect(names).toHaveLength(2 * TINY_POLICIES.length + TINY_POLICIES.length + 2);
    expect(readdirSync(out).sort()).toEqual([...names].sort());
  });

  it('writes each chart as a valid PNG of its size (signature, IHDR width and height)', () => {
    for (const { file } of files) {
      const header = pngHeader(readFileSync(join(out, file)));
      const size = file.endsWith('-timeline.png') ? TIMELINE_SIZE : STANDARD_SIZE;
      expect(header, file).toEqual({ signatureOk: true, chunk: 'IHDR', widthPx: size.widthPx, heightPx: size.heightPx });
    }
  });

  it('gives every chart a title naming its scenario and a description', () => {
    for (const chart of files) {
      expect(chart.title).toContain('tiny-gap');
      expect(chart.description.length).toBeGreaterThan(20);
    }
  });

  it('names the timeline after the seed at the policy p95 of IS_FO_BPS, one of the sweep seeds', () => {
    const timelines = files.filter((f) => f.file.endsWith('-timeline.png'));
    for (const chart of timelines) {
      const seed = Number(/seed-(\d+)-timeline/.exec(chart.file)![1]);
      expect(TINY_SEEDS).toContain(seed);
    }
  });

  it('is deterministic: the same records give the same PNG bytes', () => {
    const again = mkdtempSync(join(tmpdir(), 'execdrill-charts-'));
    writeCharts(records, again);
    for (const { file } of files) expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file))), file).toBe(true);
  });

  it('draws text: a chart with a title differs from the same chart without one (a missing font would draw nothing)', () => {
    const config = (title: string) => ({
      type: 'line' as const,
      data: { datasets: [{ label: '', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }] },
      options: { plugins: { legend: { display: false }, title: { display: true, text: title } } },
    });
    expect(renderPng(config('IS_FO_BPS (bps)')).equals(renderPng(config(' ')))).toBe(false);
  });
});
