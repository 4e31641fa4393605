/**
 * A chart.js plugin for the episode timeline's background: the acting policy's regimes as coloured
 * bands (labelled where wide enough) in the regime strip, and fault windows shaded across the panels below it. A fault with no
 * duration (an instantaneous one) is a vertical line. Drawn before the datasets so lines stay on top.
 */
import type { Chart, Plugin } from 'chart.js';

export interface RegimeBand {
  fromS: number;
  toS: number;
  regime: string;
  colour: string;
}

export interface FaultWindow {
  fromS: number;
  /** Null for an instantaneous fault. */
  toS: number | null;
  kind: string;
}

export const FAULT_SHADE = 'rgba(214, 39, 40, 0.13)';
export const FAULT_LINE = 'rgba(214, 39, 40, 0.8)';
const REGIME_COLOURS = ['#cfe8cf', '#fde2b3', '#f7c6c6', '#d6d1f0', '#c9e4f2', '#f2d7ea', '#e3e3c1', '#dddddd'];

/** Bands from the regime changes, each to the next change or the end; colours by first appearance. */
export function regimeBands(regimes: ReadonlyArray<{ atS: number; regime: string }>, endS: number): RegimeBand[] {
  const colours = new Map<string, string>();
  return regimes.map((change, i) => {
    if (!colours.has(change.regime)) colours.set(change.regime, REGIME_COLOURS[colours.size % REGIME_COLOURS.length]);
    return { fromS: change.atS, toS: i + 1 < regimes.length ? regimes[i + 1].atS : endS, regime: change.regime, colour: colours.get(change.regime)! };
  });
}

function drawRegimes(chart: Chart, bands: readonly RegimeBand[], regimeAxis: string): void {
  const { ctx } = chart;
  const x = chart.scales.x;
  const strip = chart.scales[regimeAxis];
  ctx.save();
  ctx.font = '11px "DejaVu Sans"';
  ctx.textBaseline = 'middle';
  bands.forEach((band, i) => {
    const left = x.getPixelForValue(band.fromS);
    const right = x.getPixelForValue(band.toS);
    ctx.fillStyle = band.colour;
    ctx.fillRect(left, strip.top, right - left, strip.bottom - strip.top);
    const width = ctx.measureText(band.regime).width;
    if (right - left > width + 6) {
      ctx.fillStyle = '#222222';
      // Alternate rows so the labels of neighbouring narrow bands do not run into each other.
      const row = i % 2 === 0 ? 0.35 : 0.7;
      ctx.fillText(band.regime, left + 3, strip.top + (strip.bottom - strip.top) * row);
    }
  });
  ctx.restore();
}

/** Faults are shaded below the regime strip only, so a band's colour there stays the regime's own. */
function drawFaults(chart: Chart, faults: readonly FaultWindow[], regimeAxis: string): void {
  const { ctx, chartArea } = chart;
  const x = chart.scales.x;
  const top = chart.scales[regimeAxis].bottom;
  ctx.save();
  for (const fault of faults) {
    const left = x.getPixelForValue(fault.fromS);
    if (fault.toS === null) {
      ctx.strokeStyle = FAULT_LINE;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(left, top);
      ctx.lineTo(left, chartArea.bottom);
      ctx.stroke();
    } else {
      ctx.fillStyle = FAULT_SHADE;
      ctx.fillRect(left, top, x.getPixelForValue(fault.toS) - left, chartArea.bottom - top);
    }
  }
  ctx.restore();
}

export function timelineBands(bands: readonly RegimeBand[], faults: readonly FaultWindow[], regimeAxis: string): Plugin {
  return {
    id: 'execdrillTimelineBands',
    beforeDatasetsDraw(chart) {
      drawRegimes(chart, bands, regimeAxis);
      drawFaults(chart, faults, regimeAxis);
    },
  };
}
