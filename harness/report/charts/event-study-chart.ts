/**
 * Draws an event study (event-study.ts): per policy, mean accrued cost of the incident runs (solid)
 * and of their control runs (dashed, same colour) against seconds from the first fault's onset, with
 * the onset itself as a vertical line. The gap between a policy's two curves is its failover cost
 * building up; where the curves part says when the incident starts costing. The legend has one entry
 * per policy (its colour) and two keys for the line styles, not one entry per curve: with five policies
 * that is eight entries, not eleven.
 */
import type { ChartConfiguration } from 'chart.js';
import type { EventStudy } from './event-study.ts';
import { axisTitle, chartTitle, secondsOf } from './style.ts';

export function eventStudyChart(scenario: string, study: EventStudy, colourOf: (policy: string) => string): ChartConfiguration<'line'> {
  const xs = study.offsetsNs.map(secondsOf);
  const points = (values: readonly number[]) => values.map((y, i) => ({ x: xs[i], y }));
  const all = study.curves.flatMap((curve) => [...curve.incidentMeanBps, ...curve.controlMeanBps]);
  const low = Math.min(0, ...all);
  const high = Math.max(0, ...all);
  const datasets = study.curves.flatMap((curve) => {
    const colour = colourOf(curve.policy);
    return [
      { label: `${curve.policy}: incident, mean of ${curve.seeds} seeds`, data: points(curve.incidentMeanBps), borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 0 },
      { label: `${curve.policy}: control (faults removed)`, data: points(curve.controlMeanBps), borderColor: colour, backgroundColor: colour, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0 },
    ];
  });
  const excluded = study.curves.reduce((sum, curve) => sum + curve.excluded, 0);
  const subtitle = `mean accrued cost over seeds, aligned on the first fault's onset${excluded > 0 ? `; ${excluded} episodes without a trajectory or fault left out` : ''}`;
  const styleKey = (label: string, dash: number[]) => ({ label, data: [], borderColor: '#555555', backgroundColor: '#555555', borderDash: dash, borderWidth: 2, pointRadius: 0 });
  return {
    type: 'line',
    data: {
      datasets: [
        ...datasets,
        { label: 'first fault onset', data: [{ x: 0, y: low }, { x: 0, y: high }], borderColor: '#444444', backgroundColor: '#444444', borderDash: [2, 2], borderWidth: 1, pointRadius: 0 },
        styleKey('solid: incident runs', []),
        styleKey('dashed: control runs (faults removed)', [6, 4]),
      ],
    },
    options: {
      parsing: false,
      plugins: {
        title: chartTitle([`Event study: ${scenario}`, subtitle]),
        legend: {
          position: 'bottom',
          labels: {
            // One entry per policy (its incident curve, named for the policy), the onset and the two style keys.
            filter: (item) => !item.text.includes(': control (faults removed)'),
            generateLabels: (chart) =>
              chart.data.datasets.map((dataset, i) => ({
                text: (dataset.label ?? '').replace(/: incident, mean of (\d+) seeds$/, ' (mean of $1 seeds)'),
                datasetIndex: i,
                fillStyle: String(dataset.backgroundColor),
                strokeStyle: String(dataset.borderColor),
                lineWidth: 2,
                lineDash: (dataset as { borderDash?: number[] }).borderDash ?? [],
                hidden: false,
              })),
          },
        },
      },
      scales: {
        x: { type: 'linear', title: axisTitle("time from the first fault's onset (s)") },
        y: { type: 'linear', title: axisTitle('accrued cost (bps of parent notional vs decision price)') },
      },
    },
  };
}
