/**
 * Renders a chart.js configuration to PNG bytes on a @napi-rs/canvas canvas (Skia, prebuilt: no
 * native build on install). chart.js draws on any 2D context; what a canvas in Node lacks is a page,
 * so the chart is not responsive, not animated, and a plugin paints the white background a page
 * would show behind it. Every chart is drawn synchronously.
 *
 * Fonts: @napi-rs/canvas ships no font and finds the system's through fontconfig paths, which some
 * systems lack. Every chart names DejaVu Sans (Debian's default, also what makes the bytes the same on
 * every machine that has it); when the canvas does not know that family it is registered from
 * /usr/share/fonts. A machine with no font at all would draw charts without a single axis title, so
 * that is an error rather than a silent blank.
 */
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';

export const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];

export interface ChartSize {
  widthPx: number;
  heightPx: number;
}

export const STANDARD_SIZE: ChartSize = { widthPx: 900, heightPx: 540 };

let ready = false;

function ensureReady(): void {
  if (ready) return;
  if (!GlobalFonts.has(FONT_FAMILY)) {
    const file = FONT_FILES.find((path) => existsSync(path));
    if (file !== undefined) GlobalFonts.registerFromPath(file, FONT_FAMILY);
  }
  if (GlobalFonts.families.length === 0) {
    throw new Error(`charts: the canvas knows no font, so axis titles would not render; install fonts-dejavu-core (looked for ${FONT_FILES.join(', ')})`);
  }
  Chart.register(...registerables);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.animation = false;
  ready = true;
}

/** Paints the whole canvas white beneath whatever the chart draws (destination-over), as a page would show it. */
function whiteBackground(size: ChartSize): Plugin {
  return {
    id: 'execdrillWhiteBackground',
    beforeDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = 'white';
      ctx.fillRect(0, 0, size.widthPx, size.heightPx);
      ctx.restore();
    },
  };
}

/** The chart as PNG bytes; the same configuration gives the same bytes. */
export function renderPng(config: ChartConfiguration, size: ChartSize = STANDARD_SIZE): Buffer {
  ensureReady();
  const canvas = createCanvas(size.widthPx, size.heightPx);
  const options = { ...config.options, responsive: false, animation: false as const };
  // chart.js types its item as a DOM canvas context; the Skia context draws the same calls.
  const context = canvas.getContext('2d') as unknown as ConstructorParameters<typeof Chart>[0];
  const chart = new Chart(context, { ...config, options, plugins: [whiteBackground(size), ...(config.plugins ?? [])] });
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
