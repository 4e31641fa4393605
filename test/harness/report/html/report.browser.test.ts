// The HTML report in headless Chromium (Debian's `chromium`, driven by playwright-core): the report of a small real
// drill (tiny-gap, naive and gap-recovery, seeds 1 and 2) loads with no console or page error and no request but the
// file itself; its verdict section shows the gates as the drill judged them; its charts draw pixels, and what they
// draw is the record's: the price panel's bid, ask and mids, each child order at its limit price and each fill at its
// price, on the session clock; strips stay above the data; counting axes tick in whole numbers; the explorer's
// selects switch the episode shown. Skipped, saying why, when Chromium is absent; made mandatory by
// EXECDRILL_BROWSER=required (set by .ci/run), where it fails if Chromium cannot run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReportData } from '../../../../harness/report/html/index.ts';
import { execdrill } from '../../sweep/cli.ts';

const REQUIRED = process.env.EXECDRILL_BROWSER === 'required';
const CHROMIUM = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
const ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'];
const CANVASES = ['tail-chart-0', 'timeline-price', 'timeline-state', 'timeline-residual', 'timeline-cost'];

interface DrawnPoint {
  x: number;
  y: number | null;
  shares?: number;
}
interface DrawnChart {
  data: { datasets: { label: string; data: DrawnPoint[] }[] };
  scales: Record<string, { ticks: { value: number; label: string }[] }>;
  chartArea: { top: number; bottom: number };
  ctx: { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
  draw(): void;
}

/** The little of the browser's globals the page functions below use (the project's TypeScript has no DOM library). */
interface Canvas {
  width: number;
  height: number;
  toDataURL(): string;
  getContext(kind: '2d', options?: { willReadFrequently: boolean }): { drawImage(image: Canvas, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}
interface BrowserGlobals {
  document: { getElementById(id: string): Canvas; createElement(tag: 'canvas'): Canvas };
  Chart: { getChart(id: string): DrawnChart };
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
    const dir = join(mkdtempSync(join(tmpdir(), 'execdrill-report-browser-')), 'drill');
    const drill = execdrill(['drill', 'test/fixtures/drills/tiny-gap.yaml', '--workers', '1', '--out', dir]);
    // Two seeds cannot settle the beats gate: the drill is inconclusive, exit 2, and its report says why.
    expect(drill.status, drill.stderr).toBe(2);
    const path = join(dir, 'report.html');
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
  const embedded = async (): Promise<ReportData> => JSON.parse((await page.textContent('#execdrill-data')) ?? 'null');
  const drawn = (id: string) =>
    page.evaluate((chartId) => {
      const chart = (globalThis as unknown as BrowserGlobals).Chart.getChart(chartId);
      const ticks = Object.fromEntries(Object.entries(chart.scales).map(([axis, scale]) => [axis, scale.ticks.map((tick) => ({ value: tick.value, label: tick.label }))]));
      return { datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data.map((p) => ({ x: p.x, y: p.y, shares: p.shares })) })), ticks, area: chart.chartArea };
    }, id);

  /** The cost chart's first series (the incident run's accrued cost) as the page drew it. */
  const drawnCost = () =>
    page.evaluate(() => {
      const chart = (globalThis as unknown as BrowserGlobals).Chart.getChart('timeline-cost');
      return chart.data.datasets[0].data.map((point) => point.y);
    });
  const embeddedCost = async (policy: string, seed: number) => (await embedded()).episodes.find((episode) => episode.policy === policy && episode.seed === seed)?.trajectory?.accruedCostBps;

