// The HTML report in headless Chromium (Debian's `chromium`, driven by playwright-core): a report of a small real
// sweep (tiny-gap, naive and gap-recovery, seeds 1 and 2) loads with no console or page error and no request but
// the file itself, its charts draw pixels, and the explorer's selects switch the episode shown (label, tables and
// chart data follow the pick). Skipped, saying why, when Chromium is absent; made mandatory by
// EXECDRILL_BROWSER=required (set by .ci/run), where it fails if Chromium cannot run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeReport, type ReportData } from '../../../../harness/report/html/index.ts';
import { readRecordSource } from '../../../../harness/sweep/records.ts';
import { execdrill } from '../../sweep/cli.ts';

const REQUIRED = process.env.EXECDRILL_BROWSER === 'required';
const CHROMIUM = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
const ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'];
const CANVASES = ['tail-chart-0', 'timeline-state', 'timeline-residual', 'timeline-cost'];

/** The little of the browser's globals the page functions below use (the project's TypeScript has no DOM library). */
interface Canvas {
  width: number;
  height: number;
  toDataURL(): string;
  getContext(kind: '2d', options?: { willReadFrequently: boolean }): { drawImage(image: Canvas, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}
interface BrowserGlobals {
  document: { getElementById(id: string): Canvas; createElement(tag: 'canvas'): Canvas };
  Chart: { getChart(id: string): { data: { datasets: { data: { y: number }[] }[] } } };
}

function whyChromiumCannotRun(): string | undefined {
  if (CHROMIUM === '' || !existsSync(CHROMIUM)) return 'Chromium not installed (apt-get install chromium)';
  return undefined;
}

const problem = whyChromiumCannotRun();
if (problem !== undefined && !REQUIRED) console.warn(`HTML report browser test skipped: ${problem}`);

describe.skipIf(problem !== undefined && !REQUIRED)(`the HTML report in headless Chromium${problem !== undefined && !REQUIRED ? ` (skipped: ${problem})` : ''}`, () => {
  let browser: Browser;
  let page: Page;
  let url: string;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    expect(whyChromiumCannotRun()).toBeUndefined();
    const dir = join(mkdtempSync(join(tmpdir(), 'execdrill-report-browser-')), 'sweep');
    const sweep = execdrill(['sweep', '--scenario', 'test/fixtures/scenarios/tiny-gap.yaml', '--policy', 'naive', '--policy', 'gap-recovery', '--seeds', '1..2', '--workers', '1', '--out', dir]);
    expect(sweep.status, sweep.stderr).toBe(0);
    const path = join(dir, 'report.html');
    writeReport([readRecordSource(dir)], { baseline: 'naive', objective: 'p95', level: 0.95, resamples: 2000, seed: 1 }, path);
    url = pathToFileURL(path).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Share of a canvas's pixels that are drawn (not transparent, not white). */
  const inkShare = (id: string) =>
    page.evaluate((canvasId) => {
      // Read through a copy made for reading, so the chart's own canvas is left as the page drew it.
      const { document } = globalThis as unknown as BrowserGlobals;
      const canvas = document.getElementById(canvasId);
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d', { willReadFrequently: true });
      context.drawImage(canvas, 0, 0);
      const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) ink++;
      return ink / (pixels.length / 4);
    }, id);

  const label = () => page.textContent('#episode-label');
  const regimeRows = () => page.locator('#episode-regimes tr').count();
  /** The cost chart's first series (the incident run's accrued cost) as the page drew it. */
  const drawnCost = () =>
    page.evaluate(() => {
      const chart = (globalThis as unknown as BrowserGlobals).Chart.getChart('timeline-cost');
      return chart.data.datasets[0].data.map((point) => point.y);
    });
  const embeddedCost = async (policy: string, seed: number) => {
    const data: ReportData = JSON.parse((await page.textContent('#execdrill-data')) ?? 'null');
    return data.episodes.find((episode) => episode.policy === policy && episode.seed === seed)?.trajectory?.accruedCostBps;
  };

  test('loads with no console error, no page error and no request but the file itself', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  test('draws every chart: the tail bars and the three timeline charts have ink on their canvases', async () => {
    for (const id of CANVASES) expect(await inkShare(id), id).toBeGreaterThan(0.02);
  });

  test('switching policy and seed shows the picked episode: label, regime table and chart data follow', async () => {
    expect(await label()).toBe('tiny-gap / naive / seed 1');
    expect(await drawnCost()).toEqual(await embeddedCost('naive', 1));
    const naiveRows = await regimeRows();
    const before = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.getElementById('timeline-state').toDataURL());

    await page.selectOption('#pick-policy', 'gap-recovery');
    expect(await label()).toBe('tiny-gap / gap-recovery / seed 1');
    expect(await regimeRows()).toBeGreaterThan(naiveRows);
    expect(await drawnCost()).toEqual(await embeddedCost('gap-recovery', 1));
    const after = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.getElementById('timeline-state').toDataURL());
    expect(after).not.toBe(before);

    await page.selectOption('#pick-seed', '2');
    expect(await label()).toBe('tiny-gap / gap-recovery / seed 2');
    expect(await drawnCost()).toEqual(await embeddedCost('gap-recovery', 2));
    expect(await embeddedCost('gap-recovery', 2)).not.toEqual(await embeddedCost('gap-recovery', 1));
    expect(await page.textContent('#episode-replay')).toContain('--policy gap-recovery --seed 2');
    for (const id of CANVASES) expect(await inkShare(id), id).toBeGreaterThan(0.02);
    expect(errors).toEqual([]);
  });
});
