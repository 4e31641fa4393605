/* global document, Chart */
/**
 * The report's script in the browser: the tail charts (bars with bootstrap whiskers) and the episode
 * explorer (selects for scenario, policy and seed; three timeline charts sharing one time axis, with
 * regime bands and fault windows shaded behind; regime and runbook tables; key metrics; the replay
 * command). It reads the JSON embedded in #execdrill-data and makes no request. Plain ES2020, no
 * modules: the page inlines it after chart.js.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('execdrill-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 11;

  var PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  var REGIME_SHADES = ['rgba(78,121,167,0.10)', 'rgba(242,142,43,0.16)', 'rgba(89,161,79,0.14)', 'rgba(176,122,161,0.16)', 'rgba(237,201,72,0.18)', 'rgba(118,183,178,0.16)', 'rgba(156,117,95,0.14)'];

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function fmt(value, digits) {
    return value === null || value === undefined || !isFinite(value) ? '–' : value.toFixed(digits === undefined ? 2 : digits);
  }

  // Whiskers: each dataset may carry `whiskers[i] = [low, high]`, drawn as an I-beam over its bar.
  var whiskerPlugin = {
    id: 'whiskers',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var y = chart.scales.y;
      chart.data.datasets.forEach(function (dataset, d) {
        if (!dataset.whiskers || !chart.isDatasetVisible(d)) return;
        chart.getDatasetMeta(d).data.forEach(function (bar, i) {
          var w = dataset.whiskers[i];
          if (!w) return;
          var top = y.getPixelForValue(w[1]);
          var bottom = y.getPixelForValue(w[0]);
          ctx.save();
          ctx.strokeStyle = '#222';
          ctx.lineWidth = 1.2;
          ctx.beginPath();
          ctx.moveTo(bar.x, top); ctx.lineTo(bar.x, bottom);
          ctx.moveTo(bar.x - 5, top); ctx.lineTo(bar.x + 5, top);
          ctx.moveTo(bar.x - 5, bottom); ctx.lineTo(bar.x + 5, bottom);
          ctx.stroke();
          ctx.restore();
        });
      });
    },
  };

  // Bands behind the data: regimes (full height, pale), fault windows (red), session-down and gap-open strips (top edge).
  var bandPlugin = {
    id: 'bands',
    beforeDatasetsDraw: function (chart, _args, options) {
      var area = chart.chartArea;
      var x = chart.scales.x;
      var ctx = chart.ctx;
      function fill(from, to, top, height, color) {
        var left = Math.max(area.left, x.getPixelForValue(from));
        var right = Math.min(area.right, x.getPixelForValue(to));
        if (right <= left) right = Math.min(area.right, left + 2);
        ctx.fillStyle = color;
        ctx.fillRect(left, top, right - left, height);
      }
      ctx.save();
      (options.regimes || []).forEach(function (span) { fill(span.fromS, span.toS, area.top, area.bottom - area.top, span.color); });
      (options.faults || []).forEach(function (f) { fill(f.fromS, f.toS === null ? f.fromS : f.toS, area.top, area.bottom - area.top, 'rgba(225,87,89,0.16)'); });
      (options.sessionDown || []).forEach(function (w) { fill(w[0], w[1], area.top, 5, 'rgba(225,87,89,0.85)'); });
      (options.gapOpen || []).forEach(function (w) { fill(w[0], w[1], area.top + 6, 5, 'rgba(242,142,43,0.85)'); });
      ctx.restore();
    },
  };

  function drawTailCharts() {
    data.tails.forEach(function (bars, s) {
      var canvas = document.getElementById('tail-chart-' + s);
      if (!canvas) return;
      var point = function (stat) { return bars.map(function (b) { return b[stat] ? b[stat].estimate : null; }); };
      var whisk = function (stat) { return bars.map(function (b) { return b[stat] && b[stat].low !== null ? [b[stat].low, b[stat].high] : null; }); };
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: bars.map(function (b) { return b.label + ' (n=' + b.n + ')'; }),
          datasets: [
            { label: 'p95 of ' + data.tailMetric, data: point('p95'), whiskers: whisk('p95'), backgroundColor: PALETTE[0] },
            { label: 'p99 of ' + data.tailMetric, data: point('p99'), whiskers: whisk('p99'), backgroundColor: PALETTE[1] },
          ],
        },
        options: {
          responsive: true, maintainAspectRatio: false,
          scales: { x: { title: { display: true, text: 'policy (seeds)' } }, y: { title: { display: true, text: data.tailMetric + ' (bps, cost of the incident)' } } },
          plugins: { legend: { position: 'bottom' } },
        },
        plugins: [whiskerPlugin],
      });
    });
  }

  // ---- episode explorer ----
  var scenarioSelect = document.getElementById('pick-scenario');
  var policySelect = document.getElementById('pick-policy');
  var seedSelect = document.getElementById('pick-seed');
  var timelineCharts = [];
  var regimeColors = {};

  function regimeColor(name) {
    if (!(name in regimeColors)) regimeColors[name] = REGIME_SHADES[Object.keys(regimeColors).length % REGIME_SHADES.length];
    return regimeColors[name];
  }
  function unique(values) { return values.filter(function (v, i) { return values.indexOf(v) === i; }); }
  function fillSelect(select, values, keep, label) {
    select.textContent = '';
    values.forEach(function (value) {
      var option = el('option', label ? label(value) : String(value));
      option.value = String(value);
      select.appendChild(option);
    });
    if (values.map(String).indexOf(keep) >= 0) select.value = keep;
  }
  function episodesOf(scenario, policy) {
    return data.episodes.filter(function (e) { return e.scenario === scenario && (policy === undefined || e.policy === policy); });
  }
  // Keeps the policy and seed when the new choice has them, so switching policy compares the same seed.
  function refreshSelects() {
    var scenario = Number(scenarioSelect.value);
    fillSelect(policySelect, unique(episodesOf(scenario).map(function (e) { return e.policy; })), policySelect.value);
    fillSelect(seedSelect, episodesOf(scenario, policySelect.value).map(function (e) { return e.seed; }), seedSelect.value);
  }
  function currentEpisode() {
    var scenario = Number(scenarioSelect.value);
    var seed = Number(seedSelect.value);
    return episodesOf(scenario, policySelect.value).filter(function (e) { return e.seed === seed; })[0];
  }

  function xy(ts, values) { return values.map(function (v, i) { return { x: ts[i], y: v }; }); }
  function timeAxis(t) {
    return { type: 'linear', min: t.tS[0], max: t.tS[t.tS.length - 1], title: { display: true, text: 'time since episode start (s)' } };
  }
  function timelineChart(id, t, bands, datasets, yAxes) {
    var scales = Object.assign({ x: timeAxis(t) }, yAxes);
    return new Chart(document.getElementById(id), {
      type: 'line',
      data: { datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
        scales: scales,
        plugins: { legend: { position: 'bottom' }, bands: bands },
      },
      plugins: [bandPlugin],
    });
  }
  function line(label, points, color, extra) {
    return Object.assign({ label: label, data: points, borderColor: color, backgroundColor: color }, extra || {});
  }

  function drawTimeline(episode) {
    timelineCharts.forEach(function (chart) { chart.destroy(); });
    timelineCharts = [];
    var t = episode.trajectory;
    document.getElementById('timeline-charts').hidden = t === null;
    if (t === null) return;
    var bands = {
      regimes: episode.regimes.map(function (r) { return { fromS: r.fromS, toS: r.toS, color: regimeColor(r.regime) }; }),
      faults: t.faults, sessionDown: t.sessionDown, gapOpen: t.gapOpen,
    };
    timelineCharts.push(timelineChart('timeline-state', t, bands, [
      line('live-set similarity (LSS, right axis)', xy(t.tS, t.liveSetSimilarity), PALETTE[0], { yAxisID: 'lss', stepped: true }),
      line('router replay backlog (msgs)', xy(t.tS, t.routerReplayBacklogMsgs), PALETTE[1], { yAxisID: 'msgs' }),
      line('venue replay backlog (msgs)', xy(t.tS, t.venueBacklogMsgs), PALETTE[4], { yAxisID: 'msgs', borderDash: [4, 3] }),
    ], {
      msgs: { position: 'left', beginAtZero: true, title: { display: true, text: 'backlog (messages)' } },
      lss: { position: 'right', min: 0, suggestedMax: 1, grid: { drawOnChartArea: false }, title: { display: true, text: 'LSS (0–1)' } },
    }));
    timelineCharts.push(timelineChart('timeline-residual', t, bands, [
      // Truth dashed and drawn over belief (Chart.js draws the first dataset on top), so both show where they agree.
      line('true residual at the venue (shares)', xy(t.tS, t.residualTrueShares), PALETTE[2], { stepped: true, borderDash: [5, 3] }),
      line('residual the router believes (shares)', xy(t.tS, t.residualBelievedShares), PALETTE[3], { stepped: true }),
      line('child orders sent (size, right axis)', t.children.map(function (c) { return { x: c[0], y: c[1] }; }), PALETTE[6], { type: 'scatter', yAxisID: 'size', pointRadius: 2.5, showLine: false }),
      line('fills (size, right axis)', t.fills.map(function (f) { return { x: f[0], y: f[1] }; }), PALETTE[9], { type: 'scatter', yAxisID: 'size', pointRadius: 3, pointStyle: 'triangle', showLine: false }),
    ], {
      y: { position: 'left', beginAtZero: true, title: { display: true, text: 'residual (shares)' } },
      size: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'order / fill size (shares)' } },
    }));
    timelineCharts.push(timelineChart('timeline-cost', t, bands, [
      line('accrued cost, incident run (bps)', xy(t.tS, t.accruedCostBps), PALETTE[3]),
      line('accrued cost, control run (bps)', xy(t.tS, t.controlAccruedCostBps), PALETTE[9], { borderDash: [5, 3] }),
    ], { y: { title: { display: true, text: 'accrued cost (bps of paper notional)' } } }));
  }

  function fillTable(id, header, rows) {
    var table = document.getElementById(id);
    table.textContent = '';
    var head = el('tr');
    header.forEach(function (h) { head.appendChild(el('th', h)); });
    table.appendChild(head);
    rows.forEach(function (row) {
      var tr = el('tr');
      row.forEach(function (cell) {
        if (cell && cell.nodeType) { var td = el('td'); td.appendChild(cell); tr.appendChild(td); } else tr.appendChild(el('td', cell));
      });
      table.appendChild(tr);
    });
  }

  function showEpisode() {
    var episode = currentEpisode();
    var scenario = data.comparison.scenarios[episode.scenario];
    document.getElementById('episode-label').textContent = scenario.scenario + ' / ' + episode.policy + ' / seed ' + episode.seed + (episode.status === 'failed' ? ' (FAILED)' : '');
    document.getElementById('episode-replay').textContent = episode.replay;
    var problems = [];
    if (episode.error) problems.push('Episode failed: ' + episode.error);
    episode.brokenInvariants.forEach(function (b) { problems.push('Invariant violated: ' + b); });
    if (episode.trajectory && (episode.trajectory.omitted.children > 0 || episode.trajectory.omitted.fills > 0)) {
      problems.push('Not drawn: ' + episode.trajectory.omitted.children + ' child orders and ' + episode.trajectory.omitted.fills + ' fills beyond the record\u2019s limit.');
    }
    document.getElementById('episode-problems').textContent = problems.join(' ');
    fillTable('episode-metrics', ['metric', 'value', 'unit', 'what it means'], data.explorerMetrics.map(function (name) {
      var info = data.metrics[name] || { unit: '', description: '' };
      var digits = info.unit === 'fraction' ? 3 : info.unit === 'bps' ? 2 : 0;
      return [name, fmt(episode.metrics[name], digits), info.unit, info.description];
    }));
    fillTable('episode-regimes', ['regime', 'from (s)', 'to (s)', 'duration (s)'], episode.regimes.map(function (r) {
      var swatch = el('span', r.regime, 'swatch');
      swatch.style.background = regimeColor(r.regime);
      return [swatch, fmt(r.fromS, 3), r.open ? fmt(r.toS, 3) + ' (end of record)' : fmt(r.toS, 3), (r.open ? '\u2265 ' : '') + fmt(r.durationS, 3)];
    }));
    fillTable('episode-runbook', ['step (seed 002 runbook)', 'ms after the first fault'], Object.keys(data.runbookSteps).map(function (key) {
      var value = episode.runbook[key];
      return [data.runbookSteps[key], value === null || value === undefined ? 'did not happen' : '+' + fmt(value, 0)];
    }));
    drawTimeline(episode);
  }

  drawTailCharts();
  if (data.episodes.length > 0) {
    fillSelect(scenarioSelect, unique(data.episodes.map(function (e) { return e.scenario; })), '', function (s) { return data.comparison.scenarios[s].scenario; });
    refreshSelects();
    scenarioSelect.addEventListener('change', function () { refreshSelects(); showEpisode(); });
    policySelect.addEventListener('change', function () { refreshSelects(); showEpisode(); });
    seedSelect.addEventListener('change', showEpisode);
    showEpisode();
  }
})();
