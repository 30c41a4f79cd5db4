// Draws one section: its lights (the outcome of each request, told apart by colour, shape and icon), its
// configured-versus-actual split with the significance statement, the fault badges and its data list.

import { t, translate } from './i18n.js';
import { CLUSTERS, LIGHT_COUNT, formatPercent, significance, split } from './stats.js';
import { describeItem, itemsOf } from './sections.js';

/** The icon each outcome carries, so that no outcome is told by colour alone. */
export const OUTCOME_ICONS = {
  ctx1: '', ctx2: '', delayed: '⏱', app5xx: '!', fault: '⚡', uh: '∅', uo: '≫', ut: '⌛', mesh: '?', network: '×',
};

const SERVED = ['ctx1', 'ctx2', 'delayed', 'app5xx'];

/** 'idle' | 'served' | 'elsewhere' | 'unknown' for `entry` in the row of `cluster`. */
export function lightState(entry, cluster) {
  if (!entry) return 'idle';
  if (!SERVED.includes(entry.outcome)) return 'unknown';
  return entry.cluster === cluster ? 'served' : 'elsewhere';
}

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
    this.detail = this.root.querySelector('.traffic__detail');
    this.root.addEventListener('focusin', (event) => this.#showDetail(event.target));
    this.root.addEventListener('mouseover', (event) => this.#showDetail(event.target));
    container.append(this.root);
    translate(this.root);
  }

  onAction(action, handler) {
    this.root.querySelector(`[data-action="${action}"]`).addEventListener('click', handler);
  }

  setBusy(busy) {
    this.root.setAttribute('aria-busy', String(busy));
    this.root.querySelectorAll('.service__actions button').forEach((button) => { button.disabled = busy; });
  }

  /** Redraws from the entries (oldest first), the configured weights (undefined/null/Map) and the last response. */
  render(entries, recorded, weights, last) {
    this.root.dataset.observed = String(recorded);
    const recent = entries.slice(-LIGHT_COUNT);
    const slots = Array.from({ length: LIGHT_COUNT - recent.length }, () => null).concat(recent);
    this.rows.forEach((row, cluster) => {
      row.setAttribute('aria-label', t('lights.row', { cluster }));
      row.replaceChildren(...slots.map((entry) => this.#light(entry, cluster)));
    });
    this.#renderSplit(split(entries), weights);
    this.#renderData(last);
  }

  /** Badges: [{kind: 'delay'|'abort'|'timeout'|'retries'|'none', text, title}]. */
  renderBadges(badges) {
    const list = this.root.querySelector('.badges');
    list.replaceChildren(...badges.map((badge) => {
      const li = document.createElement('li');
      li.className = `badge badge--${badge.kind}`;
      li.dataset.badge = badge.kind;
      li.textContent = badge.text;
      if (badge.title) li.title = badge.title;
      return li;
    }));
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

  #light(entry, cluster) {
    const state = lightState(entry, cluster);
    const light = document.createElement('span');
    light.setAttribute('role', 'listitem');
    light.dataset.state = state;
    light.className = `light light--${state}`;
    if (entry) {
      light.dataset.outcome = entry.outcome;
      light.dataset.cluster = entry.cluster ?? '';
      if (state !== 'elsewhere') light.textContent = OUTCOME_ICONS[entry.outcome] ?? '';
      if (state === 'served') {
        light.classList.add(`light--${cluster}`);
        light.classList.toggle('light--failed', entry.outcome === 'app5xx');
      }
      light.tabIndex = state === 'elsewhere' ? -1 : 0;
    }
    const label = lightLabel(state, entry);
    light.setAttribute('aria-label', label);
    light.title = label;
    return light;
  }

  #showDetail(target) {
    if (target instanceof HTMLElement && target.classList.contains('light') && target.dataset.state !== 'idle') {
      this.detail.textContent = target.getAttribute('aria-label');
    }
  }

  #renderSplit(counts, weights) {
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
    actual.querySelector('th').textContent = t('split.actual', { total: counts.total });
    ['ctx1', 'ctx2', 'none'].forEach((key) => {
      actual.querySelector(`[data-cell="${key}"]`).textContent =
        `${counts.counts[key]} (${formatPercent(counts.percent(key))}%)`;
    });
    const usable = entry && entry.configured && !(entry.unpinned > 0) ? entry.weights : null;
    const sig = significance(counts.counts, usable);
    const paragraph = this.root.querySelector('.split__significance');
    paragraph.dataset.verdict = sig.verdict;
    paragraph.textContent = t(`sig.${sig.verdict}`, {
      n: sig.n ?? 0, df: sig.df ?? 0,
      chi2: Number.isFinite(sig.chi2) ? sig.chi2.toFixed(2) : '∞',
      p: sig.p === undefined ? '' : (sig.p < 0.001 ? '< 0.001' : sig.p.toFixed(3)),
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
  if (state === 'idle') return t('light.idle');
  if (state === 'elsewhere') return t('light.elsewhere', { seq: entry.seq, cluster: entry.cluster });
  return t('light.detail', {
    seq: entry.seq,
    outcome: t(`outcome.${entry.outcome}`),
    cluster: entry.cluster ?? '–',
    pod: entry.pod ?? t('pod.none'),
    status: entry.status,
    flags: entry.flags.length ? entry.flags.join(',') : '-',
    latency: entry.latencyMs,
    requestId: entry.requestId ?? '–',
  });
}

function splitNote(weights, entry) {
  if (weights === undefined) return '';
  if (weights === null) return t('split.note.unknown');
  if (!entry || !entry.configured) return t('split.note.notConfigured');
  const source = t('split.note.source', { virtualService: entry.virtualService || '–', route: entry.route });
  return entry.unpinned > 0 ? `${source}. ${t('split.note.unpinned', { percent: formatPercent(entry.unpinned) })}` : source;
}
