// Service faults and network partitions on the drive tab: the faults in force (/api/faults) with a live countdown,
// a small form that injects one, per-fault and "clear all" buttons; the cut cross-cluster links
// (/api/mesh/partition) with partition and heal. Changes need the admin token; the gateway on Kubernetes answers
// 501 to both, and the panel then says what to use there instead.

import { adminToken, getJson, sendJson } from './api.js';
import { t } from './i18n.js';
import { describeError } from './controls.js';
import { SERVICES } from './traffic.js';

const POLL_MILLIS = 2000;

/** The body of POST /api/faults for the form's values, e.g. {target, effect, duration: 'PT60S'}. */
export function faultRequest({ service, cluster, kind, ratePercent, status, latencyMs, durationSeconds }) {
  const target = cluster ? { service, cluster } : { service };
  let effect;
  if (kind === 'error') effect = { kind, ratePercent: Number(ratePercent), status: Number(status) };
  else if (kind === 'latency') effect = { kind, delay: { shape: 'fixed', delay: `PT${Number(latencyMs) / 1000}S` } };
  else effect = { kind };
  return { target, effect, duration: `PT${Number(durationSeconds)}S` };
}

/** A fault's target as text: user-service@ctx2, user-service/pod-name, or user-service (every instance). */
export function targetText(target) {
  if (!target) return '?';
  if (target.cluster) return `${target.service}@${target.cluster}`;
  if (target.pod) return `${target.service}/${target.pod}`;
  return `${target.service} (${t('faults.cluster.all')})`;
}

export class Faults {
  #faults = [];
  #readAt = 0;
  #faultsState = 'loading'; // loading | ok | kubernetes | failed
  #faultsDetail = '';
  #links = [];
  #partitionState = 'loading';
  #partitionDetail = '';