  test('loads with no console error, no page error and no request but the file itself', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  test('opens with the verdict of the drill: each gate with its result and why, and the bottom line', async () => {
    const heading = await page.textContent('#verdict h2');
    expect(heading).toBe('Verdict of drill tiny-gap: inconclusive (exit 2)');
    const rows = await page.locator('#verdict table.gates tr.gate').evaluateAll((trs) =>
      trs.map((tr) => Array.from((tr as unknown as { children: ArrayLike<{ textContent: string | null }> }).children, (td) => td.textContent ?? '')),
    );
    const byGate = Object.fromEntries(rows.map((row) => [row[1], row]));
    expect(byGate['no invariant violations']?.[0]).toBe('passed');
    expect(byGate['mean(COMPLETION) of gap-recovery >= 0.5 (point estimate)']).toEqual(['passed', 'mean(COMPLETION) of gap-recovery >= 0.5 (point estimate)', 'tiny-gap / gap-recovery', expect.stringMatching(/^mean of COMPLETION for gap-recovery is \d\.\d\d, within at least 0\.5$/)]);
    const beats = byGate['gap-recovery beats naive at p95(IS_FO_BPS) with 95% confidence'];
    expect(beats?.slice(0, 3)).toEqual(['undecided', 'gap-recovery beats naive at p95(IS_FO_BPS) with 95% confidence', 'tiny-gap / gap-recovery']);
    expect(beats?.[3]).toMatch(/only 2 seeds have IS_FO_BPS for both gap-recovery and naive: too few to compare; run more seeds/);
    expect(await page.locator('#verdict table.bottom-line tr').count()).toBe(2);
  });

  test('draws the market of the episode: bid, ask and mids of both runs, children at their limit price, fills at theirs, on the session clock', async () => {
    const data = await embedded();
    const episode = data.episodes.find((e) => e.policy === 'naive' && e.seed === 1)!;
    const t = episode.trajectory!;
    const market = t.market!;
    const chart = await drawn('timeline-price');
    const series = (prefix: string) => chart.datasets.find((d) => d.label.startsWith(prefix))!.data;
    const price = (ticks: number | null) => (ticks === null ? null : (market.baseTicks + ticks) * market.tickSize);
    expect(episode.timeZeroS).toBe(12 * 3600);
    expect(series('best ask, incident run').map((p) => p.x)).toEqual(t.tS.map((s) => 12 * 3600 + s));
    expect(series('best bid, incident run').map((p) => p.y)).toEqual(market.incident.bid.map(price));
    // The mid where both sides of the book are there; none (a gap in the line) where one side was empty.
    const mid = (bid: number | null, ask: number | null) => (bid === null || ask === null ? null : ((price(bid) as number) + (price(ask) as number)) / 2);
    const close = (drawnMid: (number | null)[], expected: (number | null)[]) => drawnMid.forEach((y, i) => (expected[i] === null ? expect(y).toBeNull() : expect(y).toBeCloseTo(expected[i] as number, 9)));
    close(series('mid, incident run').map((p) => p.y), market.incident.bid.map((b, i) => mid(b, market.incident.ask[i])));
    close(series('mid, control run').map((p) => p.y), market.control.bid.map((b, i) => mid(b, market.control.ask[i])));
    const children = chart.datasets.filter((d) => d.label.startsWith('child orders at their limit price')).flatMap((d) => d.data);
    expect(children).toHaveLength(t.children.length);
    expect(children.map((p) => [p.x, p.y, p.shares]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual(
      t.children.map((c) => [12 * 3600 + c[0], c[3] * market.tickSize, c[1]]).sort((a, b) => a[0] - b[0]),
    );
    expect(series('fills at their price').map((p) => [p.y, p.shares])).toEqual(t.fills.map((f) => [f[2] * market.tickSize, f[1]]));
    expect(chart.ticks.x.length).toBeGreaterThan(2);
    for (const tick of chart.ticks.x) expect(tick.label).toMatch(/^12:00:\d\d(\.\d+)?$/);
  });

  test('keeps regime, fault and outage strips above the data: nothing of them is painted inside a chart area', async () => {
    const painted = await page.evaluate(() => {
      const chart = (globalThis as unknown as BrowserGlobals).Chart.getChart('timeline-price');
      const rects: { fill: string; y: number; h: number }[] = [];
      const original = chart.ctx.fillRect;
      chart.ctx.fillRect = function (x: number, y: number, w: number, h: number) {
        rects.push({ fill: String(chart.ctx.fillStyle), y, h });
        original.call(this, x, y, w, h);
      };
      chart.draw();
      chart.ctx.fillRect = original;
      return { rects, top: chart.chartArea.top };
    });
    const faults = painted.rects.filter((rect) => /214, ?39, ?40/.test(rect.fill) || /^#d62728d9$/i.test(rect.fill));
    expect(faults.length).toBeGreaterThan(0);
    for (const rect of faults) expect(rect.y + rect.h).toBeLessThanOrEqual(painted.top + 0.5);
  });

  test('ticks counting axes in whole numbers: messages and shares, never "1.2 messages"', async () => {
    const state = await drawn('timeline-state');
    const residual = await drawn('timeline-residual');
    for (const tick of [...state.ticks.msgs, ...residual.ticks.y]) expect(Number.isInteger(tick.value), `${tick.label}`).toBe(true);
  });

  test('draws every chart: the tail bars and the four timeline charts have ink on their canvases', async () => {
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
