/**
 * Renders a chart.js configuration to PNG bytes through chartjs-node-canvas, whose `canvas` is
 * @napi-rs/canvas here (package.json overrides). Only the synchronous path works with that canvas, so
 * every chart is drawn with `renderToBufferSync`, animation off.
 *
 * Fonts: @napi-rs/canvas ships no font and finds the system's through fontconfig paths, which some
 * systems lack. Every chart names DejaVu Sans (Debian's default, also what makes the bytes the same on
 * every machine that has it); when the canvas does not know that family it is registered from
 * /usr/share/fonts. A machine with no font at all would draw charts without a single axis title, so
 * that is an error rather than a silent blank.
 */
import { existsSync } from 'node:fs';
import type { ChartConfiguration } from 'chart.js';
import { GlobalFonts } from 'canvas';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';

export const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];

export interface ChartSize {
  widthPx: number;
  heightPx: number;
}

export const STANDARD_SIZE: ChartSize = { widthPx: 900, heightPx: 540 };

let fontsReady = false;

function ensureFont(): void {
  if (fontsReady) return;
  if (!GlobalFonts.has(FONT_FAMILY)) {
    const file = FONT_FILES.find((path) => existsSync(path));
    if (file !== undefined) GlobalFonts.registerFromPath(file, FONT_FAMILY);
  }
  if (GlobalFonts.families.length === 0) {
    throw new Error(`charts: the canvas knows no font, so axis titles would not render; install fonts-dejavu-core (looked for ${FONT_FILES.join(', ')})`);
  }
  fontsReady = true;
}

const renderers = new Map<string, ChartJSNodeCanvas>();

function rendererFor(size: ChartSize): ChartJSNodeCanvas {
  const key = `${size.widthPx}x${size.heightPx}`;
  let renderer = renderers.get(key);
  if (renderer === undefined) {
    renderer = new ChartJSNodeCanvas({
      width: size.widthPx,
      height: size.heightPx,
      backgroundColour: 'white',
      chartCallback: (chartJs) => {
        chartJs.defaults.font.family = FONT_FAMILY;
        chartJs.defaults.animation = false;
      },
    });
    renderers.set(key, renderer);
  }
  return renderer;
}

/** The chart as PNG bytes; the same configuration gives the same bytes. */
export function renderPng(config: ChartConfiguration, size: ChartSize = STANDARD_SIZE): Buffer {
  ensureFont();
  // chartjs-node-canvas types its configuration from 'chart.js/auto', the same types under another path.
  return rendererFor(size).renderToBufferSync(config as Parameters<ChartJSNodeCanvas['renderToBufferSync']>[0], 'image/png');
}