  start() {
    const services = document.getElementById('fault-service');
    services.replaceChildren(...SERVICES.map((service) => {
      const option = document.createElement('option');
      option.value = service;
      option.textContent = service;
      return option;
    }));
    this.#wireFaultForm();
    this.#wirePartition();
    this.#showKindFields();
    document.addEventListener('languagechange', () => this.#render());
    setInterval(() => this.#renderFaults(), 1000);
    setInterval(() => {
      if (this.#visible()) this.reload();
    }, POLL_MILLIS);
  }

  /** Reads the faults and the cut links now (when the drive tab is shown, after a change). */
  async reload() {
    await Promise.all([this.#loadFaults(), this.#loadLinks()]);
  }

  #visible() {
    return !document.querySelector('[data-panel="drive"]')?.hidden;
  }

  async #loadFaults() {
    if (this.#faultsState === 'kubernetes') return; // asking again will not change the answer
    const r = await getJson('/api/faults');
    this.#faultsState = r.ok ? 'ok' : r.status === 501 ? 'kubernetes' : 'failed';
    this.#faultsDetail = r.ok ? '' : describeError(r);
    this.#faults = r.ok ? (r.body?.faults ?? []) : [];
    this.#readAt = Date.now();
    this.#renderFaults();
  }

  async #loadLinks() {
    if (this.#partitionState === 'kubernetes') return;
    const r = await getJson('/api/mesh/partition');
    this.#partitionState = r.ok ? 'ok' : r.status === 501 ? 'kubernetes' : 'failed';
    this.#partitionDetail = r.ok ? '' : describeError(r);
    this.#links = r.ok ? (r.body?.links ?? []) : [];
    this.#renderLinks();
  }

  #render() {
    this.#renderFaults();
    this.#renderLinks();
    this.#showKindFields();
  }

  // ---- faults ----
  #wireFaultForm() {
    const form = document.getElementById('fault-form');
    const result = document.getElementById('faults-result');
    form.kind.addEventListener('change', () => this.#showKindFields());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const request = faultRequest({
        service: form.service.value, cluster: form.cluster.value, kind: form.kind.value,
        ratePercent: form.ratePercent.value, status: form.status.value, latencyMs: form.latencyMs.value,
        durationSeconds: form.durationSeconds.value,
      });
      const r = await sendJson('POST', '/api/faults', request, { admin: true });
      result.textContent = r.ok ? t('faults.injected', { id: r.body?.id ?? '?', description: r.body?.description ?? '' })
        : this.#failure(r, 'faults.kubernetes');
      this.#loadFaults();
    });
    document.getElementById('faults-clear-all').addEventListener('click', async () => {
      const r = await sendJson('DELETE', '/api/faults', undefined, { admin: true });
      result.textContent = r.ok ? t('faults.cleared', { count: r.body?.cleared ?? 0 }) : this.#failure(r, 'faults.kubernetes');
      this.#loadFaults();
    });
  }

  #showKindFields() {
    const kind = document.getElementById('fault-kind').value;
    document.querySelectorAll('#fault-form [data-fault-for]').forEach((el) => { el.hidden = el.dataset.faultFor !== kind; });
  }

  async #clear(id) {
    const r = await sendJson('DELETE', `/api/faults/${encodeURIComponent(id)}`, undefined, { admin: true });
    document.getElementById('faults-result').textContent = r.ok ? t('faults.cleared', { count: r.body?.cleared ?? 1 })
      : this.#failure(r, 'faults.kubernetes');
    this.#loadFaults();
  }

  #renderFaults() {
    const status = document.getElementById('faults-status');
    const list = document.getElementById('faults');
    const panel = document.querySelector('[data-faults]');
    panel.dataset.faultsState = this.#faultsState;
    if (this.#faultsState !== 'ok') {
      status.textContent = this.#faultsState === 'kubernetes' ? t('faults.kubernetes')
        : this.#faultsState === 'failed' ? t('faults.unavailable', { detail: this.#faultsDetail }) : '';
      list.replaceChildren();
      return;
    }
    const elapsed = Date.now() - this.#readAt;
    const active = this.#faults.map((f) => ({ fault: f, left: Math.ceil(((f.timeLeftMs ?? 0) - elapsed) / 1000) }))
      .filter((entry) => entry.left > 0);
    status.textContent = active.length === 0 ? t('faults.none') : t('faults.some', { count: active.length });
    const admin = Boolean(adminToken());
    // Kept in place (not rebuilt every second) so that a focused or clicked clear button stays the same element.
    const items = new Map([...list.children].map((li) => [li.dataset.faultId, li]));
    active.forEach(({ fault, left }, index) => {
      const li = items.get(fault.id) ?? this.#faultItem(fault);
      items.delete(fault.id);
      li.dataset.secondsLeft = String(left);
      li.title = fault.description ?? '';
      li.querySelector('span').textContent = t('faults.item', {
        kind: kindText(fault.effect), target: targetText(fault.target), detail: effectDetail(fault.effect), seconds: left,
      });
      const clear = li.querySelector('button');
      clear.textContent = t('faults.clear');
      clear.setAttribute('aria-label', t('faults.clearOne', { id: fault.id }));
      clear.disabled = !admin;
      if (admin) clear.removeAttribute('title');
      else clear.title = t('admin.disabled');
      if (list.children[index] !== li) list.insertBefore(li, list.children[index] ?? null);
    });
    items.forEach((li) => li.remove());
  }

  #faultItem(fault) {
    const li = document.createElement('li');
    li.className = 'fault';
    li.dataset.faultId = fault.id;
    const clear = document.createElement('button');
    clear.type = 'button';
    clear.className = 'button';
    clear.dataset.admin = '';
    clear.dataset.clearFault = fault.id;
    clear.addEventListener('click', () => this.#clear(fault.id));
    li.append(document.createElement('span'), ' ', clear);
    return li;
  }

  // ---- partition ----
  #wirePartition() {
    const result = document.getElementById('partition-result');
    document.getElementById('partition-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const oneWay = document.getElementById('partition-one-way').checked;
      const r = await sendJson('POST', '/api/mesh/partition', { oneWay }, { admin: true }); // the gateway fills in the topology's clusters
      result.textContent = r.ok ? t('partition.done', { links: (r.body?.links ?? []).join(', ') })
        : this.#failure(r, 'partition.kubernetes');
      this.#loadLinks();
    });
    document.getElementById('partition-heal').addEventListener('click', async () => {
      const r = await sendJson('DELETE', '/api/mesh/partition', undefined, { admin: true });
      result.textContent = r.ok ? t('partition.healed') : this.#failure(r, 'partition.kubernetes');
      this.#loadLinks();
    });
  }

  #renderLinks() {
    const status = document.getElementById('partition-status');
    const list = document.getElementById('partition-links');
    if (this.#partitionState !== 'ok') {
      status.textContent = this.#partitionState === 'kubernetes' ? t('partition.kubernetes')
        : this.#partitionState === 'failed' ? t('partition.unavailable', { detail: this.#partitionDetail }) : '';
      list.replaceChildren();
      return;
    }
    status.textContent = this.#links.length === 0 ? t('partition.none') : t('partition.some', { count: this.#links.length });
    list.replaceChildren(...this.#links.map((link) => {
      const li = document.createElement('li');
      li.className = 'cut-link';
      li.textContent = link;
      return li;
    }));
  }

  /** A refused change's reason; 501 is the gateway on Kubernetes, said with what to use there. */
  #failure(r, kubernetesKey) {
    return r.status === 501 ? t(kubernetesKey) : t('faults.failed', { detail: describeError(r) });
  }
}

function kindText(effect) {
  const kind = effect?.kind ?? '?';
  const key = `faults.kind.${kind}`;
  return t(key) === key ? kind : t(key);
}

function effectDetail(effect) {
  switch (effect?.kind) {
    case 'error': return `${effect.status} · ${effect.ratePercent}%`;
    case 'latency': {
      const ms = millisOf(effect.delay?.delay);
      return ms === null ? (effect.delay?.shape ?? '') : `${ms} ms`;
    }
    default: return '';
  }
}

/** Milliseconds of a JSON duration: ISO-8601 text ('PT0.5S', 'PT1M') or a number of seconds; null otherwise. */
export function millisOf(duration) {
  if (typeof duration === 'number') return Math.round(duration * 1000);
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(String(duration ?? ''));
  if (!m) return null;
  return Math.round(((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000);
}
