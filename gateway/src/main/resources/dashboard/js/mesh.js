// What the mesh configuration does to each service right now: fault / timeout / retry badges read from the
// VirtualServices' raw specs (/api/mesh/config), ejected endpoints with a live countdown (/api/mesh/clusters,
// polled every second while anything is ejected), the validation findings (/api/mesh/findings) and whether the
// clusters hold the same configuration (/api/mesh/config's clusters: each cluster's sidecars follow only its own).

import { getJson } from './api.js';
import { language, t } from './i18n.js';

const SLOW_POLL_MILLIS = 5000;
const FAST_POLL_MILLIS = 1000;

/** Badges per service name from the config's virtualServices: Map('user-service' -> [{kind, text, title}]). */
export function badgesFrom(config) {
  const badges = new Map();
  (config?.virtualServices ?? []).forEach((vs) => {
    const spec = vs.rawSpec ?? vs;
    const hosts = spec.hosts ?? vs.hosts ?? [];
    (spec.http ?? []).forEach((route) => {
      const match = describeMatch(route.match);
      const when = match ? ` · ${t('badge.match', { match })}` : '';
      const found = [];
      const fault = route.fault ?? {};
      if (fault.delay) {
        found.push({ kind: 'delay', text: `⏱ ${t('badge.delay', {
          delay: fault.delay.fixedDelay ?? fault.delay.fixed_delay ?? '?', percent: percentOf(fault.delay) })}${when}` });
      }
      if (fault.abort) {
        found.push({ kind: 'abort', text: `⚡ ${t('badge.abort', {
          status: fault.abort.httpStatus ?? fault.abort.grpcStatus ?? '?', percent: percentOf(fault.abort) })}${when}` });
      }
      if (route.timeout) found.push({ kind: 'timeout', text: `⌛ ${t('badge.timeout', { timeout: route.timeout })}${when}` });
      if (route.retries && route.retries.attempts > 0) {
        const perTry = route.retries.perTryTimeout ? t('badge.perTry', { perTry: route.retries.perTryTimeout }) : '';
        found.push({ kind: 'retries', text: `↻ ${t('badge.retries', { attempts: route.retries.attempts, perTry })}${when}`,
          title: route.retries.retryOn ? `retryOn: ${route.retries.retryOn}` : '' });
      }
      hosts.forEach((host) => {
        const service = host.split('.')[0];
        badges.set(service, (badges.get(service) ?? []).concat(found));
      });
    });
  });
  return badges;
}

function percentOf(part) {
  const p = part.percentage;
  if (p === undefined || p === null) return 100;
  return typeof p === 'object' ? (p.value ?? 100) : p;
}

function describeMatch(matches) {
  if (!Array.isArray(matches) || matches.length === 0) return '';
  return matches.map((m) => Object.entries(m.headers ?? {})
    .map(([name, how]) => `${name}: ${how.exact ?? how.prefix ?? how.regex ?? how.value ?? '*'}`)
    .concat(m.uri ? [`uri ${m.uri.prefix ?? m.uri.exact ?? m.uri.regex ?? ''}`] : [])
    .join(', ')).filter(Boolean).join(' | ');
}

/** The ejected hosts in an /api/mesh/clusters answer: [{key, sidecar, cluster, host, leftMs, count}]. */
export function ejectedHosts(clusters) {
  const out = [];
  (clusters?.sidecars ?? []).forEach((sidecar) => {
    const who = `${sidecar.workload?.service ?? '?'}@${sidecar.workload?.cluster ?? '?'}`;
    (sidecar.cluster_statuses ?? []).forEach((status) => {
      (status.host_statuses ?? []).forEach((host) => {
        const ejection = host.ejection ?? {};
        const flagged = host.health_status?.failed_outlier_check === true;
        if (ejection.ejected || flagged) {
          const address = host.address?.socket_address;
          out.push({
            key: `${who}|${status.name}|${host.hostname ?? ''}|${address?.address}:${address?.port_value}`,
            sidecar: who,
            cluster: status.name,
            host: host.hostname || (address ? `${address.address}:${address.port_value}` : '?'),
            leftMs: ejection.time_left_ms ?? null,
            count: ejection.ejection_count ?? 1,
          });
        }
      });
    });
  });
  return out;
}

export class MeshState {
  #ejected = [];
  #readAt = 0;
  #timer = null;
  #ejectionsOk = true;
  #findings = null;
  #badgeListeners = [];
  #config = null;

  onBadges(listener) {
    this.#badgeListeners.push(listener);
  }

