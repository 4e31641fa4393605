import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { GATEWAYS_SIZE, gatewayWarmupChart, hasGateways, writeCharts } from '../../../../harness/report/charts/index.ts';
import { pngHeader } from './png.ts';
import { handMadeRecord } from './records.ts';

// A pool of two nodes: gw-1 warm throughout; gw-2 joins at 3 s, cold (factor 0) then warming, taking a third of the flow.
const pool = [
  { id: 'gw-1', capacityFactor: [1, 1, 1, 1, 1], flowShare: [1, 1, 1, 0.667, 0.667] },
  { id: 'gw-2', capacityFactor: [null, null, 0, 0.4, 0.8], flowShare: [null, null, 0, 0.333, 0.333] },
];
const withPool = (seed: number, isFoBps: number) =>
  handMadeRecord({ policy: 'naive', seed, isFoBps, tS: [1, 2, 3, 4, 5], accrued: [0, 0, 1, 1, 2], control: [0, 0, 0, 1, 1], faultAtS: 2, gateways: pool });

describe('gateway warm-up and flow shares (seed 003)', () => {
  it('draws each node capacity factor and flow share, gaps where the node did not exist, on titled axes', () => {
    const config = gatewayWarmupChart(withPool(1, 3)) as ChartConfiguration;
    const labels = config.data.datasets.map((d) => d.label);
    expect(labels).toEqual(expect.arrayContaining(['gw-1: capacity factor', 'gw-1: flow share', 'gw-2: capacity factor', 'gw-2: flow share']));
    const gw2 = config.data.datasets.find((d) => d.label === 'gw-2: capacity factor')!;
    expect(gw2.data).toEqual([{ x: 1, y: null }, { x: 2, y: null }, { x: 3, y: 0 }, { x: 4, y: 0.4 }, { x: 5, y: 0.8 }]);
    const scales = config.options!.scales as Record<string, { title: { text: string } }>;
    expect(scales.x.title.text).toContain('(s)');
    expect(scales.capacity.title.text).toContain('(0-1');
    expect(scales.share.title.text).toContain('(0-1 of child orders)');
  });

  it('is written beside the timeline of the p95 episode when its record has a pool, and only then', () => {
    const out = mkdtempSync(join(tmpdir(), 'execdrill-gateways-'));
    const records = [withPool(1, 3), withPool(2, 9)];
    const files = writeCharts(records, out).map((f) => f.file);
    expect(files).toContain('hand-made--naive--seed-2-gateways.png');
    expect(pngHeader(readFileSync(join(out, 'hand-made--naive--seed-2-gateways.png')))).toMatchObject({ signatureOk: true, widthPx: GATEWAYS_SIZE.widthPx, heightPx: GATEWAYS_SIZE.heightPx });
    const plain = handMadeRecord({ policy: 'naive', seed: 1, tS: [1, 2], accrued: [0, 0], control: [0, 0], faultAtS: 1 });
    expect(hasGateways(plain)).toBe(false);
    expect(writeCharts([plain], mkdtempSync(join(tmpdir(), 'execdrill-gateways-'))).some((f) => f.file.endsWith('-gateways.png'))).toBe(false);
  });
});
