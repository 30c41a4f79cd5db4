// Draws one section: its lights, its configured-versus-actual split and its data list.

import { t, translate } from './i18n.js';
import { CLUSTERS, lightState } from './traffic.js';
import { describeItem, itemsOf } from './sections.js';

const FAILED_STATUS = 400;

/** The DOM of one section, cloned from the page's <template id="section-template">. */
export class SectionView {
  constructor(section, container) {
    this.section = section;
    const fragment = document.getElementById('section-template').content.cloneNode(true);
    this.root = fragment.querySelector('.service');
    this.root.dataset.section = section.id;
    this.root.setAttribute('aria-labelledby', `${section.id}-title`);
    const title = this.root.querySelector('.service__title');
    title.id = `${section.id}-title`;
    title.dataset.i18n = section.titleKey;
    this.root.querySelector('.service__host').textContent = `${section.service} · GET ${section.path}`;
    this.rows = new Map(CLUSTERS.map((cluster) => [cluster, this.#row(cluster)]));
    container.append(this.root);
    translate(this.root);
  }

  /** Calls `handler` when the button for `action` ('refresh' or 'send') is pressed. */
  onAction(action, handler) {
    this.root.querySelector(`[data-action="${action}"]`).addEventListener('click', handler);
  }

  /** Marks the section busy while requests run; its buttons are disabled meanwhile. */
  setBusy(busy) {
    this.root.setAttribute('aria-busy', String(busy));
    this.root.querySelectorAll('button').forEach((button) => { button.disabled = busy; });
  }

  /** Redraws from the log, the configured weights (undefined: loading, null: unknown) and the last observation. */
  render(log, weights, last) {
    this.root.dataset.observed = String(log.recorded);
    this.#renderLights(log.lightSlots());
    this.#renderSplit(log.split(), weights);
    this.#renderData(last);
  }

  #row(cluster) {
    const row = document.createElement('div');
    row.className = 'lights';
    const label = document.createElement('span');
    label.className = `lights__label lights__label--${cluster}`;
    label.textContent = cluster;
    const lights = document.createElement('div');
    lights.className = 'lights__row';
    lights.setAttribute('role', 'list');
    lights.dataset.cluster = cluster;
    row.append(label, lights);
    this.root.querySelector('.traffic__rows').append(row);
    return lights;
  }

  #renderLights(slots) {
    this.rows.forEach((row, cluster) => {
      row.setAttribute('aria-label', t('lights.row', { cluster }));
      row.replaceChildren(...slots.map((entry) => this.#light(entry, cluster)));
    });
  }

  #light(entry, cluster) {
    const state = lightState(entry, cluster);
    const light = document.createElement('span');
    light.setAttribute('role', 'listitem');
    light.dataset.state = state;
    light.className = `light light--${state}`;
    if (state === 'served') {
      light.classList.add(`light--${cluster}`);
      light.classList.toggle('light--failed', entry.status >= FAILED_STATUS);
    }
    const label = lightLabel(state, entry);
    light.setAttribute('aria-label', label);
    light.title = label;
    return light;
  }

  #renderSplit(split, weights) {
    const configured = this.root.querySelector('.split__configured');
    const actual = this.root.querySelector('.split__actual');
    const entry = weights?.get(this.section.service);
    const configuredText = (cluster) => {
      if (weights === undefined) return '…';
      if (weights === null) return t('split.unknown');
      if (!entry || !entry.configured) return t('split.notConfigured');
      return `${formatPercent(entry.weights[cluster])}%`;
    };
    CLUSTERS.forEach((cluster) => {
      configured.querySelector(`[data-cell="${cluster}"]`).textContent = configuredText(cluster);
    });
    configured.querySelector('[data-cell="none"]').textContent = '–';
    actual.querySelector('th').textContent = t('split.actual', { total: split.total });
    ['ctx1', 'ctx2', 'none'].forEach((key) => {
      actual.querySelector(`[data-cell="${key}"]`).textContent =
        `${split.counts[key]} (${formatPercent(split.percent(key))}%)`;
    });
    this.root.querySelector('.split__note').textContent = splitNote(weights, entry);
  }

  #renderData(last) {
    const status = this.root.querySelector('.data__status');
    const list = this.root.querySelector('.data__list');
    if (!last) {
      status.textContent = t('data.loading');
      return;
    }
    if (!last.ok) {
      status.textContent = last.status === 0
        ? t('data.network')
        : t('data.failed', { status: last.status, detail: last.body ? '' : last.text.slice(0, 80) });
      return;
    }
    const items = itemsOf(last.body);
    status.textContent = items.length === 0
      ? t('data.empty')
      : t('data.count', { count: items.length, cluster: last.cluster ?? '?', pod: last.pod ?? t('pod.none') });
    list.replaceChildren(...items.map((item) => this.#item(item)));
  }

  #item(item) {
    const { title, details } = describeItem(this.section, item);
    const li = document.createElement('li');
    li.className = 'data__item';
    const strong = document.createElement('strong');
    strong.textContent = title;
    li.append(strong);
    details.forEach(([key, value]) => {
      const span = document.createElement('span');
      span.className = 'data__detail';
      span.textContent = `${key}: ${value}`;
      li.append(span);
    });
    return li;
  }
}

function lightLabel(state, entry) {
  switch (state) {
    case 'idle':
      return t('light.idle');
    case 'unknown':
      return entry.status === 0
        ? t('light.network', { seq: entry.seq, latency: entry.latencyMs })
        : t('light.unknown', { seq: entry.seq, status: entry.status, latency: entry.latencyMs });
    case 'elsewhere':
      return t('light.elsewhere', { seq: entry.seq, cluster: entry.cluster });
    default:
      return t('light.served', {
        seq: entry.seq, cluster: entry.cluster, pod: entry.pod ?? t('pod.none'),
        status: entry.status, latency: entry.latencyMs,
      });
  }
}

function splitNote(weights, entry) {
  if (weights === undefined) return '';
  if (weights === null) return t('split.note.unknown');
  if (!entry || !entry.configured) return t('split.note.notConfigured');
  const source = t('split.note.source', { virtualService: entry.virtualService || '–', route: entry.route });
  return entry.unpinned > 0 ? `${source}. ${t('split.note.unpinned', { percent: formatPercent(entry.unpinned) })}` : source;
}

function formatPercent(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