  start() {
    this.reloadConfig();
    this.reloadFindings();
    this.#pollEjections();
    setInterval(() => this.#renderEjections(), 1000);
    document.addEventListener('languagechange', () => {
      this.#emitBadges();
      this.#renderEjections();
      this.#renderFindings();
      this.#renderClusters();
    });
  }

  async reloadConfig() {
    const r = await getJson('/api/mesh/config');
    this.#config = r.ok ? r.body : null;
    this.#emitBadges();
    this.#renderClusters();
    if (!this.#findingsFromApi) this.#renderFindings();
  }

  #renderClusters() {
    const line = document.getElementById('cluster-configs');
    const clusters = this.#config?.clusters ?? [];
    const differing = new Set(clusters.flatMap((c) => c.differences ?? []));
    line.dataset.differs = String(differing.size > 0);
    const unreadable = clusters.filter((c) => c.problem);
    line.dataset.unreadable = String(unreadable.length > 0);
    if (unreadable.length > 0) {
      line.textContent = unreadable.map((c) => t('clusters.unreadable', { cluster: c.cluster, problem: c.problem }))
        .join(' · ');
      return;
    }
    if (clusters.length < 2) {
      line.textContent = '';
      return;
    }
    const names = clusters.map((c) => t('clusters.item', { cluster: c.cluster, generation: c.generation })).join(' · ');
    line.textContent = differing.size > 0 ? t('clusters.differ', { count: differing.size, clusters: names })
                                         : t('clusters.same', { clusters: names });
  }

  #findingsFromApi = false;

  async reloadFindings() {
    const r = await getJson('/api/mesh/findings');
    this.#findingsFromApi = r.ok && Array.isArray(r.body?.findings);
    this.#findings = this.#findingsFromApi ? r.body.findings : null;
    this.#renderFindings();
  }

  #emitBadges() {
    const badges = badgesFrom(this.#config);
    this.#badgeListeners.forEach((listener) => listener(badges, this.#config !== null));
  }

  async #pollEjections() {
    const r = await getJson('/api/mesh/clusters');
    this.#ejectionsOk = r.ok;
    this.#ejected = r.ok ? ejectedHosts(r.body) : [];
    this.#readAt = Date.now();
    this.#renderEjections();
    const delay = this.#ejected.length > 0 ? FAST_POLL_MILLIS : SLOW_POLL_MILLIS;
    this.#timer = setTimeout(() => this.#pollEjections(), delay);
  }

  /** Asks for the ejection state now (after a scenario change, say). */
  refreshEjections() {
    clearTimeout(this.#timer);
    this.#pollEjections();
  }

  #renderEjections() {
    const status = document.getElementById('ejections-status');
    const list = document.getElementById('ejections');
    if (!this.#ejectionsOk) {
      status.textContent = t('ejections.unavailable');
      list.replaceChildren();
      return;
    }
    status.textContent = this.#ejected.length === 0 ? t('ejections.none') : t('ejections.some', { count: this.#ejected.length });
    const elapsed = Date.now() - this.#readAt;
    list.replaceChildren(...this.#ejected.map((e) => {
      const li = document.createElement('li');
      li.className = 'ejection';
      const seconds = e.leftMs === null ? '?' : Math.max(0, Math.ceil((e.leftMs - elapsed) / 1000));
      li.dataset.secondsLeft = String(seconds);
      li.textContent = t('ejections.item', { sidecar: e.sidecar, cluster: e.cluster, host: e.host, seconds, count: e.count });
      return li;
    }));
  }

  #renderFindings() {
    const status = document.getElementById('findings-status');
    const list = document.getElementById('findings');
    const findings = this.#findings ?? (this.#config?.diagnostics ?? null);
    if (findings === null) {
      status.textContent = t('findings.unavailable');
      list.replaceChildren();
      return;
    }
    status.textContent = findings.length === 0 ? t('findings.none') : t('findings.count', { count: findings.length });
    list.replaceChildren(...findings.map((f) => {
      const li = document.createElement('li');
      const severity = String(f.severity ?? 'INFO').toUpperCase();
      li.className = `finding finding--${severity.toLowerCase()}`;
      const head = document.createElement('strong');
      head.textContent = `${severity} [${f.code}] `;
      const title = f.title?.[language()] ?? f.title?.en ?? '';
      const text = document.createElement('span');
      text.textContent = `${title ? `${title} — ` : ''}${f.resource ?? ''} ${f.fieldPath ?? ''}: ${f.message ?? ''}`;
      li.append(head, text);
      return li;
    }));
  }
}
