// sgdscope live dashboard: polls /api/history and draws every panel as SVG. No libraries, no network
// beyond this server. The series names are those of /metrics (see the root README's Metrics table).
'use strict';
(function () {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const WIDTH = 480;
  const HEIGHT = 190;
  const PAD = { left: 50, right: 10, top: 8, bottom: 20 };
  const MIN_SPAN_MS = 30000;
  const RATE_POINTS = 5; // a rate is taken over up to this many sampling intervals
  const MAX_LINES = 12;
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#bcbd22', '#7f7f7f', '#393b79', '#637939'];
  const DETECTOR_COLORS = { adwin: '#8e24aa', 'page-hinkley': '#00897b', ddm: '#f4511e' };

  /** Spectra change only with each metrics snapshot (every few seconds at most). */
  const SPECTRA_INTERVAL_MS = 5000;
  const TRUTH_LAST = 'sgdscope_drift_truth_last_timestamp_seconds';
  const DETECTION_LAST = 'sgdscope_drift_last_detection_timestamp_seconds';

  // Grafana's dashboards in spirit: overview, learning, implicit bias, stability, drift.
  const GROUPS = [
    { title: 'Throughput and DLQ', panels: [
      { id: 'throughput', title: 'Samples per second', lines: [
        { metric: 'sgdscope_producer_samples_total', rate: true, label: 'produced {stream}' },
        { metric: 'sgdscope_streams_records_total', rate: true, label: 'streams {outcome}' },
        { metric: 'sgdscope_trainer_samples_total', rate: true, label: 'trained {model}' }] },
      { id: 'dlq', title: 'DLQ records per second, by reason', lines: [
        { metric: 'sgdscope_streams_dlq_total', rate: true, label: '{reason}' }] },
      { id: 'lag', title: 'Trainer consumer lag (records)', lines: [
        { metric: 'sgdscope_trainer_consumer_lag_records', label: 'lag' }] },
      { id: 'latency', title: 'Produce to trained / predicted, p50 and p99 (seconds)', lines: [
        { metric: 'sgdscope_trainer_train_latency_seconds', where: { quantile: '0.99' }, label: '{model} trained p99' },
        { metric: 'sgdscope_trainer_train_latency_seconds', where: { quantile: '0.5' }, label: '{model} trained p50',
          dashed: true },
        { metric: 'sgdscope_trainer_predict_latency_seconds', where: { quantile: '0.99' }, label: '{model} predicted p99' },
        { metric: 'sgdscope_trainer_predict_latency_seconds', where: { quantile: '0.5' }, label: '{model} predicted p50',
          dashed: true }] }] },
    { title: 'Prequential learning: clean vs noisy labels', panels: [
      { id: 'accuracy', title: 'Prequential accuracy', lines: [
        { metric: 'sgdscope_trainer_prequential_accuracy', where: { window: 'sliding' }, label: '{model} sliding' },
        { metric: 'sgdscope_trainer_prequential_split_accuracy', label: '{model} {labels} labels' },
        { metric: 'sgdscope_trainer_prequential_clean_accuracy', label: '{model} vs clean labels', dashed: true }] },
      { id: 'loss', title: 'Prequential loss', lines: [
        { metric: 'sgdscope_trainer_prequential_loss', where: { window: 'sliding' }, label: '{model} sliding' },
        { metric: 'sgdscope_trainer_prequential_split_loss', label: '{model} {labels} labels' },
        { metric: 'sgdscope_model_loss_ewma', label: '{model} EWMA', dashed: true }] },
      { id: 'memorization', title: 'Noisy labels memorised', lines: [
        { metric: 'sgdscope_trainer_memorization_ratio', label: '{model}' }] }] },
    { title: 'Held-out evaluation and classification', panels: [
      { id: 'holdout', title: 'Held-out accuracy vs prequential (sliding)', lines: [
        { metric: 'sgdscope_trainer_holdout_accuracy', label: '{model} held-out' },
        { metric: 'sgdscope_trainer_prequential_accuracy', where: { window: 'sliding' }, label: '{model} prequential',
          dashed: true }] },
      { id: 'holdout-loss', title: 'Held-out loss', lines: [
        { metric: 'sgdscope_trainer_holdout_loss', label: '{model}' }] },
      { id: 'kappa-f1', title: "Cohen's κ and macro-F1 over the window", lines: [
        { metric: 'sgdscope_trainer_kappa', label: '{model} κ' },
        { metric: 'sgdscope_trainer_macro_f1', label: '{model} macro-F1', dashed: true }] },
      { id: 'confusion', title: 'Confusion over the window, observed labels (share of samples)',
        heatmap: { metric: 'sgdscope_trainer_confusion_ratio', where: { labels: 'observed' } } },
      { id: 'confusion-clean', title: 'Confusion over the window, clean labels (share of samples)',
        heatmap: { metric: 'sgdscope_trainer_confusion_ratio', where: { labels: 'clean' } } }] },
    { title: 'Label delay: predicted on arrival, scored on the label', panels: [
      { id: 'label-time', title: 'Sliding accuracy: feature time (honest) vs label time', lines: [
        { metric: 'sgdscope_trainer_prequential_accuracy', where: { window: 'sliding' }, label: '{model} feature time' },
        { metric: 'sgdscope_trainer_label_time_accuracy', label: '{model} label time', dashed: true }] },
      { id: 'pending', title: 'Predictions pending their label', lines: [
        { metric: 'sgdscope_trainer_pending_predictions', label: '{model}' }] },
      { id: 'pending-age', title: 'Oldest pending prediction (event-time seconds)', lines: [
        { metric: 'sgdscope_trainer_pending_age_seconds', label: '{model}' }] },
      { id: 'label-outcomes', title: 'Labels per second: on time, late-scored, evicted', lines: [
        { metric: 'sgdscope_trainer_labels_total', rate: true, label: '{model} {outcome}' }] },
      { id: 'predictions', title: 'Predictions published per second', lines: [
        { metric: 'sgdscope_trainer_predictions_published_total', rate: true, label: 'published' },
        { metric: 'sgdscope_trainer_prediction_publish_failures_total', rate: true, label: 'failed', dashed: true }] }] },
    { title: 'Implicit bias', panels: [
      { id: 'rank', title: 'Rank per layer: stable, effective, feature', lines: [
        { metric: 'sgdscope_model_stable_rank', label: '{model} L{layer} stable' },
        { metric: 'sgdscope_model_effective_rank', label: '{model} L{layer} effective', dashed: true },
        { metric: 'sgdscope_model_feature_rank', label: '{model} L{layer} feature' }] },
      { id: 'sparsity', title: 'Hoyer sparsity and dead units', lines: [
        { metric: 'sgdscope_model_hoyer_sparsity', label: '{model} L{layer} Hoyer' },
        { metric: 'sgdscope_model_dead_units_ratio', label: '{model} L{layer} dead', dashed: true }],
        threshold: 0.5 },
      { id: 'margin', title: 'Margin quantiles (min, p05, median)', lines: [
        { metric: 'sgdscope_model_margin', label: '{model} q{quantile}' }], threshold: 0 }] },
    { title: 'Stability', panels: [
      { id: 'sharpness', title: 'Sharpness λmax against 2/η', lines: [
        { metric: 'sgdscope_model_sharpness', label: '{model} λmax' },
        { metric: 'sgdscope_trainer_learning_rate', transform: v => (v > 0 ? 2 / v : null), label: '{model} 2/η',
          dashed: true }] },
      { id: 'eos', title: 'Edge of stability η·λmax/2', lines: [
        { metric: 'sgdscope_model_eos_ratio', label: '{model}' }], threshold: 1 },
      { id: 'gradnorm', title: 'Gradient norm', lines: [
        { metric: 'sgdscope_model_grad_norm', label: '{model} last step' },
        { metric: 'sgdscope_model_window_grad_norm', label: '{model} window', dashed: true }] },
      { id: 'divergences', title: 'Divergences (total)', lines: [
        { metric: 'sgdscope_trainer_divergences_total', label: '{model}' }] }] },
    { title: 'Curvature, gradient noise and motion', panels: [
      { id: 'hessian-trace', title: 'Hessian trace (Hutchinson) ± standard error', lines: [
        { metric: 'sgdscope_trainer_hessian_trace', label: '{model} tr H' },
        { metric: 'sgdscope_trainer_hessian_trace_std_error', label: '{model} std error', dashed: true }] },
      { id: 'gradient-noise', title: 'Per-sample gradient variance over the window', lines: [
        { metric: 'sgdscope_trainer_gradient_noise', label: '{model}' },
        { metric: 'sgdscope_trainer_layer_gradient_noise', label: '{model} L{layer}', dashed: true }] },
      { id: 'gradient-snr', title: 'Gradient signal-to-noise ‖ḡ‖²/variance', lines: [
        { metric: 'sgdscope_trainer_gradient_snr', label: '{model}' },
        { metric: 'sgdscope_trainer_layer_gradient_snr', label: '{model} L{layer}', dashed: true }], threshold: 1 },
      { id: 'distance-init', title: 'Distance from initialisation ‖θ − θ₀‖ per layer', lines: [
        { metric: 'sgdscope_trainer_distance_from_init', label: '{model} L{layer}' }] },
      { id: 'layer-update-ratio', title: 'Update-to-parameter ratio per step (log10)', lines: [
        { metric: 'sgdscope_trainer_layer_update_ratio', transform: v => (v > 0 ? Math.log10(v) : null),
          label: '{model} L{layer}' },
        { metric: 'sgdscope_model_update_ratio', transform: v => (v > 0 ? Math.log10(v) : null),
          label: '{model} last step', dashed: true }], threshold: -3 }] },
    { title: 'Spectra (WeightWatcher)', spectra: true, panels: [
      { id: 'alpha', title: 'Power-law α and weighted α per layer', lines: [
        { metric: 'sgdscope_model_spectral_alpha', label: '{model} L{layer} α' },
        { metric: 'sgdscope_trainer_layer_alpha_weighted', label: '{model} L{layer} α·log λmax', dashed: true }],
        threshold: 2 },
      { id: 'spectral-outliers', title: 'Eigenvalues beyond the Marchenko–Pastur edge', lines: [
        { metric: 'sgdscope_trainer_layer_spectral_outliers', label: '{model} L{layer}' }] }] },
    { title: 'Drift: true shifts and detections', panels: [
      { id: 'drift', title: 'Detections and true shifts (total)', lines: [
        { metric: 'sgdscope_drift_detections_total', label: '{model} {detector}' },
        { metric: 'sgdscope_drift_truth_events_total', label: '{model} true shifts', dashed: true }] },
      { id: 'drift-score', title: 'Detections scored against the truth (total)', lines: [
        { metric: 'sgdscope_drift_true_detections_total', label: '{detector} true' },
        { metric: 'sgdscope_drift_false_alarms_total', label: '{detector} false alarms', dashed: true },
        { metric: 'sgdscope_drift_missed_total', label: '{detector} missed' }] },
      { id: 'drift-delay', title: 'Detection delay (samples)', lines: [
        { metric: 'sgdscope_drift_detection_delay_samples', label: '{model} {detector}' }] },
      { id: 'drift-f1', title: 'Detector F1 against chance (periodic alarms at the same rate)', lines: [
        { metric: 'sgdscope_drift_f1', label: '{model} {detector}' },
        { metric: 'sgdscope_drift_baseline_f1', label: '{model} {detector} chance', dashed: true }] }] }
  ];

  const state = { series: new Map(), since: 0, now: 0, intervalMs: 1000, pointsPerSeries: 600, updates: 0 };

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fmt(v) {
    if (v === null || !isFinite(v)) return '–';
    const a = Math.abs(v);
    if (a === 0) return '0';
    if (a >= 1e6) return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + 'M';
    if (a >= 1e4) return (v / 1e3).toFixed(a >= 1e5 ? 0 : 1) + 'k';
    if (a < 1e-3) return v.toExponential(1);
    return String(Number(v.toPrecision(3)));
  }

  function clock(ms) {
    return new Date(ms).toISOString().substring(11, 19);
  }

  function layout() {
    const main = document.getElementById('panels');
    for (const group of GROUPS) {
      const section = el('section', { class: 'group' });
      section.appendChild(el('h2', {}, group.title));
      const grid = el('div', { class: 'grid' });
      for (const p of group.panels) {
        const panel = el('div', { class: 'panel', id: 'panel-' + p.id, 'data-points': '0', 'data-last': '0' });
        panel.appendChild(el('h3', {}, p.title));
        panel.appendChild(el('div', { class: 'body' }));
        grid.appendChild(panel);
      }
      section.appendChild(grid);
      if (group.spectra) {
        // the newest eigenvalue densities, one chart per model and layer, from /api/spectra
        section.appendChild(el('div', { class: 'grid', id: 'spectra' }));
      }
      main.appendChild(section);
    }
  }

  function merge(data) {
    state.intervalMs = data.intervalMs;
    state.pointsPerSeries = data.pointsPerSeries;
    for (const s of data.series) {
      let mine = state.series.get(s.id);
      if (!mine) {
        mine = { name: s.name, tags: s.tags, t: [], v: [] };
        state.series.set(s.id, mine);
      }
      const lastT = mine.t.length ? mine.t[mine.t.length - 1] : -Infinity;
      for (let i = 0; i < s.t.length; i++) {
        if (s.t[i] > lastT) { // a round being sampled while we read arrives twice; keep it once
          mine.t.push(s.t[i]);
          mine.v.push(s.v[i]);
        }
      }
      const extra = mine.t.length - state.pointsPerSeries;
      if (extra > 0) {
        mine.t.splice(0, extra);
        mine.v.splice(0, extra);
      }
    }
    if (data.now > state.now) state.now = data.now;
    state.since = state.now;
    state.updates++;
  }

  function matches(tags, where) {
    for (const k in where || {}) if (tags[k] !== where[k]) return false;
    return true;
  }

  function label(template, tags) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (tags[k] === undefined ? '' : tags[k])).trim();
  }

  /** [t, v] pairs of one line: rates of a counter, or the gauge, or a transform of it. */
  function pointsOf(spec, s) {
    const out = [];
    if (spec.rate) {
      for (let i = 1; i < s.t.length; i++) {
        const j = Math.max(0, i - RATE_POINTS);
        let inc = 0;
        for (let k = j + 1; k <= i; k++) {
          const d = s.v[k] - s.v[k - 1];
          inc += d >= 0 ? d : s.v[k]; // a drop is a restart from zero
        }
        out.push([s.t[i], inc / ((s.t[i] - s.t[j]) / 1000)]);
      }
      return out;
    }
    for (let i = 0; i < s.t.length; i++) {
      const v = spec.transform ? spec.transform(s.v[i]) : s.v[i];
      out.push([s.t[i], v === null || !isFinite(v) ? null : v]);
    }
    return out;
  }

  function linesOf(panel) {
    const lines = [];
    for (const spec of panel.lines) {
      for (const s of state.series.values()) {
        if (s.name !== spec.metric || !matches(s.tags, spec.where)) continue;
        if (lines.length >= MAX_LINES) return lines;
        lines.push({ label: label(spec.label, s.tags), dashed: !!spec.dashed, points: pointsOf(spec, s) });
      }
    }
    return lines;
  }

  /** Distinct values of a "last time (unix s)" gauge: when each truth shift or detection happened. */
  function markerTimes(metric) {
    const out = [];
    for (const s of state.series.values()) {
      if (s.name !== metric) continue;
      const seen = new Set();
      for (const v of s.v) {
        if (v !== null && isFinite(v) && !seen.has(v)) {
          seen.add(v);
          out.push({ t: v * 1000, detector: s.tags.detector });
        }
      }
    }
    return out;
  }

  function timeRange() {
    let first = Infinity;
    for (const s of state.series.values()) if (s.t.length) first = Math.min(first, s.t[0]);
    const end = state.now;
    let start = Math.max(first, end - state.pointsPerSeries * state.intervalMs);
    if (!isFinite(start) || end - start < MIN_SPAN_MS) start = end - MIN_SPAN_MS;
    return [start, end];
  }

  /**
   * A confusion matrix as a heat map: the newest value of each (actual, predicted) cell of the first
   * model and stream that has one; rows are actual classes, columns predicted ones, darker is more.
   */
  function drawHeatmap(panel) {
    const root = document.getElementById('panel-' + panel.id);
    const body = root.querySelector('.body');
    const spec = panel.heatmap;
    const cells = new Map();
    let owner = null;
    let last = 0;
    let k = 0;
    for (const s of state.series.values()) {
      if (s.name !== spec.metric || !matches(s.tags, spec.where)) continue;
      const key = s.tags.model + '@' + s.tags.stream;
      if (owner === null) owner = key;
      if (key !== owner || !s.v.length) continue;
      const v = s.v[s.v.length - 1];
      if (v === null || !isFinite(v)) continue;
      const i = Number(s.tags.actual);
      const j = Number(s.tags.predicted);
      cells.set(i + ',' + j, v);
      k = Math.max(k, i + 1, j + 1);
      last = Math.max(last, s.t[s.t.length - 1]);
    }
    body.replaceChildren();
    root.setAttribute('data-points', String(cells.size));
    root.setAttribute('data-last', String(last));
    if (cells.size === 0) {
      body.appendChild(el('div', { class: 'empty' }, 'no data yet'));
      return;
    }
    let max = 0;
    for (const v of cells.values()) max = Math.max(max, v);
    const size = Math.min(24, Math.floor((HEIGHT - 30) / k));
    const left = 40;
    const top = 14;
    const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img' });
    chart.appendChild(svg('text', { class: 'axis', x: left, y: 10 }, 'predicted →'));
    chart.appendChild(svg('text', { class: 'axis', x: 2, y: top + size * k + 12 }, '↑ actual'));
    for (let i = 0; i < k; i++) {
      chart.appendChild(svg('text', { class: 'axis', x: left - 4, y: top + i * size + size / 2 + 3,
        'text-anchor': 'end' }, String(i)));
      for (let j = 0; j < k; j++) {
        const v = cells.has(i + ',' + j) ? cells.get(i + ',' + j) : 0;
        const shade = max > 0 ? v / max : 0;
        const rect = svg('rect', { class: 'cell', x: left + j * size, y: top + i * size, width: size - 1,
          height: size - 1, fill: 'rgba(31,119,180,' + (0.05 + 0.95 * shade).toFixed(3) + ')',
          'data-actual': String(i), 'data-predicted': String(j) });
        rect.appendChild(svg('title', {}, 'actual ' + i + ', predicted ' + j + ': ' + fmt(v)));
        chart.appendChild(rect);
      }
    }
    body.appendChild(chart);
    body.appendChild(el('div', { class: 'legend' }, owner + ' · darkest ' + fmt(max)));
  }

  function drawPanel(panel, range, truth, detections) {
    if (panel.heatmap) {
      drawHeatmap(panel);
      return;
    }
    const root = document.getElementById('panel-' + panel.id);
    const body = root.querySelector('.body');
    const lines = linesOf(panel);
    let count = 0;
    let last = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const line of lines) {
      for (const [t, v] of line.points) {
        if (t < range[0] || v === null) continue;
        count++;
        last = Math.max(last, t);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    body.replaceChildren();
    root.setAttribute('data-points', String(count));
    root.setAttribute('data-last', String(last));
    if (count === 0) {
      body.appendChild(el('div', { class: 'empty' }, 'no data yet'));
      return;
    }
    if (panel.threshold !== undefined) {
      lo = Math.min(lo, panel.threshold);
      hi = Math.max(hi, panel.threshold);
    }
    const nonNegative = lo >= 0;
    if (hi - lo < 1e-12) {
      const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
      lo -= pad;
      hi += pad;
    } else {
      const pad = (hi - lo) * 0.06;
      lo -= pad;
      hi += pad;
    }
    if (nonNegative && lo < 0) lo = 0; // counts, rates and ratios: no axis below zero
    const w = WIDTH - PAD.left - PAD.right;
    const h = HEIGHT - PAD.top - PAD.bottom;
    const x = t => PAD.left + (t - range[0]) / (range[1] - range[0]) * w;
    const y = v => PAD.top + (hi - v) / (hi - lo) * h;
    const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img' });
    for (let i = 0; i <= 4; i++) {
      const v = lo + (hi - lo) * i / 4;
      chart.appendChild(svg('line', { class: 'gridline', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v) }));
      chart.appendChild(svg('text', { class: 'axis', x: PAD.left - 4, y: y(v) + 3, 'text-anchor': 'end' }, fmt(v)));
    }
    for (let i = 0; i <= 4; i++) {
      const t = range[0] + (range[1] - range[0]) * i / 4;
      const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
      chart.appendChild(svg('text', { class: 'axis', x: x(t), y: HEIGHT - 5, 'text-anchor': anchor }, clock(t)));
    }
    if (panel.threshold !== undefined) {
      const ty = y(panel.threshold);
      chart.appendChild(svg('line', { class: 'threshold', x1: PAD.left, x2: WIDTH - PAD.right, y1: ty, y2: ty }));
    }
    for (const m of truth) {
      if (m.t < range[0] || m.t > range[1]) continue;
      chart.appendChild(svg('line', { class: 'marker-truth', x1: x(m.t), x2: x(m.t), y1: PAD.top, y2: PAD.top + h }));
    }
    for (const m of detections) {
      if (m.t < range[0] || m.t > range[1]) continue;
      chart.appendChild(svg('line', { class: 'marker-detection', x1: x(m.t), x2: x(m.t), y1: PAD.top, y2: PAD.top + 10,
        style: 'stroke:' + (DETECTOR_COLORS[m.detector] || '#8e24aa') }));
    }
    const legend = el('div', { class: 'legend' });
    lines.forEach((line, i) => {
      const color = PALETTE[i % PALETTE.length];
      let d = '';
      let prevT = null;
      let lastV = null;
      for (const [t, v] of line.points) {
        if (t < range[0] || v === null) {
          prevT = null;
          continue;
        }
        const gap = prevT === null || t - prevT > 3 * state.intervalMs;
        d += (gap ? 'M' : 'L') + x(t).toFixed(1) + ' ' + y(v).toFixed(1) + ' ';
        prevT = t;
        lastV = v;
      }
      if (d) {
        chart.appendChild(svg('path', { class: 'line' + (line.dashed ? ' dashed' : ''), d: d.trim(), stroke: color }));
      }
      const item = el('span');
      item.appendChild(el('span', { class: 'swatch', style: 'background:' + color }));
      item.appendChild(document.createTextNode(line.label + ' '));
      item.appendChild(el('span', { class: 'value' }, fmt(lastV)));
      legend.appendChild(item);
    });
    body.appendChild(chart);
    body.appendChild(legend);
  }

  function drawAlerts(alerts) {
    const list = document.getElementById('alerts');
    list.replaceChildren();
    const ordered = alerts.slice().sort((a, b) => (b.firing.length > 0) - (a.firing.length > 0));
    let firing = 0;
    for (const a of ordered) {
      const on = a.firing.length > 0;
      if (on) firing++;
      const li = el('li', { class: (on ? 'firing ' : 'ok ') + a.severity, 'data-alert': a.alert });
      li.appendChild(el('span', { class: 'name' }, a.alert));
      li.appendChild(el('span', { class: 'sev' }, on ? a.severity + ' · firing' : 'ok'));
      li.appendChild(el('span', { class: 'detail' }, a.condition));
      for (const f of a.firing) {
        const labels = Object.keys(f.labels).map(k => k + '=' + f.labels[k]).join(' ');
        li.appendChild(el('span', { class: 'detail' }, (labels ? labels + ': ' : '') + f.detail));
      }
      list.appendChild(li);
    }
    document.getElementById('alert-summary').textContent =
      firing === 0 ? 'nothing firing' : firing + ' of ' + alerts.length + ' firing';
  }

  function draw(data) {
    const range = timeRange();
    const truth = markerTimes(TRUTH_LAST);
    const detections = markerTimes(DETECTION_LAST);
    for (const group of GROUPS) for (const p of group.panels) drawPanel(p, range, truth, detections);
    drawAlerts(data.alerts);
    const status = document.getElementById('status');
    status.className = 'status';
    status.textContent = 'updated ' + clock(state.now) + ' UTC · ' + state.series.size + ' series'
      + (data.droppedPoints > 0 ? ' · ' + data.droppedPoints + ' points dropped (series limit)' : '');
    document.body.setAttribute('data-updates', String(state.updates));
  }

  /**
   * One layer's eigenvalue spectral density on log-log axes: bars for the counts per log bin, the
   * fitted power law's expected counts as a line, and the Marchenko–Pastur edge and xmin as
   * vertical lines.
   */
  function drawSpectrum(m, layer) {
    const panel = el('div', { class: 'panel spectrum', 'data-layer': String(layer.index), 'data-model': m.model });
    panel.appendChild(el('h3', {}, m.model + '@' + m.stream + ' L' + layer.index + ' (' + layer.inputs + '×'
      + layer.outputs + '): α ' + fmt(layer.alpha) + ', α̂ ' + fmt(layer.alphaWeighted) + ', ' + layer.outliers
      + ' beyond MP'));
    const edges = layer.edges;
    const counts = layer.counts;
    if (edges.length < 2) {
      panel.appendChild(el('div', { class: 'empty' }, 'no positive eigenvalues'));
      return panel;
    }
    const w = WIDTH - PAD.left - PAD.right;
    const h = HEIGHT - PAD.top - PAD.bottom;
    const lx0 = Math.log10(edges[0]);
    const lx1 = Math.log10(edges[edges.length - 1]);
    const span = lx1 - lx0 > 1e-9 ? lx1 - lx0 : 1;
    const maxCount = Math.max(1, ...counts, ...layer.fitCounts.filter(v => v !== null));
    const ly1 = Math.log10(maxCount) + 0.1;
    const x = v => PAD.left + (Math.log10(v) - lx0) / span * w;
    // log counts; an empty bin sits on the axis
    const y = c => PAD.top + h - (c > 0 ? (Math.log10(c) + 0.3) / (ly1 + 0.3) * h : 0);
    const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img' });
    for (let i = 0; i <= 4; i++) {
      const v = Math.pow(10, lx0 + span * i / 4);
      const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
      chart.appendChild(svg('text', { class: 'axis', x: x(v), y: HEIGHT - 5, 'text-anchor': anchor }, fmt(v)));
    }
    for (let c = 1; c <= maxCount; c *= 10) {
      chart.appendChild(svg('line', { class: 'gridline', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(c), y2: y(c) }));
      chart.appendChild(svg('text', { class: 'axis', x: PAD.left - 4, y: y(c) + 3, 'text-anchor': 'end' }, fmt(c)));
    }
    counts.forEach((c, i) => {
      if (c <= 0) return;
      chart.appendChild(svg('rect', { class: 'bar', x: x(edges[i]), y: y(c),
        width: Math.max(1, x(edges[i + 1]) - x(edges[i]) - 1), height: PAD.top + h - y(c) }));
    });
    let d = '';
    layer.fitCounts.forEach((c, i) => {
      if (c === null || c <= 0) return;
      const mid = Math.sqrt(edges[i] * edges[i + 1]);
      d += (d ? 'L' : 'M') + x(mid).toFixed(1) + ' ' + y(c).toFixed(1) + ' ';
    });
    if (d) chart.appendChild(svg('path', { class: 'line fit', d: d.trim() }));
    for (const [v, cls] of [[layer.mpEdge, 'mp-edge'], [layer.xmin, 'xmin']]) {
      if (v === null || v < edges[0] || v > edges[edges.length - 1]) continue;
      chart.appendChild(svg('line', { class: cls, x1: x(v), x2: x(v), y1: PAD.top, y2: PAD.top + h }));
    }
    panel.appendChild(chart);
    const legend = el('div', { class: 'legend' });
    legend.appendChild(el('span', {}, 'bars: eigenvalues λ = σ² per log bin · line: power-law fit · '
      + 'red: MP edge ' + fmt(layer.mpEdge) + ' · grey: xmin ' + fmt(layer.xmin)));
    panel.appendChild(legend);
    return panel;
  }

  function pollSpectra() {
    fetch('/api/spectra', { cache: 'no-store' })
      .then(r => (r.ok ? r.json() : { models: [] }))
      .then(data => {
        const grid = document.getElementById('spectra');
        if (grid) {
          grid.replaceChildren();
          for (const m of data.models) for (const layer of m.layers) grid.appendChild(drawSpectrum(m, layer));
        }
        setTimeout(pollSpectra, SPECTRA_INTERVAL_MS);
      })
      .catch(() => setTimeout(pollSpectra, SPECTRA_INTERVAL_MS));
  }

  function poll() {
    fetch('/api/history?since=' + state.since, { cache: 'no-store' })
      .then(r => {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(data => {
        merge(data);
        draw(data);
        setTimeout(poll, state.intervalMs);
      })
      .catch(e => {
        const status = document.getElementById('status');
        status.className = 'status error';
        status.textContent = 'disconnected (' + e.message + '); retrying';
        setTimeout(poll, 2000);
      });
  }

  layout();
  poll();
  pollSpectra();
}());
