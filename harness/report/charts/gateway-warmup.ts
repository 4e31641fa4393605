/**
 * Playbook 003's pool in one episode: each gateway node's capacity factor (1 / its mean warm-up multiplier:
 * 1 = warm, 0 = joined but not yet serving) and its share of the router's child-order flow, over time,
 * from trajectory.gateways (each bucket's last sample; a gap where the node did not exist). Cold flow is
 * visible as a node taking a share while its capacity factor is still low. The acting policy's regimes
 * are a strip on top and fault windows (the load spike, a crash) shaded, as on the episode timeline.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { EpisodeRecord } from '../../episode/record.ts';
import { chartTitle, policyColour } from './style.ts';
import { incidentBackdrop, REGIME_AXIS, regimeStrip, stackedPanel, type PanelExtra } from './incident-backdrop.ts';

export const GATEWAYS_SIZE = { widthPx: 1100, heightPx: 760 };

const panel = (title: string, weight: number, extra?: PanelExtra) => stackedPanel('gateways', title, weight, extra);

/** Whether the record has a gateway pool to draw. */
export const hasGateways = (record: EpisodeRecord): boolean => (record.trajectory?.gateways?.length ?? 0) > 0;

export function gatewayWarmupChart(record: EpisodeRecord): ChartConfiguration<'line'> {
  const trajectory = record.trajectory;
  const gateways = trajectory?.gateways;
  if (trajectory === undefined || gateways === undefined) throw new Error(`gatewayWarmupChart: ${record.scenario}/${record.policy.name} seed ${record.seed} has no gateway series`);
  const backdrop = incidentBackdrop(record, trajectory);
  const ts = trajectory.tNs.map(backdrop.at);
  const series = (values: ReadonlyArray<number | null>) => values.map((y, i) => ({ x: ts[i], y }));
  const datasets = gateways.flatMap((node, i): ChartDataset<'line', Array<{ x: number; y: number | null }>>[] => {
    const colour = policyColour(i);
    const common = { borderColor: colour, backgroundColor: colour, pointRadius: 0, stepped: 'after' as const, spanGaps: false };
    return [
      { ...common, label: `${node.id}: capacity factor`, data: series(node.capacityFactor), yAxisID: 'capacity', borderWidth: 2 },
      { ...common, label: `${node.id}: flow share`, data: series(node.flowShare), yAxisID: 'share', borderWidth: 1.5, borderDash: [5, 3] },
    ];
  });
  return {
    type: 'line',
    data: {
      datasets: [
        ...backdrop.legend,
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
        x: backdrop.xAxis,
        share: panel('flow share (0-1 of child orders)', 3, { min: 0, max: 1 }),
        capacity: panel('capacity factor (0-1, 1 = warm)', 3, { min: 0, max: 1 }),
        [REGIME_AXIS]: regimeStrip('gateways'),
      },
    },
    plugins: [backdrop.plugin],
  };
}
