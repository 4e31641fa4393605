/**
 * The report page: one HTML document holding everything it needs. A Content-Security-Policy forbids
 * every fetch (scripts and styles are inline, images only `data:`), so the file opens the same offline,
 * from a CI artifact or an e-mail, and cannot leak a request. Order: a drill's verdict (its gates and
 * each scenario's cheapest policy), a short guide for a new engineer, one section per scenario (tables rendered here, charts drawn by the client script), the episode
 * explorer's skeleton, the metric glossary, then the data, chart.js and the client script.
 */
import { METRIC_CATALOGUE } from '../../metrics/index.ts';
import { scenarioSection } from './comparison-html.ts';
import { escapeHtml, inlineScript, jsonForScript } from './escape.ts';
import { verdictSection } from './verdict-html.ts';
import type { ReportData } from './report-data.ts';

export interface PageScripts {
  /** chart.js's UMD build, which defines the global `Chart`. */
  chartJs: string;
  client: string;
}

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 48px; color: #222; }
h1 { margin-bottom: 4px; } h2 small { font-weight: normal; color: #666; font-size: 60%; }
table { border-collapse: collapse; margin: 8px 0 16px; } th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; vertical-align: top; }
tr > th:first-child, #explorer td:first-child { text-align: left; font-weight: 600; } .why { font-weight: normal; color: #666; font-size: 12px; max-width: 420px; }
.explain, .note { color: #444; max-width: 900px; } .note { color: #8a5a00; }
.verdict.better { color: #1b7c2f; } .verdict.worse { color: #b3261e; } .verdict.not-significant, .verdict.too-few-pairs { color: #777; }
.chart { position: relative; height: 260px; margin: 8px 0 20px; } .chart.tail { height: 300px; max-width: 800px; }
#explorer label { margin-right: 16px; } #episode-label { font-size: 18px; font-weight: 600; }
#episode-problems { color: #b3261e; } code { background: #f4f4f4; padding: 2px 6px; }
.swatch { padding: 1px 6px; border-radius: 3px; } .side { display: flex; gap: 32px; flex-wrap: wrap; }
#episode-metrics td:last-child, .glossary td:last-child { text-align: left; color: #555; max-width: 560px; }
#verdict td, #verdict th { text-align: left; } #verdict .reason { max-width: 560px; color: #333; } .verdict-word { text-transform: uppercase; }
.gate.pass .status { color: #1b7c2f; } .gate.fail .status { color: #b3261e; font-weight: 700; } .gate.inconclusive .status { color: #9a6700; font-weight: 700; } .gate.violated .status { color: #8e24aa; font-weight: 700; }
.chart.price { height: 340px; }
`;

const GUIDE = `
<details open><summary><strong>How to read this report</strong></summary>
<p>Each scenario is one incident (a FIX gap, a sequencer failover, a gateway loss...) simulated once per seed and per
policy. Every incident run has a <em>control run</em>: the same seed with the faults removed, so the difference is what
the incident cost. Costs are implementation shortfall (IS) in basis points of the arrival mid, positive = cost.
Tails matter more than means here: p95 and p99 are the runs you remember, CVaR95 the mean of the worst 5%.</p>
<p>Compare policies with the paired differences: the same seed means the same market and faults for each policy, so
their difference is the policy's doing. The episode explorer below shows one run in detail: what the router believed
against the truth, what the policy did (its regimes), and what it cost over time against the control run.</p>
</details>`;

const EXPLORER = `
<section id="explorer">
<h2>Episode explorer</h2>
<p class="explain">Pick a scenario, a policy and a seed. Switching the policy keeps the seed, so you see two policies facing the
same incident. Times are on the session clock. Above each chart, strips mark the policy's regimes (colours in the regime
table), fault windows (red, with a dotted line at each onset across the chart), a session down (dark red) and a sequence gap
open (orange); nothing is painted over the data.</p>
<p><label>scenario <select id="pick-scenario"></select></label><label>policy <select id="pick-policy"></select></label><label>seed <select id="pick-seed"></select></label></p>
<p id="episode-label"></p>
<p id="episode-problems"></p>
<p>Replay this episode: <code id="episode-replay"></code></p>
<div id="timeline-charts">
<div id="timeline-price-block">
<h3>The market: the book of the incident run against the control run, child orders and fills at their prices</h3>
<p class="explain">Best bid and ask of the incident run (thin), its mid (black) and the control run's mid (grey dashes: the same seed
with the faults removed, so the gap between the two mids is what the incident did to the price, through our own orders). Each
child order is a ring at its limit price, coloured by what it was for; each fill a green triangle at its price. Markers grow with
the shares (hover for the number).</p>
<div class="chart price"><canvas id="timeline-price"></canvas></div>
</div>
<h3>Belief against truth: live-set similarity and replay backlog</h3>
<p class="explain">Live-set similarity (LSS) is |router's working orders ∩ venue's| / |∪|: 1 when the router knows exactly which orders
are live. Backlog: messages still to be replayed before the router's (or the venue's) state is authoritative.</p>
<div class="chart"><canvas id="timeline-state"></canvas></div>
<h3>Residual believed against true</h3>
<p class="explain">The residual is what is left of the parent order to trade: the router's belief is the wide pale red band, the venue's
truth the black dashes. Where the dashes leave the band, the policy trades on a wrong number (SUR_QTY is the p95 of the gap
during recovery).</p>
<div class="chart"><canvas id="timeline-residual"></canvas></div>
<h3>Cost accrued: incident run against the control run</h3>
<p class="explain">Cost of the fills so far against the decision price, bps of the parent's notional. The gap between the curves is the
incident's cost building up; the last point is not IS itself (IS adds the unfilled and overfilled quantity at the horizon).</p>
<div class="chart"><canvas id="timeline-cost"></canvas></div>
</div>
<div class="side">
<div><h3>State machine: the policy's regimes</h3><table id="episode-regimes"></table></div>
<div><h3 id="runbook-title">Runbook</h3><table id="episode-runbook"></table></div>
</div>
<h3>Key metrics of this episode</h3>
<table id="episode-metrics"></table>
</section>`;

function glossary(): string {
  const rows = METRIC_CATALOGUE.map((info) => `<tr><th>${escapeHtml(info.name)}</th><td>${escapeHtml(info.unit)}</td><td>${escapeHtml(info.description)}</td></tr>`);
  return `<section id="glossary"><h2>Metrics (METRICS.md names)</h2><table class="glossary"><tr><th>name</th><th>unit</th><th>meaning</th></tr>${rows.join('')}</table></section>`;
}

export function reportPage(data: ReportData, scripts: PageScripts): string {
  const { comparison } = data;
  const sources = comparison.sources.map((source) => `${escapeHtml(source.path)} (${source.records} episodes)`).join(', ');
  const scenarios = comparison.scenarios.map((scenario, i) => `<a href="#scenario-${i}">${escapeHtml(scenario.scenario)}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>execdrill report: ${escapeHtml(comparison.scenarios.map((scenario) => scenario.scenario).join(', '))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>execdrill report</h1>
<p>From ${sources}. Baseline ${escapeHtml(comparison.baseline)}; intervals at ${comparison.level * 100}% from ${comparison.resamples} bootstrap resamples (seed ${comparison.bootstrapSeed}).</p>
<nav>${data.verdict === null ? '' : '<a href="#verdict">verdict</a> · '}Scenarios: ${scenarios} · <a href="#explorer">episode explorer</a> · <a href="#glossary">metrics</a></nav>
${data.verdict === null ? '' : verdictSection(data.verdict)}
${GUIDE}
${comparison.scenarios.map((scenario, i) => scenarioSection(scenario, i, comparison.level)).join('\n')}
${EXPLORER}
${glossary()}
<script type="application/json" id="execdrill-data">${jsonForScript(data)}</script>
<script>${inlineScript(scripts.chartJs, 'chart.js')}</script>
<script>${inlineScript(scripts.client, 'the report client script')}</script>
</body>
</html>
`;
}
