// Driving the mesh (needs the admin token printed by ./theater up, kept in sessionStorage): weight sliders
// (PUT /api/mesh/weights/{service}), the scenario picker with rollback, and a bounded load run (/api/load).

import { adminToken, getJson, sendJson, setAdminToken } from './api.js';
import { t } from './i18n.js';
import { SERVICES } from './traffic.js';

const LOAD_POLL_MILLIS = 500;

export class Controls {
  #loadId = null;
  #loadTimer = null;

  constructor(weights, onConfigChanged) {
    this.weights = weights;
    this.onConfigChanged = onConfigChanged;
  }

  start() {
    this.#wireToken();
    this.#buildSliders();
    this.#wireScenarios();
    this.#wireLoad();
    this.weights.onChange(() => this.#syncSliders());
    document.addEventListener('languagechange', () => {
      this.#applyAdminState();
      this.#syncSliders();
      this.#describeScenario();
    });
    this.#applyAdminState();
    this.#loadScenarios();
  }

  // ---- token ----
  #wireToken() {
    const input = document.getElementById('token-input');
    document.getElementById('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      setAdminToken(input.value.trim() || null);
      input.value = '';
      this.#applyAdminState();
    });
    document.getElementById('token-clear').addEventListener('click', () => {
      setAdminToken(null);
      this.#applyAdminState();
    });
  }

  #applyAdminState() {
    const has = Boolean(adminToken());
    document.getElementById('token-status').textContent = has ? t('token.present') : t('token.missing');
    document.getElementById('token-status').dataset.admin = String(has);
    document.querySelectorAll('[data-admin]').forEach((el) => {
      if (el.id === 'load-stop') {
        el.disabled = !has || this.#loadId === null;
      } else {
        el.disabled = !has;
      }
      if (has) el.removeAttribute('title');
      else el.title = t('admin.disabled');
    });
  }

  // ---- weights ----
  #buildSliders() {
    const box = document.getElementById('weight-sliders');
    SERVICES.forEach((service) => {
      const row = document.createElement('div');
      row.className = 'slider';
      row.dataset.service = service;
      const id = `weight-${service}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.className = 'slider__label';
      const input = document.createElement('input');
      input.type = 'range';
      input.id = id;
      input.min = '0';
      input.max = '100';
      input.step = '5';
      input.dataset.admin = '';
      const output = document.createElement('output');
      output.htmlFor = id;
      output.className = 'slider__value';
      const apply = document.createElement('button');
      apply.type = 'button';
      apply.className = 'button button--primary';
      apply.dataset.admin = '';
      apply.dataset.applyWeights = service;
      input.addEventListener('input', () => {
        input.dataset.touched = 'true';
        this.#showSliderValue(row);
      });
      apply.addEventListener('click', () => this.#applyWeights(service, Number(input.value)));
      row.append(label, input, output, apply);
      box.append(row);
    });
    this.#syncSliders();
  }

  #showSliderValue(row) {
    const input = row.querySelector('input');
    const ctx1 = Number(input.value);
    row.querySelector('output').textContent = t('weights.value', { ctx1, ctx2: 100 - ctx1 });
    input.setAttribute('aria-valuetext', t('weights.value', { ctx1, ctx2: 100 - ctx1 }));
  }

  #syncSliders() {
    document.querySelectorAll('.slider').forEach((row) => {
      const service = row.dataset.service;
      const input = row.querySelector('input');
      row.querySelector('label').textContent = t('weights.slider', { service });
      row.querySelector('button').textContent = t('weights.apply');
      const entry = this.weights.current?.get(service);
      if (input.dataset.touched !== 'true' && entry?.configured) input.value = String(Math.round(entry.weights.ctx1));
      this.#showSliderValue(row);
    });
  }

  async #applyWeights(service, ctx1) {
    const status = document.getElementById('weights-status');
    const weights = { ctx1, ctx2: 100 - ctx1 };
    const r = await sendJson('PUT', `/api/mesh/weights/${service}`, { weights }, { admin: true });
    if (r.ok) {
      document.querySelector(`.slider[data-service="${service}"] input`).dataset.touched = 'false';
      this.weights.assume(service, weights);
      status.textContent = t('weights.applied', { service, ...weights, generation: r.body?.generation ?? '?' });
      this.onConfigChanged();
    } else {
      status.textContent = t('weights.failed', { detail: describeError(r) });
    }
  }

  // ---- scenarios ----
  #scenarios = [];

  async #loadScenarios() {
    const select = document.getElementById('scenario-select');
    const r = await getJson('/api/mesh/scenarios');
    this.#scenarios = r.ok ? (r.body?.scenarios ?? []) : [];
    if (!r.ok) document.getElementById('scenario-status').textContent = t('scenario.unavailable');
    select.replaceChildren(...this.#scenarios.map((s) => {
      const option = document.createElement('option');
      option.value = s.path;
      option.textContent = s.name;
      return option;
    }));
    this.#describeScenario();
  }

  #describeScenario() {
    const select = document.getElementById('scenario-select');
    const scenario = this.#scenarios.find((s) => s.path === select.value);
    document.getElementById('scenario-description').textContent = scenario?.description ?? '';
    const number = (scenario?.name ?? '').match(/^(\d\d)/)?.[1];
    const key = number ? `expect.${number}` : '';
    const expect = key && t(key) !== key ? t(key) : '';
    document.getElementById('scenario-expect').textContent = expect;
  }

  #wireScenarios() {
    const status = document.getElementById('scenario-status');
    document.getElementById('scenario-select').addEventListener('change', () => this.#describeScenario());
    document.getElementById('scenario-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const path = document.getElementById('scenario-select').value;
      if (!path) return;
      const r = await sendJson('POST', '/api/mesh/scenario', { path }, { admin: true });
      status.textContent = r.ok
        ? t('scenario.applied', { source: r.body?.source ?? path, generation: r.body?.generation ?? '?', warnings: r.body?.warnings ?? 0 })
        : t('scenario.refused', { detail: describeError(r) });
      this.onConfigChanged();
    });
    document.getElementById('scenario-rollback').addEventListener('click', async () => {
      const r = await sendJson('POST', '/api/mesh/scenario/rollback', undefined, { admin: true });
      status.textContent = r.ok ? t('scenario.rolledBack', { generation: r.body?.generation ?? '?' })
        : t('scenario.failed', { detail: describeError(r) });
      this.onConfigChanged();
    });
    document.getElementById('scenario-reset').addEventListener('click', async () => {
      const r = await sendJson('POST', '/api/mesh/scenario/reset', undefined, { admin: true });
      status.textContent = r.ok ? t('scenario.rolledBack', { generation: r.body?.generation ?? '?' })
        : t('scenario.failed', { detail: describeError(r) });
      this.onConfigChanged();
    });
  }

  // ---- load ----
  #wireLoad() {
    const form = document.getElementById('load-form');
    const status = document.getElementById('load-status');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const headers = {};
      for (const line of form.headers.value.split('\n').map((l) => l.trim()).filter(Boolean)) {
        const at = line.indexOf(':');
        if (at <= 0) {
          status.textContent = t('load.badHeader', { line });
          return;
        }
        headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
      }
      const request = {
        path: form.path.value.trim(), method: 'GET', headers,
        qps: Number(form.qps.value), concurrency: Number(form.concurrency.value),
        durationSeconds: Number(form.durationSeconds.value),
      };
      const r = await sendJson('POST', '/api/load', request, { admin: true });
      if (!r.ok || !r.body?.id) {
        status.textContent = t('load.failed', { detail: describeError(r) });
        return;
      }
      this.#loadId = r.body.id;
      this.#expected = request.qps * request.durationSeconds;
      document.getElementById('load-report').replaceChildren();
      this.#applyAdminState();
      this.#pollLoad();
    });
    document.getElementById('load-stop').addEventListener('click', async () => {
      if (this.#loadId) await sendJson('DELETE', `/api/load/${this.#loadId}`, undefined, { admin: true });
    });
  }

  #expected = 0;

  async #pollLoad() {
    const id = this.#loadId;
    const r = await getJson(`/api/load/${id}`);
    const status = document.getElementById('load-status');
    const progress = document.getElementById('load-progress');
    if (!r.ok) {
      status.textContent = t('load.failed', { detail: describeError(r) });
      this.#finishLoad();
      return;
    }
    const run = r.body;
    const qps = run.achievedQps === undefined ? '–' : Number(run.achievedQps).toFixed(1);
    progress.hidden = false;
    progress.value = this.#expected > 0 ? Math.min(100, Math.round(((run.completed ?? 0) * 100) / this.#expected)) : 0;
    const running = ['RUNNING', 'STARTING', 'PENDING', 'running', 'starting', 'pending'].includes(run.state);
    if (running) {
      status.textContent = t('load.running', { sent: run.sent ?? 0, completed: run.completed ?? 0, qps });
      this.#loadTimer = setTimeout(() => this.#pollLoad(), LOAD_POLL_MILLIS);
    } else {
      progress.value = 100;
      status.textContent = t('load.done', { state: run.state, completed: run.completed ?? 0, qps });
      this.#report(run);
      this.#finishLoad();
    }
  }

  #finishLoad() {
    this.#loadId = null;
    clearTimeout(this.#loadTimer);
    this.#applyAdminState();
  }

  #report(run) {
    const tables = [
      [t('load.report.status'), run.byStatus ?? {}],
      [t('load.report.cluster'), run.byCluster ?? {}],
      [t('load.report.latency'), run.latencyMillis ?? {}],
    ].map(([caption, values]) => {
      const table = document.createElement('table');
      table.className = 'report';
      const cap = document.createElement('caption');
      cap.textContent = caption;
      table.append(cap);
      Object.entries(values).forEach(([key, value]) => {
        const row = table.insertRow();
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = key;
        row.append(th);
        row.insertCell().textContent = typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(1) : String(value);
      });
      return table;
    });
    document.getElementById('load-report').replaceChildren(...tables);
  }
}

/** A short reason for a refused or failed call. */
export function describeError(r) {
  if (r.status === 0) return 'network error';
  const message = r.body?.message ?? r.body?.error ?? r.text?.slice(0, 120) ?? '';
  return `${r.status} ${message}`.trim();
}
