/* global document, Chart */
/**
 * The report's script in the browser: the tail charts (bars with bootstrap whiskers) and the episode
 * explorer (selects for scenario, policy and seed; four timeline charts sharing one time axis on the
 * session clock: the market (best bid and ask and mid of the incident run, the control run's mid, each
 * child order at its limit price and each fill at its price, sized by shares), belief against truth,
 * the residual, and accrued cost; regimes, faults, sessions down and gaps open as strips above each
 * chart's data, never over it; regime and runbook tables; key metrics; the replay command). It reads the
 * JSON embedded in #execdrill-data and makes no request. Plain ES2020, no modules: the page inlines it
 * after chart.js.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('execdrill-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 11;

  var PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  // Regime strips are small, so their colours are solid; the regime table's swatches use the same.
  var REGIME_SHADES = ['#cfe8cf', '#fde2b3', '#f7c6c6', '#d6d1f0', '#c9e4f2', '#f2d7ea', '#e3e3c1', '#dddddd'];

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

  // Strips above the data area, in the padding kept for them: the policy's regimes, fault windows, sessions
  // down and gaps open. Nothing is painted over the data; a thin dotted line marks each fault's onset.
  var STRIPS = { regime: [0, 9], fault: [10, 6], sessionDown: [17, 4], gapOpen: [22, 4] };
  var STRIP_SPACE = 28;
  var FAULT_COLOUR = 'rgba(214,39,40,0.85)';
  var bandPlugin = {
    id: 'bands',
    beforeDatasetsDraw: function (chart, _args, options) {
      var area = chart.chartArea;
      var x = chart.scales.x;
      var ctx = chart.ctx;
      var top = area.top - STRIP_SPACE;
      function fill(from, to, strip, color) {
        var left = Math.max(area.left, x.getPixelForValue(from));
        var right = Math.min(area.right, x.getPixelForValue(to));
        if (right <= left) right = Math.min(area.right, left + 2);
        ctx.fillStyle = color;
        ctx.fillRect(left, top + strip[0], right - left, strip[1]);
      }
      ctx.save();
      (options.regimes || []).forEach(function (span) { fill(span.fromS, span.toS, STRIPS.regime, span.color); });
      (options.faults || []).forEach(function (f) { fill(f.fromS, f.toS === null ? f.fromS : f.toS, STRIPS.fault, FAULT_COLOUR); });
      (options.sessionDown || []).forEach(function (w) { fill(w[0], w[1], STRIPS.sessionDown, 'rgba(120,20,20,0.9)'); });
      (options.gapOpen || []).forEach(function (w) { fill(w[0], w[1], STRIPS.gapOpen, 'rgba(242,142,43,0.95)'); });
      ctx.strokeStyle = FAULT_COLOUR;
      ctx.lineWidth = 1;
      ctx.setLineDash([2, 3]);
      (options.faults || []).forEach(function (f) {
        var px = x.getPixelForValue(f.fromS);
        if (px < area.left || px > area.right) return;
        ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
      });
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

  function pad2(n) { return (n < 10 ? '0' : '') + n; }
  /** Seconds since midnight as the session clock reads them; a fraction only when the tick has one. */
  function clockLabel(seconds) {
    var whole = Math.floor(seconds + 1e-9);
    var fraction = seconds - whole;
    var text = pad2(Math.floor(whole / 3600) % 24) + ':' + pad2(Math.floor(whole / 60) % 60) + ':' + pad2(whole % 60);
    return fraction > 0.0005 ? text + fraction.toFixed(3).slice(1).replace(/0+$/, '') : text;
  }
  /** Chart x values: seconds since midnight on the session clock (or from time 0 for a record that states no clock). */
  function clockOf(episode) { return episode.timeZeroS === null ? 0 : episode.timeZeroS; }
  function xy(ts, values, zero) { return values.map(function (v, i) { return { x: zero + ts[i], y: v }; }); }
  function timeAxis(episode, t) {
    var zero = clockOf(episode);
    var title = episode.timeZeroS === null ? 'time from scenario time 0 (s)' : 'session clock (scenario time 0 = ' + clockLabel(zero) + ')';
    // From the parent's start (the first regime begins there), not from the end of the first bucket.
    var firstS = Math.min(t.tS[0], episode.regimes.length ? episode.regimes[0].fromS : t.tS[0]);
    return {
      type: 'linear', min: zero + firstS, max: zero + t.tS[t.tS.length - 1], title: { display: true, text: title },
      ticks: { includeBounds: false, callback: function (value) { return episode.timeZeroS === null ? value : clockLabel(value); } },
    };
  }
  function timelineChart(id, episode, t, bands, datasets, yAxes, extra) {
    var scales = Object.assign({ x: timeAxis(episode, t) }, yAxes);
    return new Chart(document.getElementById(id), {
      type: 'line',
      data: { datasets: datasets },
      options: Object.assign({
        responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        layout: { padding: { top: STRIP_SPACE } },
        elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
        scales: scales,
        plugins: { legend: { position: 'bottom' }, bands: bands, tooltip: { callbacks: { title: function (items) { return items.length ? clockLabel(items[0].parsed.x) : ''; } } } },
      }, extra || {}),
      plugins: [bandPlugin],
    });
  }
  function line(label, points, color, extra) {
    return Object.assign({ label: label, data: points, borderColor: color, backgroundColor: color }, extra || {});
  }
  /** Whole numbers only on axes that count (messages, shares): no "1.2 messages". */
  var COUNT_TICKS = { precision: 0 };

  var PURPOSE_COLOURS = { normal: '#1f77b4', reentry: '#9467bd', catchup: '#ff7f0e', cleanup: '#8c564b' };
  var PURPOSE_WORDS = { normal: 'on schedule', reentry: 're-entry after a cancel', catchup: 'catch-up', cleanup: 'clean-up at the horizon' };
  /** Marker radius by size: the largest order or fill of the episode at 8 px, none under 2.5 px. */
  function radii(sizes) {
    var largest = Math.max.apply(null, sizes.concat([1]));
    return sizes.map(function (size) { return 2.5 + 5.5 * Math.sqrt(size / largest); });
  }
  /** The market panel's datasets: both runs' book, child orders at their limit price, fills at theirs. */
  function marketDatasets(t, zero) {
    var m = t.market;
    var price = function (ticks) { return ticks === null ? null : (m.baseTicks + ticks) * m.tickSize; };
    var mid = function (bid, ask) { return bid.map(function (b, i) { return b === null || ask[i] === null ? null : (m.baseTicks + (b + ask[i]) / 2) * m.tickSize; }); };
    var absolute = function (ticks) { return ticks * m.tickSize; };
    var sizes = t.children.map(function (c) { return c[1]; }).concat(t.fills.map(function (f) { return f[1]; }));
    var r = radii(sizes);
    var datasets = [
      // The ask fills down to the bid (the next dataset): the spread is a band, the mids lines in it.
      line('best ask, incident run (the band down to the bid is the spread)', xy(t.tS, m.incident.ask.map(price), zero), 'rgba(214,39,40,0.55)', { stepped: 'after', borderWidth: 1, fill: '+1', backgroundColor: 'rgba(120,120,120,0.12)' }),
      line('best bid, incident run', xy(t.tS, m.incident.bid.map(price), zero), 'rgba(31,119,180,0.55)', { stepped: 'after', borderWidth: 1 }),
      line('mid, incident run', xy(t.tS, mid(m.incident.bid, m.incident.ask), zero), '#222222', { borderWidth: 2, stepped: 'after' }),
      line('mid, control run (faults removed)', xy(t.tS, mid(m.control.bid, m.control.ask), zero), '#8a8a8a', { borderWidth: 2, borderDash: [6, 4], stepped: 'after' }),
    ];
    Object.keys(PURPOSE_COLOURS).forEach(function (purpose) {
      var mine = t.children.map(function (c, i) { return { c: c, r: r[i] }; }).filter(function (e) { return e.c[2] === purpose; });
      if (mine.length === 0) return;
      datasets.push(line('child orders at their limit price: ' + PURPOSE_WORDS[purpose], mine.map(function (e) { return { x: zero + e.c[0], y: absolute(e.c[3]), shares: e.c[1] }; }), PURPOSE_COLOURS[purpose], {
        type: 'scatter', showLine: false, pointStyle: 'circle', pointRadius: mine.map(function (e) { return e.r; }), backgroundColor: 'rgba(255,255,255,0)', borderWidth: 1.5,
      }));
    });
    var fillRadii = r.slice(t.children.length);
    datasets.push(line('fills at their price', t.fills.map(function (f) { return { x: zero + f[0], y: absolute(f[2]), shares: f[1] }; }), '#2ca02c', {
      type: 'scatter', showLine: false, pointStyle: 'triangle', pointRadius: fillRadii, borderWidth: 1,
    }));
    return datasets;
  }
  function priceTicks(m) {
    var decimals = Math.max(0, Math.ceil(-Math.log10(m.tickSize) - 1e-9));
    return { callback: function (value) { return Number(value).toFixed(decimals); } };
  }

  function drawTimeline(episode) {
    timelineCharts.forEach(function (chart) { chart.destroy(); });
    timelineCharts = [];
    var t = episode.trajectory;
    document.getElementById('timeline-charts').hidden = t === null;
    if (t === null) return;
    var zero = clockOf(episode);
    var shift = function (s) { return s === null ? null : zero + s; };
    var bands = {
      regimes: episode.regimes.map(function (r) { return { fromS: zero + r.fromS, toS: zero + r.toS, color: regimeColor(r.regime) }; }),
      faults: t.faults.map(function (f) { return { kind: f.kind, fromS: zero + f.fromS, toS: shift(f.toS) }; }),
      sessionDown: t.sessionDown.map(function (w) { return [zero + w[0], zero + w[1]]; }),
      gapOpen: t.gapOpen.map(function (w) { return [zero + w[0], zero + w[1]]; }),
    };
    document.getElementById('timeline-price-block').hidden = t.market === null;
    if (t.market !== null) {
      timelineCharts.push(timelineChart('timeline-price', episode, t, bands, marketDatasets(t, zero), {
        y: { position: 'left', title: { display: true, text: 'price' }, ticks: priceTicks(t.market) },
      }, {
        plugins: {
          legend: { position: 'bottom' }, bands: bands,
          tooltip: { callbacks: {
            title: function (items) { return items.length ? clockLabel(items[0].parsed.x) : ''; },
            label: function (item) { var raw = item.raw; return item.dataset.label + ': ' + item.parsed.y.toFixed(4) + (raw && raw.shares ? ', ' + raw.shares + ' shares' : ''); },
          } },
        },
      }));
    }
    timelineCharts.push(timelineChart('timeline-state', episode, t, bands, [
      line('live-set similarity (LSS, right axis)', xy(t.tS, t.liveSetSimilarity, zero), PALETTE[0], { yAxisID: 'lss', stepped: 'after' }),
      line('router replay backlog (messages)', xy(t.tS, t.routerReplayBacklogMsgs, zero), PALETTE[1], { yAxisID: 'msgs', stepped: 'after' }),
      line('venue replay backlog (messages)', xy(t.tS, t.venueBacklogMsgs, zero), PALETTE[4], { yAxisID: 'msgs', borderDash: [4, 3], stepped: 'after' }),
    ], {
      msgs: { position: 'left', beginAtZero: true, suggestedMax: 1, ticks: COUNT_TICKS, title: { display: true, text: 'backlog (messages)' } },
      lss: { position: 'right', min: 0, max: 1, grid: { drawOnChartArea: false }, title: { display: true, text: 'LSS (0–1)' } },
    }));
    timelineCharts.push(timelineChart('timeline-residual', episode, t, bands, [
      // Truth thin, black and dashed, drawn over the belief's wide pale band: where they agree the dashes run
      // inside the band; where they part, the gap between band and dashes is the router's error.
      line('true residual at the venue (shares)', xy(t.tS, t.residualTrueShares, zero), '#111111', { stepped: 'after', borderDash: [6, 4], borderWidth: 1.5 }),
      line('residual the router believes (shares)', xy(t.tS, t.residualBelievedShares, zero), 'rgba(214,39,40,0.45)', { stepped: 'after', borderWidth: 6 }),
    ], {
      y: { position: 'left', beginAtZero: true, ticks: COUNT_TICKS, title: { display: true, text: 'residual (shares)' } },
    }));
    timelineCharts.push(timelineChart('timeline-cost', episode, t, bands, [
      line('accrued cost, incident run (bps)', xy(t.tS, t.accruedCostBps, zero), PALETTE[3]),
      line('accrued cost, control run (bps)', xy(t.tS, t.controlAccruedCostBps, zero), PALETTE[9], { borderDash: [5, 3] }),
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
    var zero = clockOf(episode);
    var when = function (s) { return episode.timeZeroS === null ? fmt(s, 3) + ' s' : clockLabel(Math.round((zero + s) * 1000) / 1000); };
    fillTable('episode-regimes', ['regime', 'from', 'to', 'duration (s)'], episode.regimes.map(function (r) {
      var swatch = el('span', r.regime, 'swatch');
      swatch.style.background = regimeColor(r.regime);
      return [swatch, when(r.fromS), r.open ? when(r.toS) + ' (end of record)' : when(r.toS), (r.open ? '\u2265 ' : '') + fmt(r.durationS, 3)];
    }));
    var playbook = data.playbooks[episode.playbook];
    var firstFault = episode.trajectory && episode.trajectory.faults.length ? episode.trajectory.faults[0].fromS : null;
    document.getElementById('runbook-title').textContent = 'Runbook of playbook ' + episode.playbook + ' (' + playbook.incident + ')';
    fillTable('episode-runbook', ['step', 'at', 'after the first fault'], playbook.steps.map(function (step) {
      var value = episode.runbook[step.key];
      if (value === null || value === undefined) return [step.name, 'did not happen', ''];
      return [step.name, firstFault === null ? '' : when(firstFault + value / 1000), '+' + fmt(value / 1000, 3) + ' s'];
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
