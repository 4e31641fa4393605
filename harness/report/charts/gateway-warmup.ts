/**
 * Seed 003's pool in one episode: each gateway node's capacity factor (1 / its mean warm-up multiplier:
 * 1 = warm, 0 = joined but not yet serving) and its share of the router's child-order flow, over time,
 * from trajectory.gateways (each bucket's last sample; a gap where the node did not exist). Cold flow is
 * visible as a node taking a share while its capacity factor is still low. The acting policy's regimes
 * are a strip on top and fault windows (the load spike, a crash) shaded, as on the episode timeline.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { EpisodeRecord } from '../../episode/record.ts';
import { axisTitle, chartTitle, policyColour, secondsOf } from './style.ts';
import { FAULT_SHADE, regimeBands, timelineBands } from './timeline-bands.ts';

export const GATEWAYS_SIZE = { widthPx: 1100, heightPx: 760 };

function panel(title: string, weight: number, extra: { min?: number; max?: number; ticks?: { display: boolean }; grid?: { display: boolean } } = {}) {
  return { type: 'linear' as const, position: 'left' as const, stack: 'gateways', stackWeight: weight, offset: true, title: axisTitle(title), ...extra };
}

/** Whether the record has a gateway pool to draw. */
export const hasGateways = (record: EpisodeRecord): boolean => (record.trajectory?.gateways?.length ?? 0) > 0;

export function gatewayWarmupChart(record: EpisodeRecord): ChartConfiguration<'line'> {
  const trajectory = record.trajectory;
  const gateways = trajectory?.gateways;
  if (trajectory === undefined || gateways === undefined) throw new Error(`gatewayWarmupChart: ${record.scenario}/${record.policy.name} seed ${record.seed} has no gateway series`);
  const ts = trajectory.tNs.map(secondsOf);
  const series = (values: ReadonlyArray<number | null>) => values.map((y, i) => ({ x: ts[i], y }));
  const datasets = gateways.flatMap((node, i): ChartDataset<'line', Array<{ x: number; y: number | null }>>[] => {
    const colour = policyColour(i);
    const common = { borderColor: colour, backgroundColor: colour, pointRadius: 0, stepped: 'after' as const, spanGaps: false };
    return [
      { ...common, label: `${node.id}: capacity factor`, data: series(node.capacityFactor), yAxisID: 'capacity', borderWidth: 2 },
      { ...common, label: `${node.id}: flow share`, data: series(node.flowShare), yAxisID: 'share', borderWidth: 1.5, borderDash: [5, 3] },
    ];
  });
  const endS = ts[ts.length - 1];
  const startS = Math.min(ts[0], ...record.timeline.regimes.map((r) => secondsOf(r.atNs)));
  const bands = regimeBands(record.timeline.regimes.map((r) => ({ atS: secondsOf(r.atNs), regime: r.regime })), endS);
  const faults = trajectory.faults.map((f) => ({ fromS: secondsOf(f.atNs), toS: f.durationNs === null ? null : secondsOf(f.atNs + f.durationNs), kind: f.kind }));
  const regimeKeys = [...new Map(bands.map((band) => [band.regime, band.colour]))].map(([regime, colour]) => ({ label: `regime ${regime}`, data: [], yAxisID: 'regime', backgroundColor: colour, borderColor: colour }));
  const faultKinds = [...new Set(faults.map((f) => f.kind))].join(', ') || 'none';
  return {
    type: 'line',
    data: {
      datasets: [
        ...regimeKeys,
        { label: `fault window (${faultKinds})`, data: [], yAxisID: 'regime', backgroundColor: FAULT_SHADE, borderColor: FAULT_SHADE },
        ...datasets,
      ],
    },
    options: {
      parsing: false,
      plugins: {
        title: chartTitle([
          `Gateway warm-up and flow shares: ${record.scenario} / ${record.policy.name} / seed ${record.seed}`,
          `${gateways.length} nodes; capacity factor solid, flow share dashed; COLD_FLOW_SHARE ${record.metrics.COLD_FLOW_SHARE?.toFixed(3) ?? '–'}`,
        ]),
        legend: { position: 'bottom' },
      },
      scales: {
        x: { type: 'linear', min: startS, max: endS, title: axisTitle('time from the episode start (s)') },
        share: panel('flow share (0-1 of child orders)', 3, { min: 0, max: 1 }),
        capacity: panel('capacity factor (0-1, 1 = warm)', 3, { min: 0, max: 1 }),
        regime: panel('regime', 1, { min: 0, max: 1, ticks: { display: false }, grid: { display: false } }),
      },
    },
    plugins: [timelineBands(bands, faults, 'regime')],
  };
}
